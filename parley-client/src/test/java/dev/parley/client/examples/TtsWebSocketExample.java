package dev.parley.client.examples;

import dev.parley.client.AudioCodec;
import dev.parley.client.SocketListener;
import dev.parley.client.TtsEvent;
import dev.parley.client.TtsSocket;
import dev.parley.client.TtsStreamOptions;
import dev.parley.client.VoiceClient;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streaming TTS over {@code wss://…/v1/tts}: text sent in pieces, audio received as it is made.
 * Usage: {@code TtsWebSocketExample out.wav [voice] [sampleRate] "text piece" "text piece" ...}
 */
public final class TtsWebSocketExample {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String voice = args.length > 1 ? args[1] : "eve";
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 24000;
        String name = out.getFileName().toString();
        AudioCodec codec = AudioCodec.of(name.substring(name.lastIndexOf('.') + 1));
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        CompletableFuture<String> done = new CompletableFuture<>();
        SocketListener<TtsEvent> listener = new SocketListener<>() {
            @Override
            public void onEvent(TtsEvent event) {
                switch (event) {
                    case TtsEvent.AudioDelta d -> audio.writeBytes(d.audio());
                    case TtsEvent.AudioDone d -> done.complete(d.traceId());
                    case TtsEvent.Error e -> done.completeExceptionally(new IllegalStateException(e.message()));
                    case TtsEvent.AudioClear c -> { }
                    case TtsEvent.Unknown u -> System.err.println("ignoring " + u.type());
                }
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
        try (VoiceClient client = ExampleEnv.client();
                TtsSocket socket = client.openTts(TtsStreamOptions.of(voice, "en", codec).withSampleRate(rate), listener)) {
            if (args.length > 3) for (int i = 3; i < args.length; i++) socket.sendText(args[i]);
            else socket.sendText("Streaming speech, ").thenCompose(x -> socket.sendText("one piece at a time."));
            socket.done();
            String trace = done.get(120, TimeUnit.SECONDS);
            Files.write(out, audio.toByteArray());
            System.out.println("wrote " + audio.size() + " bytes to " + out + " (trace " + trace + ")");
        }
    }
}
