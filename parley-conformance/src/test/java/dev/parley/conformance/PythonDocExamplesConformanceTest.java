package dev.parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Wav;
import dev.parley.bench.TestSpeech;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python examples from the xAI docs pages the spec cites (DOC-TTS, DOC-STT, DOC-S2S), copied into
 * {@code conformance/python/} with only the URL and the key changed, run with {@code /usr/bin/python3} against the shared live server over {@code wss://}
 * (the examples pass no {@code ssl} argument; Python trusts the self-signed certificate through {@code SSL_CERT_FILE}).
 * The examples use websockets >= 14's {@code additional_headers=}; {@code conformance/python/compat/sitecustomize.py}
 * (on {@code PYTHONPATH}, harness only) maps it to Debian python3-websockets 10.4's {@code extra_headers=}.
 * Each test asserts what the example prints or writes; a failing example fails the test with its whole output.
 */
class PythonDocExamplesConformanceTest {
    static final String PYTHON = "/usr/bin/python3";
    static final String STT_SPEECH = "librispeech/1221-135766-0002.wav";
    static final String STT_TEXT = "YET THESE THOUGHTS AFFECTED HESTER PRYNNE LESS WITH HOPE THAN APPREHENSION";
    static final String AGENT_SPEECH = "librivox/sense_and_sensibility_01_austen_64kb-0880.wav";
    static final String AGENT_TEXT = "he was not an ill disposed young man";
    /** The TTS examples ask for the default codec, MP3 at 128 kbit/s constant bit rate. */
    static final double MP3_BYTES_PER_SECOND = 128_000 / 8.0;

    @TempDir
    Path dir;

    static Map<String, String> env() {
        LiveServer live = LiveServer.get();
        URI https = live.https();
        Map<String, String> env = new HashMap<>();
        env.put("XAI_BASE_URL", "wss://" + https.getHost() + ":" + https.getPort() + "/v1");
        env.put("XAI_API_KEY", LiveServer.KEY);
        env.put("SSL_CERT_FILE", live.certificate().toString());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONPATH", LiveServer.conformanceDir("python").resolve("compat").toString());
        return env;
    }

    static String example(String name) {
        return LiveServer.conformanceDir("python").resolve(name).toString();
    }

    static Path speech(String relative) {
        return TestSpeech.shared().path(relative);
    }

    /** Words for WER: lower case, punctuation except apostrophes removed, then apostrophes dropped, hyphens split. */
    static List<String> words(String s) {
        String t = s.toLowerCase().replace('-', ' ').replaceAll("[^a-z0-9' ]", " ").replace("'", "");
        return Arrays.stream(t.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    static double wer(String reference, String hypothesis) {
        List<String> r = words(reference), h = words(hypothesis);
        int[][] d = new int[r.size() + 1][h.size() + 1];
        for (int i = 0; i <= r.size(); i++) d[i][0] = i;
        for (int j = 0; j <= h.size(); j++) d[0][j] = j;
        for (int i = 1; i <= r.size(); i++)
            for (int j = 1; j <= h.size(); j++)
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (r.get(i - 1).equals(h.get(j - 1)) ? 0 : 1));
        return (double) d[r.size()][h.size()] / r.size();
    }

    static long bytes(String output, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + ": ([0-9,]+) bytes").matcher(output);
        assertThat(m.find()).as("\"%s: N bytes\" in:\n%s", label, output).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void theTtsMultiUtteranceExampleGetsTwoUtterancesOfSpeechLengthOnOneSocket() throws Exception {
        String out = LiveServer.run(dir, env(), 180, PYTHON, example("tts_multi_turn.py"));
        double turn1 = bytes(out, "Turn 1") / MP3_BYTES_PER_SECOND, turn2 = bytes(out, "Turn 2") / MP3_BYTES_PER_SECOND;
        // "Hello from turn one." and "And hello from turn two." spoken: about one to two seconds each
        assertThat(turn1).as(out).isBetween(0.6, 5.0);
        assertThat(turn2).as(out).isBetween(0.6, 5.0);
    }

    @Test
    void theTtsBargeInExampleCancelsWithTextClearAndSpeaksTheNewUtterance() throws Exception {
        String out = LiveServer.run(dir, env(), 180, PYTHON, example("tts_barge_in.py"));
        assertThat(out).contains("Got audio.delta — cancelling");
        double seconds = bytes(out, "New utterance") / MP3_BYTES_PER_SECOND;
        assertThat(seconds).as(out).isBetween(0.6, 5.0); // "Actually, let me start over."
    }

    /**
     * The example prints every final ({@code is_final}) event, chunk-finals and utterance-finals alike, then the
     * {@code transcript.done} text. A chunk-final is superseded by the next final when that one starts with it (the
     * utterance-final carries the whole stitched utterance, spec §9.3); the rest joined is the transcript.
     */
    @Test
    void theStreamingSttExamplePrintsTheTranscriptOfARealRecording() throws Exception {
        Files.copy(speech(STT_SPEECH), dir.resolve("audio.wav"));
        String out = LiveServer.run(dir, env(), 180, PYTHON, example("stt_streaming.py"));
        assertThat(out).startsWith("Server ready");
        List<String> finals = new ArrayList<>();
        String done = "";
        for (String line : out.split("\n")) {
            if (line.startsWith("[FINAL] ")) finals.add(line.substring(8).trim());
            if (line.startsWith("Full transcript: ")) done = line.substring(17).trim();
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < finals.size(); i++) {
            boolean superseded = i + 1 < finals.size() && finals.get(i + 1).startsWith(finals.get(i));
            if (!superseded) kept.add(finals.get(i));
        }
        String transcript = (String.join(" ", kept) + " " + done).trim();
        // moonshine-tiny hears "Prynne" as "Prin" and "than" as "but then" here: 3 of 11 words
        assertThat(wer(STT_TEXT, transcript)).as("WER of \"%s\"\n%s", transcript, out).isLessThanOrEqualTo(0.3);
        // first and last words: nothing lost at the start, and the tail after the last final is delivered
        assertThat(words(transcript)).as(out).startsWith("yet", "these", "thoughts").endsWith("apprehension");
        Matcher duration = Pattern.compile("Duration: ([0-9.]+)s").matcher(out);
        assertThat(duration.find()).as(out).isTrue();
        assertThat(Double.parseDouble(duration.group(1))).isCloseTo(4.825, org.assertj.core.data.Offset.offset(0.15));
    }

    /**
     * The quick start never exits by itself (it prints event types until the server closes), so it runs until it has
     * printed {@code Event: response.done} and is then stopped.
     */
    @Test
    void theVoiceAgentQuickStartGetsTheFullResponseLifecycleForItsTextMessage() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(PYTHON, example("voice_agent_quickstart.py")).directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env());
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try {
            Process proc = p;
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process was stopped
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && p.isAlive()) {
                synchronized (lines) {
                    if (lines.contains("Event: response.done")) break;
                }
                Thread.sleep(100);
            }
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
            reader.join(2000);
        } finally {
            p.destroyForcibly();
        }
        List<String> events;
        synchronized (lines) {
            events = List.copyOf(lines);
        }
        String out = String.join("\n", events);
        assertThat(events).as(out).contains("Event: response.done").doesNotContain("Event: error");
        assertThat(events.subList(0, 2)).as(out).containsExactly("Event: session.created", "Event: conversation.created");
        assertThat(events).as(out).containsSubsequence("Event: session.updated", "Event: conversation.item.added",
                "Event: response.created", "Event: response.output_item.added", "Event: response.output_audio.delta",
                "Event: response.output_audio.done", "Event: response.output_audio_transcript.done",
                "Event: response.output_item.done", "Event: response.done");
    }

    @Test
    void theVoiceAgentAnswersARecordedQuestionWithATranscriptAndAudioThatSaysIt() throws Exception {
        Path answer = dir.resolve("answer.wav");
        String out = LiveServer.run(dir, env(), 240, PYTHON, example("voice_agent_audio.py"),
                speech(AGENT_SPEECH).toString(), answer.toString());
        String heard = line(out, "User: "), said = line(out, "Assistant: ");
        assertThat(wer(AGENT_TEXT, heard)).as("WER of \"%s\"\n%s", heard, out).isLessThanOrEqualTo(0.3);
        assertThat(words(said)).as(out).isNotEmpty();
        assertThat(out).doesNotContain("Error: ");

        AudioClip clip = Wav.read(answer);
        assertThat(clip.sampleRate()).isEqualTo(16000); // the example asks for audio/pcm at 16 kHz
        double seconds = clip.mono().length / 16000.0;
        // as long as the transcript takes to say: 0.1 to 1.5 s a word (the answer's length is the model's choice, up
        // to its 256-token default; a fixed upper bound failed once in CI on a long answer)
        int saidWords = words(said).size();
        assertThat(seconds).as("%.2f s for %d words\n%s", seconds, saidWords, out)
                .isBetween(Math.max(0.3, 0.1 * saidWords), 2.0 + 1.5 * saidWords);
        // the audio says what the transcript says: transcribe it back with Parley's own STT
        String back = transcribe(Files.readAllBytes(answer));
        Set<String> backWords = Set.copyOf(words(back));
        // numerals are spoken as words and may come back either way, so only the words without digits are compared
        List<String> comparable = words(said).stream().filter(w -> !w.matches(".*\\d.*")).toList();
        assertThat(words(back)).as("\"%s\" heard back as \"%s\"", said, back).isNotEmpty();
        if (comparable.size() >= 3) { // the answer's length is the sampled model's; one misheard word of two is no signal
            long hits = comparable.stream().filter(backWords::contains).count();
            assertThat((double) hits / comparable.size()).as("\"%s\" heard back as \"%s\"", said, back).isGreaterThanOrEqualTo(0.5);
        }
    }

    static String line(String out, String prefix) {
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no \"" + prefix + "\" line in:\n" + out));
    }

    /** {@code POST /v1/stt} with the WAV as the only (last) multipart field; returns {@code text}. */
    static String transcribe(byte[] wav) throws Exception {
        String boundary = "parley-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"answer.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + wav.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(wav, 0, body, head.length, wav.length);
        System.arraycopy(tail, 0, body, head.length + wav.length, tail.length);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(LiveServer.get().http().resolve("/v1/stt"))
                .header("Authorization", "Bearer " + LiveServer.KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }
}
