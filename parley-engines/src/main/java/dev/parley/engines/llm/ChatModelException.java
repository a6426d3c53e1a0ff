package dev.parley.engines.llm;

/** A chat backend refused or failed a request. {@link #status()} is the HTTP status, or 0 when there was none. */
public final class ChatModelException extends RuntimeException {
    private final int status;

    public ChatModelException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ChatModelException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }
}
