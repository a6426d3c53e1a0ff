package dev.parley.server.ws;

import dev.parley.server.auth.Principal;
import java.util.List;
import java.util.Map;

/**
 * An authenticated WebSocket upgrade request, as seen by {@link WsEndpoint#accept}. Immutable.
 *
 * @param route                the route template that matched, e.g. {@code /v1/tts}
 * @param path                 the decoded request path
 * @param pathParams           decoded path parameters of the template
 * @param query                query parameters, in order, each with every value
 * @param headers              request headers, keys case-insensitive, each with every value
 * @param principal            the authenticated caller
 * @param requestId            the request id (also the {@code x-request-id} of the 101 or error response)
 * @param offeredSubprotocols  the subprotocols the client offered, in order
 * @param selectedSubprotocol  the subprotocol the server will echo in the 101 response, or null for none
 */
public record WsHandshake(String route, String path, Map<String, String> pathParams, Map<String, List<String>> query,
        Map<String, List<String>> headers, Principal principal, String requestId, List<String> offeredSubprotocols,
        String selectedSubprotocol) {

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    /** The first value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }
}
