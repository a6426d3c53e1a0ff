package dev.parley.server.auth;

import java.util.Objects;

/**
 * Where a credential is being presented: over plain HTTP ({@link Transport#REST}) or in a WebSocket handshake
 * ({@link Transport#WEBSOCKET}), and on which route template (e.g. {@code /v1/realtime}). Verifiers use it to
 * restrict credentials, e.g. ephemeral client secrets are valid only for the {@code /v1/realtime} handshake.
 *
 * @param transport REST or WebSocket
 * @param route     the route template the request matched (never the raw path)
 */
public record Scope(Transport transport, String route) {
    public Scope {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(route, "route");
    }

    /** How the credential arrived. */
    public enum Transport { REST, WEBSOCKET }

    public static Scope rest(String route) {
        return new Scope(Transport.REST, route);
    }

    public static Scope websocket(String route) {
        return new Scope(Transport.WEBSOCKET, route);
    }
}
