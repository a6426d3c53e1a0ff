package dev.parley.server.http;

/**
 * The REST error body xAI is observed to send: {@code {"code": "<status text>", "error": "<human message>"}}
 * (spec §1.4, {@code OBSERVED}). The {@code code} strings follow the gRPC canonical status descriptions xAI uses
 * (for example {@code "Client specified an invalid argument"} for 400); statuses without a gRPC counterpart use the
 * HTTP reason phrase.
 *
 * @param code  the status text
 * @param error the human-readable message
 */
public record ErrorBody(String code, String error) {

    /** The error body for {@code status} with the given message. */
    public static ErrorBody of(int status, String message) {
        return new ErrorBody(codeFor(status), message);
    }

    /** The {@code code} text for an HTTP status. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "Client specified an invalid argument";
            case 401 -> "The request does not have valid authentication credentials";
            case 403 -> "The caller does not have permission to execute the specified operation";
            case 404 -> "Some requested entity was not found";
            case 405 -> "Method not allowed";
            case 408 -> "The deadline expired before the operation could complete";
            case 409 -> "The entity that a client attempted to create already exists";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            case 426 -> "Upgrade required";
            case 429 -> "Some resource has been exhausted";
            case 500 -> "Internal error";
            case 501 -> "The operation is not implemented";
            case 502 -> "Bad gateway";
            case 503 -> "The service is currently unavailable";
            case 504 -> "The deadline expired before the operation could complete";
            default -> org.eclipse.jetty.http.HttpStatus.getMessage(status);
        };
    }
}
