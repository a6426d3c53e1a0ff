package dev.parley.server.testing;

import dev.parley.server.ws.ProtocolSession;
import dev.parley.server.ws.SessionSink;

/** Test-only WebSocket session: echoes text messages. */
public class EchoEndpoint implements ProtocolSession {
    private SessionSink sink;

    @Override
    public void start(SessionSink sink) {
        this.sink = sink;
    }

    @Override
    public void onText(String text) {
        sink.send(text);
    }

    @Override
    public void onBinary(byte[] data) {}

    @Override
    public void close(CloseReason reason) {
        // nothing held
    }
}
