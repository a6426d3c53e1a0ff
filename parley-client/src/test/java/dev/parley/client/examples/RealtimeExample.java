package dev.parley.client.examples;

import dev.parley.client.ClientEvent;
import dev.parley.client.NewItem;
import dev.parley.client.RealtimeAudioFormat;
import dev.parley.client.RealtimeOptions;
import dev.parley.client.RealtimeSocket;
import dev.parley.client.Response;
import dev.parley.client.ServerEvent;
import dev.parley.client.SessionConfig;
import dev.parley.client.SocketListener;
import dev.parley.client.VoiceClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * One text turn with the voice agent over {@code wss://…/v1/realtime}: ask a question, print the spoken answer's
 * transcript as it streams, save the answer's audio as a WAV file.
 * Usage: {@code RealtimeExample "What is the capital of France?" answer.wav}
 */
public final class RealtimeExample {
    public static void main(String[] args) throws Exception {
        String question = args[0];
        File out = new File(args[1]);
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        CompletableFuture<Response> done = new CompletableFuture<>();
        SocketListener<ServerEvent> listener = new SocketListener<>() {
            @Override
            public void onEvent(ServerEvent event) {
                switch (event) {
                    case ServerEvent.SessionCreated s -> System.out.println("session " + s.session().id()
                            + " model " + s.session().model());
                    case ServerEvent.OutputAudioDelta d -> audio.writeBytes(d.audio());
                    case ServerEvent.OutputAudioTranscriptDelta d -> System.out.print(d.delta());
                    case ServerEvent.ResponseDone d -> done.complete(d.response());
                    case ServerEvent.Error e -> System.err.println("error " + e.code() + ": " + e.message());
                    default -> { }
                }
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
        try (VoiceClient client = ExampleEnv.client();
                RealtimeSocket socket = client.openRealtime(RealtimeOptions.defaults(), listener)) {
            socket.send(new ClientEvent.SessionUpdate(SessionConfig.empty()
                    .withInstructions("You are a helpful voice assistant. Answer in one short sentence.")
                    .withVoice("ara")
                    .withFormats(RealtimeAudioFormat.pcm(24000), RealtimeAudioFormat.pcm(24000))));
            socket.send(new ClientEvent.ItemCreate(NewItem.Message.userText(question)));
            socket.send(new ClientEvent.ResponseCreate());
            Response response = done.get(180, TimeUnit.SECONDS);
            System.out.println();
            System.out.println("status " + response.status() + ", answer: " + response.text());
            byte[] pcm = audio.toByteArray();
            AudioFormat format = new AudioFormat(24000, 16, 1, true, false);
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2),
                    AudioFileFormat.Type.WAVE, out);
            System.out.printf("wrote %.2f s of audio to %s%n", pcm.length / 48000.0, out);
        }
    }
}
