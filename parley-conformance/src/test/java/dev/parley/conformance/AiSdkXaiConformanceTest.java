package dev.parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Conformance with the Vercel AI SDK's xAI provider ({@code @ai-sdk/xai} 5.0.12 with {@code ai} 7.0.173, pinned with
 * a lockfile in {@code conformance/ai-sdk-xai}): {@code generateSpeech} ({@code POST /v1/tts}), {@code transcribe}
 * ({@code POST /v1/stt}), {@code experimental_streamTranscribe} ({@code WS /v1/stt} over the {@code ws} package) and
 * the experimental realtime path (client secret, then {@code wss://<host>/v1/realtime} with the
 * {@code xai-client-secret.} subprotocol, driven both through the model's own event codec and through the SDK's
 * session class {@code Experimental_AbstractRealtimeSession}) against the shared {@link LiveServer}.
 *
 * <p>The SDK hard-builds the realtime URL as {@code wss://<host of baseURL>/v1/realtime}, so the base URL is the TLS
 * listener and Node trusts its self-signed certificate through {@code NODE_EXTRA_CA_CERTS}. Recordings with reference
 * transcripts come from {@code shared/speech} (the transcripts are read from its manifest). Runs {@code npm ci}
 * (from the npm cache when it can) and {@code node --test}; on failure the whole Node TAP output is the message.
 */
class AiSdkXaiConformanceTest {
    /** Tests in speech.test.mjs (12), transcription.test.mjs (12), realtime.test.mjs (10) and session.test.mjs (2). */
    static final int NODE_TESTS = 36;

    static final Map<String, String> RECORDINGS = Map.of(
            "SPEECH_A", "librispeech/1089-134686-0001.wav",    // 16 kHz, 6.6 s
            "SPEECH_B", "librispeech/1221-135766-0002.wav",    // 16 kHz, 4.8 s, another speaker
            "SPEECH_8K", "asterisk_en_8k/agent-newlocation.wav"); // 8 kHz telephone prompt with a pause

    @Test
    void theAiSdkXaiProviderPassesEveryNodeTestForSpeechTranscriptionAndRealtimeOverTls() throws Exception {
        LiveServer live = LiveServer.get();
        Path project = LiveServer.conformanceDir("ai-sdk-xai");
        LiveServer.run(project, Map.of(), 300, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline");

        var env = new java.util.HashMap<String, String>();
        env.put("PARLEY_BASE_URL", live.https().resolve("/v1").toString());
        env.put("PARLEY_API_KEY", LiveServer.KEY);
        env.put("NODE_EXTRA_CA_CERTS", live.certificate().toString());
        Path speech = TestSpeech.shared().dir();
        for (var r : RECORDINGS.entrySet()) {
            Path wav = speech.resolve(r.getValue());
            assertThat(wav).as("shared speech recording").isRegularFile();
            env.put(r.getKey() + "_WAV", wav.toString());
            env.put(r.getKey() + "_TEXT", transcript(speech.resolve("manifest.tsv"), r.getValue()));
        }
        // one file at a time: the tests measure audio lengths and transcripts, not the server under parallel load
        String out = LiveServer.run(project, env, 900, "node", "--test", "--test-reporter=tap", "--test-concurrency=1");
        assertThat(count(out, "pass")).as("node --test passed count; output:%n%s", out).isEqualTo(NODE_TESTS);
        assertThat(count(out, "fail")).as("node --test failed count; output:%n%s", out).isZero();
        assertThat(count(out, "skipped")).as("node --test skipped count; output:%n%s", out).isZero();
        System.out.println(String.join("\n", out.lines()
                .filter(l -> l.startsWith("ok ") || l.matches("# (tests|pass|fail|skipped|duration_ms) .*")).toList()));
    }

    /** The TAP summary line {@code # <name> <n>}, or -1 when absent. */
    static int count(String tap, String name) {
        Matcher m = Pattern.compile("(?m)^# " + name + " (\\d+)$").matcher(tap);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The transcript column of {@code file} in the speech manifest. */
    static String transcript(Path manifest, String file) throws IOException {
        return Files.readAllLines(manifest).stream().map(l -> l.split("\t"))
                .filter(c -> c.length > 4 && c[0].equals(file)).map(c -> c[4]).findFirst()
                .orElseThrow(() -> new IllegalStateException(file + " is not in " + manifest));
    }
}
