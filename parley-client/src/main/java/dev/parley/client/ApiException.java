package dev.parley.client;

/**
 * The server answered with an error: an HTTP status other than success, with the xAI error body
 * {@code {"code": "...", "error": "..."}} (also read: {@code {"error": {"message", "type", "code"}}}), or a WebSocket
 * handshake the server refused with such a response.
 *
 * <p>Errors that arrive <em>inside</em> an open WebSocket are events ({@link TtsEvent.Error}, {@link SttEvent.Error},
 * {@link ServerEvent.Error}), not exceptions. Transport failures (connection refused, reset) are {@link java.io.IOException}s.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String code;
    private final String error;
    private final String requestId;

    /**
     * @param statusCode HTTP status, e.g. 400 or 401
     * @param code       the body's {@code code} (a status text such as {@code "Client specified an invalid argument"}), or null
     * @param error      the body's human-readable {@code error} message, or the raw body when it is not the JSON form
     * @param requestId  the {@code x-request-id} response header, or null
     */
    public ApiException(int statusCode, String code, String error, String requestId) {
        super("HTTP " + statusCode + (code == null ? "" : " (" + code + ")") + ": " + error);
        this.statusCode = statusCode;
        this.code = code;
        this.error = error;
        this.requestId = requestId;
    }

    /** The HTTP status code. */
    public int statusCode() {
        return statusCode;
    }

    /** The body's {@code code} field, or null when the body had none. */
    public String code() {
        return code;
    }

    /** The body's {@code error} message (never null; the raw body, or the status line, when the body was not JSON). */
    public String error() {
        return error;
    }

    /** The {@code x-request-id} header of the response, or null. */
    public String requestId() {
        return requestId;
    }
}
