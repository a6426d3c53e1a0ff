package dev.parley.server.realtime.internal;

/**
 * A recoverable client error, sent as an {@code error} event (spec §4.4, §4.7); the session goes on.
 *
 * @see #toEvent
 */
public final class RealtimeError extends RuntimeException {
    private final String type;
    private final String code;
    private final String param;

    public RealtimeError(String type, String code, String message, String param) {
        super(message, null, false, false);
        this.type = type;
        this.code = code;
        this.param = param;
    }

    /** {@code invalid_request_error} with a specific code. */
    public static RealtimeError invalid(String code, String message, String param) {
        return new RealtimeError("invalid_request_error", code, message, param);
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }
}
