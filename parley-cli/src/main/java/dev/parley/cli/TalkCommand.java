package dev.parley.cli;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.audio.Wav;
import dev.parley.client.ClientEvent;
import dev.parley.client.RealtimeAudioFormat;
import dev.parley.client.RealtimeOptions;
import dev.parley.client.RealtimeSocket;
import dev.parley.client.Response;
import dev.parley.client.ServerEvent;
import dev.parley.client.SessionConfig;
import dev.parley.client.SocketListener;
import dev.parley.client.TurnDetection;
import dev.parley.client.VoiceClient;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley talk --input question.wav --output answer.wav}: one turn with the voice agent over
 * {@code /v1/realtime} (manual turn: append the audio, commit, {@code response.create}), printing both transcripts.
 */
@Command(name = "talk", mixinStandardHelpOptions = true,
        description = {"One spoken turn with the voice agent (GET /v1/realtime).",
                "Sends a recorded question, writes the spoken answer as a WAV file, and prints what was heard",
                "and what was answered."})
public final class TalkCommand extends RemoteCommand {
    static final int RATE = 24000;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "The question: any audio file (wav, mp3, ...).")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the answer (16-bit WAV, 24 kHz).")
    Path output;

    @Option(names = {"-v", "--voice"}, paramLabel = "VOICE", description = "Voice of the agent (default: the server's).")
    String voice;

    @Option(names = "--instructions", paramLabel = "TEXT", description = "System prompt for the agent.")
    String instructions;

    @Option(names = "--model", paramLabel = "MODEL", description = "Realtime model (default: the server's).")
    String model;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature of the answer; 0 answers the same question the same way (default: the server's).")
    Double temperature;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "180", description = "Seconds to wait for the answer (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    public TalkCommand() {
        this(System.getenv());
    }

    TalkCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    int run(VoiceClient client) throws Exception {
        if (!Files.isRegularFile(input)) throw new IllegalArgumentException("no such file: " + input);
        AudioClip clip = AudioFiles.decode(input);
        byte[] pcm = Pcm16.fromFloat(Resampler.resample(clip.mono(), clip.sampleRate(), RATE));

        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        CompletableFuture<String> heard = new CompletableFuture<>();
        CompletableFuture<Response> done = new CompletableFuture<>();
        StringBuilder errors = new StringBuilder();
        SocketListener<ServerEvent> listener = new SocketListener<>() {
            @Override
            public void onEvent(ServerEvent event) {
                switch (event) {
                    case ServerEvent.InputTranscriptionCompleted t -> heard.complete(t.transcript());
                    case ServerEvent.OutputAudioDelta d -> answer.writeBytes(d.audio());
                    case ServerEvent.ResponseDone d -> done.complete(d.response());
                    case ServerEvent.Error e -> {
                        errors.append(e.message()).append('\n');
                        if (!done.isDone()) done.completeExceptionally(new IllegalStateException(
                                "the agent answered with an error: " + e.code() + ": " + e.message()));
                    }
                    default -> { }
                }
            }

            @Override
            public void onClose(int statusCode, String reason) {
                done.completeExceptionally(new IllegalStateException("the server closed the session (" + statusCode
                        + (reason.isEmpty() ? "" : ", " + reason) + ") before answering"));
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
        Response response;
        try (RealtimeSocket socket = client.openRealtime(new RealtimeOptions(model, null), listener)) {
            SessionConfig session = SessionConfig.empty().withTurnDetection(TurnDetection.manual())
                    .withFormats(RealtimeAudioFormat.pcm(RATE), RealtimeAudioFormat.pcm(RATE));
            if (voice != null) session = session.withVoice(voice);
            if (instructions != null) session = session.withInstructions(instructions);
            if (temperature != null) session = session.withTemperature(temperature);
            socket.send(new ClientEvent.SessionUpdate(session));
            int chunk = RATE * 2; // one second per append
            for (int off = 0; off < pcm.length; off += chunk) {
                socket.send(new ClientEvent.InputAudioAppend(Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + chunk)))).join();
            }
            socket.send(new ClientEvent.InputAudioCommit());
            socket.send(new ClientEvent.ResponseCreate());
            try {
                response = done.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            } catch (TimeoutException e) {
                throw new IllegalStateException("no answer within " + timeoutSeconds + " s");
            }
        }
        String question;
        try {
            question = heard.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            question = "(no transcript)";
        }
        byte[] audio = answer.toByteArray();
        Files.write(output, Wav.wrapPcm16(audio, RATE, 1));
        out().println("you:   " + question);
        out().println("agent: " + response.text());
        err().printf("parley: %s answer, %.2f s of audio written to %s%n", response.status(), audio.length / (2.0 * RATE), output);
        return "completed".equals(response.status()) ? 0 : 1;
    }
}
