package dev.parley.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance with a client nobody here wrote: the official {@code openai} npm package ({@code OpenAIRealtimeWS},
 * pinned in {@code conformance/realtime-openai/package.json}) runs a text turn, a server-VAD audio turn and an error
 * round trip against Parley served over TLS (the client always uses {@code wss://}). Runs {@code npm ci} (cached in
 * ~/.npm) and {@code node --test}; fails with the Node output.
 */
class OpenAiClientConformanceTest {
    static final String SPEECH = "librivox/sense_and_sensibility_01_austen_64kb-0880.wav";
    static final String SPEECH_TEXT = "he was not an ill disposed young man";

    @TempDir
    Path dir;

    static Path conformanceDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("conformance/realtime-openai");
            if (Files.isRegularFile(c.resolve("package.json"))) return c;
        }
        throw new IllegalStateException("conformance/realtime-openai not found above " + Path.of("").toAbsolutePath());
    }

    static String run(Path cwd, Map<String, String> env, long timeoutSeconds, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly();
        reader.join(5000);
        String text = out.toString();
        assertThat(finished).as(String.join(" ", command) + " timed out:\n" + text).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + " failed:\n" + text).isZero();
        return text;
    }

    @Test
    void theOfficialOpenAiNodeClientCompletesTextAndAudioTurnsOverWss() throws Exception {
        Path cert = dir.resolve("cert.pem"), key = dir.resolve("key.pem");
        run(dir, Map.of(), 60, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString());
        byte[] speech = WireFixtures.speech24k(SPEECH);
        byte[] withSilence = new byte[speech.length + 24000 * 2 * 6 / 5];
        System.arraycopy(speech, 0, withSilence, 0, speech.length);
        Path pcm = Files.write(dir.resolve("speech.pcm"), withSilence);

        Path npmDir = conformanceDir();
        run(npmDir, Map.of(), 300, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline");
        try (ParleyServer s = ParleyServer.builder(WireFixtures.config(Map.of("tls.cert", cert.toString(),
                "tls.key", key.toString()))).discoverFeatures(false).feature(new RealtimeFeature()).start()) {
            String out = run(npmDir, Map.of(
                    "PARLEY_BASE_URL", "https://127.0.0.1:" + s.port() + "/v1",
                    "PARLEY_API_KEY", TestServers.KEY,
                    "PARLEY_SPEECH_PCM", pcm.toString(),
                    "PARLEY_SPEECH_TEXT", SPEECH_TEXT,
                    "NODE_EXTRA_CA_CERTS", cert.toString()), 400, "node", "--test");
            assertThat(out).contains("# pass 4").contains("# fail 0");
            System.out.println(out);
        }
    }

    /** The pinned client version is the one the spec's Part B names. */
    @Test
    void theClientVersionIsPinnedExactly() throws Exception {
        String pkg = Files.readString(conformanceDir().resolve("package.json"));
        assertThat(pkg).contains("\"openai\": \"7.55.0\"");
        assertThat(Files.exists(conformanceDir().resolve("package-lock.json"))).isTrue();
        assertThat(List.of(pkg.split("\n"))).noneMatch(l -> l.contains("\"^") || l.contains("\"~"));
    }
}
