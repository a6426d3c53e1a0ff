package dev.parley.server.secrets;

/**
 * A client-secret request the client got wrong: the HTTP layer answers {@code 400} with the xAI error body
 * {@code {"code": "Client specified an invalid argument", "error": <message>}} (spec §1.4, §3).
 */
public final class SecretRequestException extends RuntimeException {
    /** The {@code code} of the xAI REST error body for a 400. */
    public static final String CODE = "Client specified an invalid argument";

    public SecretRequestException(String message) {
        super(message);
    }

    /** HTTP status to answer with. */
    public int status() {
        return 400;
    }
}
