package dev.parley.server.ws;

import dev.parley.server.http.ApiException;

/**
 * A WebSocket endpoint registered on a route with {@code Router.websocket(template, endpoint)}.
 *
 * <p>{@link #accept} runs <em>before</em> the upgrade, after the server has authenticated the caller (Bearer header or
 * {@code xai-client-secret.<token>} subprotocol) and checked that it is not draining. It validates the handshake
 * (query parameters, voice ids, ...) and either throws {@link ApiException} — the client then gets that HTTP status
 * with the JSON error body and no upgrade — or returns the Jetty endpoint object for this connection.
 *
 * <p>The returned object must be an instance of a <strong>public</strong> class (Jetty fails the upgrade with HTTP 500
 * otherwise) implementing {@code org.eclipse.jetty.websocket.api.Session.Listener} (or its {@code AutoDemanding}
 * variant), or annotated with {@code @WebSocket}. Keep Jetty types in that thin adapter and drive a transport-free
 * session object from it.
 *
 * <p>Threading: called on a virtual thread, concurrently for different handshakes. The upgrade may still fail after
 * {@code accept} returns (e.g. the client goes away), so {@code accept} must not allocate resources that need closing:
 * allocate them in {@code onWebSocketOpen} and release them in {@code onWebSocketClose}.
 */
@FunctionalInterface
public interface WsEndpoint {
    /**
     * @param handshake the authenticated upgrade request
     * @return the endpoint object for this connection, never null
     * @throws ApiException to reject the upgrade with an HTTP error
     */
    Object accept(WsHandshake handshake) throws ApiException;
}
