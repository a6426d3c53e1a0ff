package dev.parley.server.ws;

import dev.parley.server.http.ApiException;

/**
 * A WebSocket endpoint registered on a route with {@code Router.websocket(template, endpoint)}.
 *
 * <p>{@link #accept} runs <em>before</em> the upgrade, after the server has authenticated the caller (Bearer header or
 * {@code xai-client-secret.<token>} subprotocol) and checked that it is not draining. It validates the handshake
 * (query parameters, voice ids, ...) and either throws {@link ApiException} — the client then gets that HTTP status
 * with the JSON error body and no upgrade — or returns the {@link ProtocolSession} of this connection, which the
 * server drives through its one Jetty adapter ({@link WsConnection}). Endpoints never see Jetty types.
 *
 * <p>Threading: called on a virtual thread, concurrently for different handshakes. The upgrade may still fail after
 * {@code accept} returns (e.g. the client goes away), so the session must not hold resources before
 * {@link ProtocolSession#start}: acquire them there and release them in {@link ProtocolSession#close}. The router
 * takes the connection's place under the session caps ({@link dev.parley.server.http.Admission}) before calling
 * {@code accept}, so an endpoint does not count its sessions.
 */
@FunctionalInterface
public interface WsEndpoint {
    /**
     * @param handshake the authenticated upgrade request
     * @return the session for this connection, never null
     * @throws ApiException to reject the upgrade with an HTTP error
     */
    ProtocolSession accept(WsHandshake handshake) throws ApiException;
}
