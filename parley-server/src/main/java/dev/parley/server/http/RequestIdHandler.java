package dev.parley.server.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Outermost handler: gives every request an id ({@link RequestIds}) stored as a request attribute and sent as the
 * {@code x-request-id} response header, so every response carries one, including the 503s of a shutting-down
 * server. Wiring for {@code ParleyServer}.
 */
public final class RequestIdHandler extends Handler.Wrapper {
    public RequestIdHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        ensure(request, response);
        return super.handle(request, response, callback);
    }

    /** The request's id, assigning one (attribute and response header) when it has none yet. */
    static String ensure(Request request, Response response) {
        String id = (String) request.getAttribute(RequestIds.ATTRIBUTE);
        if (id == null) {
            id = RequestIds.echoOrGenerate(request.getHeaders().get(RequestIds.HEADER));
            request.setAttribute(RequestIds.ATTRIBUTE, id);
        }
        if (!response.isCommitted()) response.getHeaders().put(RequestIds.HEADER, id);
        return id;
    }
}
