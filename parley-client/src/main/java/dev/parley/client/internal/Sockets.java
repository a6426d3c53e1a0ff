package dev.parley.client.internal;

import dev.parley.client.ClientEvent;
import dev.parley.client.RealtimeSocket;
import dev.parley.client.ServerEvent;
import dev.parley.client.SttEvent;
import dev.parley.client.SttSocket;
import dev.parley.client.TtsEvent;
import dev.parley.client.TtsSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** The three socket types over one {@link WsConnection}. */
public final class Sockets {
    private Sockets() {}

    public static TtsSocket tts(WsConnection<TtsEvent> c) {
        return new Tts(c);
    }

    public static SttSocket stt(WsConnection<SttEvent> c, String id) {
        return new Stt(c, id);
    }

    public static RealtimeSocket realtime(WsConnection<ServerEvent> c) {
        return new Realtime(c);
    }

    /** What every socket type does the same way: close and abort go to the connection. */
    private abstract static class Over<E> {
        final WsConnection<E> c;

        Over(WsConnection<E> c) {
            this.c = c;
        }

        public void close() {
            c.close();
        }

        public void abort() {
            c.abort();
        }
    }

    private static final class Tts extends Over<TtsEvent> implements TtsSocket {
        Tts(WsConnection<TtsEvent> c) {
            super(c);
        }

        @Override
        public CompletableFuture<Void> sendText(String delta) {
            return c.sendText(Events.ttsText("text.delta", delta));
        }

        @Override
        public CompletableFuture<Void> done() {
            return c.sendText(Events.ttsText("text.done", null));
        }

        @Override
        public CompletableFuture<Void> clear() {
            return c.sendText(Events.ttsText("text.clear", null));
        }
    }

    private static final class Stt extends Over<SttEvent> implements SttSocket {
        private final String id;

        Stt(WsConnection<SttEvent> c, String id) {
            super(c);
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public CompletableFuture<Void> sendAudio(byte[] audio, int offset, int length) {
            return c.sendBinary(ByteBuffer.wrap(Arrays.copyOfRange(audio, offset, offset + length)));
        }

        @Override
        public CompletableFuture<Void> audioDone() {
            return c.sendText("{\"type\":\"audio.done\"}");
        }

        @Override
        public CompletableFuture<Void> finalizeUtterance() {
            return c.sendText("{\"type\":\"finalize\"}");
        }
    }

    private static final class Realtime extends Over<ServerEvent> implements RealtimeSocket {
        Realtime(WsConnection<ServerEvent> c) {
            super(c);
        }

        @Override
        public CompletableFuture<Void> send(ClientEvent event) {
            return c.sendText(Events.encode(event, null));
        }

        @Override
        public CompletableFuture<Void> send(ClientEvent event, String eventId) {
            return c.sendText(Events.encode(event, eventId));
        }

        @Override
        public String subprotocol() {
            return c.webSocket().getSubprotocol();
        }
    }
}
