package dev.parley.server.http;

import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler for errors raised outside the router (malformed requests, a stopping server): answers with
 * the xAI JSON error body and an {@code x-request-id}, never an HTML page or a stack trace. Wiring for
 * {@code ParleyServer}.
 */
public final class JsonErrorHandler implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestIdHandler.ensure(request, response);
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
        if (status < 400) status = 500;
        String message = switch (status) {
            case 503 -> "The server is shutting down";
            case 500 -> "Internal server error";
            default -> request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String m && !m.isBlank()
                    ? m : ErrorBody.codeFor(status);
        };
        RouterHandler.sendError(request, response, callback, status, message, Map.of());
        return true;
    }
}
