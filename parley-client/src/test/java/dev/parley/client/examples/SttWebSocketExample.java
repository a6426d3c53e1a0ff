package dev.parley.client.examples;

import dev.parley.client.SocketListener;
import dev.parley.client.SttEvent;
import dev.parley.client.SttSocket;
import dev.parley.client.SttStreamOptions;
import dev.parley.client.VoiceClient;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Streaming STT over {@code wss://…/v1/stt}: a WAV file sent as 100 ms binary frames of 16-bit PCM; interim and final
 * transcripts printed as they come.
 * Usage: {@code SttWebSocketExample recording.wav}
 */
public final class SttWebSocketExample {
    public static void main(String[] args) throws Exception {
        AudioInputStream wav = AudioSystem.getAudioInputStream(new File(args[0]));
        AudioFormat f = wav.getFormat();
        int rate = (int) f.getSampleRate();
        AudioInputStream pcm = AudioSystem.getAudioInputStream(new AudioFormat(rate, 16, 1, true, false), wav);
        StringBuilder finals = new StringBuilder();
        CompletableFuture<Void> done = new CompletableFuture<>();
        SocketListener<SttEvent> listener = new SocketListener<>() {
            @Override
            public void onEvent(SttEvent event) {
                switch (event) {
                    case SttEvent.Created c -> System.out.println("session " + c.id());
                    case SttEvent.Partial p when p.speechFinal() -> {
                        System.out.println("final:   " + p.text());
                        finals.append(p.text()).append(' ');
                    }
                    case SttEvent.Partial p -> System.out.println((p.isFinal() ? "chunk:   " : "interim: ") + p.text());
                    case SttEvent.Done d -> {
                        finals.append(d.text());
                        done.complete(null);
                    }
                    case SttEvent.Error e -> done.completeExceptionally(new IllegalStateException(e.message()));
                    case SttEvent.Unknown u -> { }
                }
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
        try (VoiceClient client = ExampleEnv.client();
                SttSocket socket = client.openStt(SttStreamOptions.pcm(rate, true), listener)) {
            byte[] chunk = new byte[rate / 10 * 2];
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            pcm.transferTo(all);
            byte[] audio = all.toByteArray();
            for (int off = 0; off < audio.length; off += chunk.length) {
                socket.sendAudio(audio, off, Math.min(chunk.length, audio.length - off)).join(); // join = backpressure
            }
            socket.audioDone();
            done.get(120, TimeUnit.SECONDS);
            System.out.println("transcript: " + finals.toString().strip());
        }
    }
}
