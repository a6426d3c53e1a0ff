package dev.parley.server.net;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One server-side request for {@link OutboundHttp#send}.
 *
 * @param method  {@code GET}, {@code POST}, ...
 * @param uri     an http or https URL
 * @param headers request headers by name (each an {@link #isFieldName field name} with a {@link #isFieldValue field
 *                value}); {@link OutboundHttp} drops the restricted ones
 *                ({@link OutboundHttp#isRestricted}) and, on a redirect to another origin, every one but
 *                {@code Accept} and {@code Content-Type}
 * @param body    the request body, or null for none
 * @param timeout the most the whole exchange may take: every hop's connect, headers and body together
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        headers.forEach((name, value) -> {
            if (!isFieldName(name) || !isFieldValue(value)) {
                throw new IllegalArgumentException("not a valid HTTP header: " + (isFieldName(name) ? name : "a name"));
            }
        });
        Objects.requireNonNull(timeout, "timeout");
        if (!timeout.isPositive()) throw new IllegalArgumentException("timeout must be positive");
    }

    /** Whether {@code name} is an HTTP field name: an RFC 9110 token. */
    public static boolean isFieldName(String name) {
        return name != null && name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    }

    /**
     * Whether {@code value} may be sent as an HTTP field value: no control character but tab, so no CR or LF that
     * would end the header and start another.
     */
    public static boolean isFieldValue(String value) {
        return value != null && value.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
    }

    /** A {@code GET} without headers. */
    public static OutboundRequest get(URI uri, Duration timeout) {
        return new OutboundRequest("GET", uri, Map.of(), null, timeout);
    }
}
