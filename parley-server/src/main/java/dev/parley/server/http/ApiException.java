package dev.parley.server.http;

import java.util.Map;

/**
 * A failure that the client caused or must be told about, turned into an HTTP status and the xAI error body
 * {@code {"code": "...", "error": "..."}} by the router (spec §1.4).
 *
 * <p>Throw it from an {@link HttpHandler} or from a {@link dev.parley.server.ws.WsEndpoint} (before the upgrade);
 * the router answers with {@link #status()} and {@link #getMessage()} as the {@code error} text. The message is
 * sent to the client verbatim: never put secrets or stack traces in it.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String param;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    public ApiException(int status, String message, Throwable cause) {
        this(status, message, cause, null);
    }

    /**
     * @param param the request field at fault, or null; only the OpenAI error shape carries it
     *              ({@link OpenAiErrorBody}, on the {@code /v1/audio/*} aliases)
     */
    public ApiException(int status, String message, Throwable cause, String param) {
        this(status, message, cause, param, Map.of());
    }

    /** @param headers response headers the answer carries ({@code Retry-After}) */
    public ApiException(int status, String message, Throwable cause, String param, Map<String, String> headers) {
        super(message, cause);
        this.status = checked(status);
        this.param = param;
        this.headers = Map.copyOf(headers);
    }

    private static int checked(int status) {
        if (status < 400 || status > 599) throw new IllegalArgumentException("not an error status: " + status);
        return status;
    }

    /** The HTTP status code, 400..599. */
    public int status() {
        return status;
    }

    /** Headers of the error answer (empty for most). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The request field at fault, or null. */
    public String param() {
        return param;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** A 400 naming the request field at fault ({@link #param()}). */
    public static ApiException invalidParam(String param, String message) {
        return new ApiException(400, message, null, param);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException payloadTooLarge(String message) {
        return new ApiException(413, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }
}
