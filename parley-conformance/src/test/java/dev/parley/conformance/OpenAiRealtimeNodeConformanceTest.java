package dev.parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance with a client nobody here wrote: the official {@code openai} npm package ({@code OpenAIRealtimeWS},
 * pinned in {@code conformance/realtime-openai/package.json}) runs a text turn, a server-VAD audio turn and an error
 * round trip against the live server's TLS listener (the client always uses {@code wss://}). Runs {@code npm ci}
 * (cached in ~/.npm) and {@code node --test}; fails with the Node output.
 */
class OpenAiRealtimeNodeConformanceTest {
    static final String SPEECH = "librivox/sense_and_sensibility_01_austen_64kb-0880.wav";
    static final String SPEECH_TEXT = "he was not an ill disposed young man";

    @TempDir
    Path dir;

    @Test
    void theOfficialOpenAiNodeClientCompletesTextAndAudioTurnsOverWss() throws Exception {
        LiveServer live = LiveServer.get();
        byte[] speech = TestSpeech.shared().pcm16(SPEECH, 24000);
        byte[] withSilence = new byte[speech.length + 24000 * 2 * 6 / 5];
        System.arraycopy(speech, 0, withSilence, 0, speech.length);
        Path pcm = Files.write(dir.resolve("speech.pcm"), withSilence);

        Path npmDir = LiveServer.conformanceDir("realtime-openai");
        LiveServer.run(npmDir, Map.of(), 300, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline");
        String out = LiveServer.run(npmDir, Map.of(
                "PARLEY_BASE_URL", live.https().resolve("/v1").toString(),
                "PARLEY_API_KEY", LiveServer.KEY,
                "PARLEY_SPEECH_PCM", pcm.toString(),
                "PARLEY_SPEECH_TEXT", SPEECH_TEXT,
                "NODE_EXTRA_CA_CERTS", live.certificate().toString()), 400, "node", "--test");
        assertThat(out).contains("# pass 4").contains("# fail 0");
        System.out.println(out);
    }

    /** The pinned client version is the one the spec's Part B names. */
    @Test
    void theClientVersionIsPinnedExactly() throws Exception {
        String pkg = Files.readString(LiveServer.conformanceDir("realtime-openai").resolve("package.json"));
        assertThat(pkg).contains("\"openai\": \"7.55.0\"");
        assertThat(Files.exists(LiveServer.conformanceDir("realtime-openai").resolve("package-lock.json"))).isTrue();
        assertThat(List.of(pkg.split("\n"))).noneMatch(l -> l.contains("\"^") || l.contains("\"~"));
    }
}
