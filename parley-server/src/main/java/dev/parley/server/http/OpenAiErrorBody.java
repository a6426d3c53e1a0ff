package dev.parley.server.http;

/**
 * OpenAI's REST error body, {@code {"error":{"message","type","param","code"}}}, sent on the OpenAI-compatible
 * aliases under {@value #PREFIX} instead of xAI's {@code {"code","error"}} (spec §1.4): those paths are OpenAI's
 * contract, and the OpenAI clients read {@code error.message}, {@code error.type}, {@code error.param} and
 * {@code error.code} from it. {@code param} and {@code code} are JSON {@code null} when unknown, as OpenAI sends them.
 *
 * @param error the error detail
 */
public record OpenAiErrorBody(Detail error) {
    /** Paths that answer errors in this shape. */
    public static final String PREFIX = "/v1/audio/";

    /**
     * @param message human-readable message
     * @param type    {@code invalid_request_error} (4xx), {@code rate_limit_error} (429) or {@code server_error} (5xx)
     * @param param   the request field at fault, or null
     * @param code    a machine-readable code ({@code invalid_api_key} for 401, {@code rate_limit_exceeded} for 429),
     *                or null
     */
    public record Detail(String message, String type, String param, String code) {}

    /** Whether errors on {@code path} (a route template or a request path) use this shape. */
    public static boolean appliesTo(String path) {
        return path != null && path.startsWith(PREFIX);
    }

    /** The body for {@code status}. */
    public static OpenAiErrorBody of(int status, String message, String param) {
        String type = status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
        String code = switch (status) {
            case 401 -> "invalid_api_key";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
        return new OpenAiErrorBody(new Detail(message, type, param, code));
    }
}
