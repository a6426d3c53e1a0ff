package dev.parley.server.testing;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** Test-only WebSocket endpoint: echoes text frames. Public, as Jetty requires. */
public class EchoEndpoint implements Session.Listener.AutoDemanding {
    private Session session;

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        session.sendText(message, Callback.NOOP);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // tests drop raw sockets without a close handshake; nothing to clean up
    }
}
