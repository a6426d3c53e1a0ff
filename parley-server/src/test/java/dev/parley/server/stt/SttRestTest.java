package dev.parley.server.stt;

import dev.parley.bench.TestSpeech;
import dev.parley.engines.runtime.TestRuntime;
import static dev.parley.server.stt.SttTesting.Form;
import static dev.parley.server.stt.SttTesting.bytes;
import static dev.parley.server.stt.SttTesting.json;
import static dev.parley.server.stt.SttTesting.post;
import static dev.parley.server.stt.SttTesting.transcript;
import static dev.parley.server.stt.SttTesting.words;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.audio.AudioClip;
import dev.parley.audio.G711;
import dev.parley.bench.eval.WerScorer;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class SttRestTest {
    static final String JFK = "misc/jfk.wav";
    static final String SHORT = "librivox/sense_and_sensibility_01_austen_64kb-0880.wav";

    @TempDir
    static Path temp;

    static ParleyServer server;
    static URI base;
    static Path sttTemp;
    static HttpServer files;
    static JsonNode jfkWav; // cached: several tests look at the same response

    @BeforeAll
    static void start() throws Exception {
        SttFeature feature = new SttFeature(SttTesting.config(temp));
        // outbound.allow: 127.0.0.1, so that the url tests reach their local file server
        server = ParleyServer.builder(TestServers.configAllowingLoopback()).standardFeatures(false).engines(TestRuntime.get()).feature(feature).start();
        base = server.uri();
        sttTemp = feature.tempDir();
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/short.wav", ex -> {
            byte[] b = bytes(SHORT);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        files.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "/short.wav");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        files.createContext("/to-v6-loopback", ex -> { // from the allowed 127.0.0.1 to [::1], which is not allowed
            ex.getResponseHeaders().add("Location", "http://[::1]:" + files.getAddress().getPort() + "/short.wav");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        files.createContext("/internal", ex -> {
            byte[] b = "INTERNAL-ONLY secret-token=abc".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(403, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        files.createContext("/loop", ex -> {
            ex.getResponseHeaders().add("Location", "/loop");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        files.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        files.stop(0);
    }

    static synchronized JsonNode jfk() throws Exception {
        if (jfkWav == null) {
            HttpResponse<String> r = post(base, new Form().file("jfk.wav", bytes(JFK)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            jfkWav = json(r.body());
        }
        return jfkWav;
    }

    static JsonNode ok(Form form) throws Exception {
        HttpResponse<String> r = post(base, form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    static JsonNode error(Form form, int status) throws Exception {
        HttpResponse<String> r = post(base, form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonNode body = json(r.body());
        assertThat(body.get("code").asString()).isNotBlank();
        return body;
    }

    @Test
    void aWavFileIsTranscribedWithinTheWordErrorBound() throws Exception {
        JsonNode r = jfk();
        assertThat(WerScorer.wer(transcript(JFK), r.get("text").asString())).as(r.get("text").asString())
                .isLessThanOrEqualTo(0.1);
        assertThat(r.get("duration").asDouble()).isEqualTo(11.0);
    }

    @Test
    void wordTimesLieInsideTheSpokenRegionAndAreMonotonic() throws Exception {
        List<JsonNode> words = words(jfk());
        assertThat(words).hasSizeGreaterThan(15);
        double prevStart = 0;
        for (JsonNode w : words) {
            double s = w.get("start").asDouble(), e = w.get("end").asDouble();
            assertThat(s).isGreaterThanOrEqualTo(prevStart).isLessThanOrEqualTo(e);
            assertThat(e).isLessThanOrEqualTo(11.0);
            assertThat(w.has("speaker")).as("speaker only with diarize").isFalse();
            if (w.has("confidence")) assertThat(w.get("confidence").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);
            prevStart = s;
        }
        // JFK starts speaking after ~0.3 s of applause and ends before the 11 s mark
        assertThat(words.getFirst().get("start").asDouble()).isGreaterThan(0.1);
        assertThat(words.getLast().get("end").asDouble()).isGreaterThan(8.0);
    }

    @Test
    void anMp3OfTheSameRecordingGivesTheSameTranscript() throws Exception {
        JsonNode r = ok(new Form().file("jfk.mp3", SttTesting.ffmpeg(bytes(JFK), "mp3")));
        assertThat(WerScorer.wer(transcript(JFK), r.get("text").asString())).as(r.get("text").asString())
                .isLessThanOrEqualTo(0.1);
        assertThat(r.get("duration").asDouble()).isBetween(10.9, 11.2);
    }

    @Test
    void aFlacOfTheSameRecordingGivesTheSameTranscript() throws Exception {
        JsonNode r = ok(new Form().file("jfk.flac", SttTesting.ffmpeg(bytes(JFK), "flac")));
        assertThat(WerScorer.wer(transcript(JFK), r.get("text").asString())).as(r.get("text").asString())
                .isLessThanOrEqualTo(0.1);
        assertThat(r.get("duration").asDouble()).isEqualTo(11.0);
    }

    @Test
    void rawPcmWithSampleRateIsTranscribed() throws Exception {
        String file = SHORT;
        AudioClip clip = SttTesting.clip(file);
        JsonNode r = ok(new Form().field("audio_format", "pcm").field("sample_rate", "16000")
                .file("audio.raw", SttTesting.pcm16(clip.mono())));
        assertThat(WerScorer.wer(transcript(file), r.get("text").asString())).as(r.get("text").asString())
                .isLessThanOrEqualTo(0.15);
        assertThat(r.get("duration").asDouble()).isEqualTo(2.99);
    }

    @Test
    void rawMulawAt8kHzIsTranscribed() throws Exception {
        String file = "asterisk_en_8k/agent-pass.wav";
        AudioClip clip = SttTesting.clip(file);
        assertThat(clip.sampleRate()).isEqualTo(8000);
        byte[] ulaw = G711.ULAW.encode(clip.mono());
        JsonNode r = ok(new Form().field("audio_format", "mulaw").field("sample_rate", "8000").file("a.ulaw", ulaw));
        assertThat(WerScorer.wer(transcript(file), r.get("text").asString())).as(r.get("text").asString())
                .isLessThanOrEqualTo(0.25);
    }

    @Test
    void sampleRateHertzIsAcceptedAsAnAliasOfSampleRate() throws Exception {
        JsonNode r = ok(new Form().field("audio_format", "pcm").field("sample_rate_hertz", "8000")
                .file("a.raw", new byte[16000]));
        assertThat(r.get("duration").asDouble()).isEqualTo(1.0);
    }

    @Test
    void languageIsEchoedFromTheRequestElseEmpty_CONFLICT13() throws Exception {
        Form silence = new Form().field("audio_format", "pcm").field("sample_rate", "16000").field("language", "en")
                .file("s.raw", new byte[32000]);
        assertThat(ok(silence).get("language").asString()).isEqualTo("en");
        Form none = new Form().field("audio_format", "pcm").field("sample_rate", "16000").file("s.raw", new byte[32000]);
        assertThat(ok(none).get("language").asString()).isEmpty();
    }

    @Test
    void silenceGivesEmptyTextAndOmitsWords() throws Exception {
        JsonNode r = ok(new Form().field("audio_format", "pcm").field("sample_rate", "16000")
                .file("s.raw", new byte[64000]));
        assertThat(r.get("text").asString()).isEmpty();
        assertThat(r.has("words")).isFalse();
        assertThat(r.has("channels")).isFalse();
        assertThat(r.get("duration").asDouble()).isEqualTo(2.0);
    }

    @Test
    void formatWithALanguageIsAccepted() throws Exception {
        JsonNode r = ok(new Form().field("language", "en").field("format", "true").field("audio_format", "pcm")
                .field("sample_rate", "16000").file("s.raw", new byte[3200]));
        assertThat(r.get("language").asString()).isEqualTo("en");
    }

    @Test
    void fieldsAfterTheFileAreStillRead() throws Exception {
        JsonNode r = ok(new Form().file("s.raw", new byte[16000]).field("audio_format", "pcm")
                .field("sample_rate", "16000"));
        assertThat(r.get("duration").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aUrlIsDownloadedAndTranscribed() throws Exception {
        JsonNode r = ok(new Form().field("url", "http://127.0.0.1:" + files.getAddress().getPort() + "/short.wav"));
        assertThat(WerScorer.wer(transcript(SHORT), r.get("text").asString())).isLessThanOrEqualTo(0.15);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void aUrlThatRedirectsIsFollowedToTheAudio() throws Exception {
        JsonNode r = ok(new Form().field("url", "http://127.0.0.1:" + files.getAddress().getPort() + "/moved"));
        assertThat(WerScorer.wer(transcript(SHORT), r.get("text").asString())).isLessThanOrEqualTo(0.15);
    }

    @Test
    void aUrlThatRedirectsForeverIs502AfterFiveHops() throws Exception {
        JsonNode e = error(new Form().field("url", "http://127.0.0.1:" + files.getAddress().getPort() + "/loop"), 502);
        assertThat(e.get("error").asString()).contains("more than 5 redirects");
    }

    @Test
    void aRedirectFromAnAllowedHostToOneThatIsNotIs400NamingUrl() throws Exception {
        JsonNode e = error(new Form().field("url", "http://127.0.0.1:" + files.getAddress().getPort()
                + "/to-v6-loopback"), 400);
        assertThat(e.get("error").asString()).startsWith("'url' redirects to a loopback address");
    }

    /** {@code outbound.allow: [127.0.0.1]} admits that address, not the other notations and forms that lead there. */
    @ParameterizedTest
    @ValueSource(strings = {"[::127.0.0.1]", "[64:ff9b::7f00:1]", "0177.0.0.1", "2130706433", "127.1", "127.0.0.2",
            "[::1]"})
    void theAllowListAdmitsTheAddressItNamesNotOtherFormsOfIt(String host) throws Exception {
        JsonNode e = error(new Form().field("url", "http://" + host + ":" + files.getAddress().getPort() + "/short.wav"),
                400);
        assertThat(e.get("error").asString()).contains("'url'").containsAnyOf("loopback", "not a canonical IPv4");
    }

    @Test
    void aUrlThatAnswersAnErrorIs502NamingTheStatusNeverTheBody() throws Exception {
        JsonNode e = error(new Form().field("url", "http://127.0.0.1:" + files.getAddress().getPort() + "/internal"),
                502);
        assertThat(e.get("error").asString()).contains("HTTP 403").doesNotContain("INTERNAL").doesNotContain("secret");
    }

    @Test
    void aUrlWithAnotherSchemeThanHttpIs400() throws Exception {
        assertThat(error(new Form().field("url", "file:///etc/passwd"), 400).get("error").asString())
                .contains("only http and https");
    }

    @Test
    void aUrlThatAnswers404Is502() throws Exception {
        JsonNode e = error(new Form().field("url", "http://127.0.0.1:" + files.getAddress().getPort() + "/missing.wav"),
                502);
        assertThat(e.get("error").asString()).contains("HTTP 404");
    }

    @Test
    void aUrlThatCannotBeReachedIs502() throws Exception {
        int closedPort;
        try (var s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        error(new Form().field("url", "http://127.0.0.1:" + closedPort + "/a.wav"), 502);
    }

    @Test
    void noFileAndNoUrlIs400() throws Exception {
        JsonNode e = error(new Form().field("language", "en"), 400);
        assertThat(e.get("error").asString()).contains("file").contains("url");
    }

    @Test
    void anEmptyFileIs400() throws Exception {
        assertThat(error(new Form().file("a.wav", new byte[0]), 400).get("error").asString()).contains("empty");
    }

    @Test
    void undecodableAudioIs400NamingTheProblem() throws Exception {
        byte[] junk = "this is certainly not audio, just some text in a file".repeat(50).getBytes();
        JsonNode e = error(new Form().file("a.wav", junk), 400);
        assertThat(e.get("error").asString()).contains("not an audio file");
    }

    @Test
    void rawAudioWithoutSampleRateIs400() throws Exception {
        JsonNode e = error(new Form().field("audio_format", "pcm").file("a.raw", new byte[3200]), 400);
        assertThat(e.get("error").asString()).contains("sample_rate");
    }

    @Test
    void formatWithoutLanguageIs400() throws Exception {
        JsonNode e = error(new Form().field("format", "true").file("a.wav", bytes(JFK)), 400);
        assertThat(e.get("error").asString()).contains("language");
    }

    @Test
    void truncatedRawAudioIs400() throws Exception {
        JsonNode e = error(new Form().field("audio_format", "pcm").field("sample_rate", "16000")
                .file("a.raw", new byte[3201]), 400);
        assertThat(e.get("error").asString()).contains("truncated");
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("sample_rate", "12345"),
                Arguments.of("audio_format", "opus-raw"),
                Arguments.of("multichannel", "yes"),
                Arguments.of("diarize", "1"),
                Arguments.of("channels", "9"),
                Arguments.of("vad_threshold", "1.5"),
                Arguments.of("language", "klingon"),
                Arguments.of("keyterm", "x".repeat(51)),
                Arguments.of("model", "whisper-1"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badParameters")
    void unsupportedParameterValuesAre400NamingTheParameter(String name, String value) throws Exception {
        JsonNode e = error(new Form().field("audio_format", name.equals("audio_format") ? value : "pcm")
                .field(name.equals("sample_rate") ? "sample_rate" : "sample_rate", name.equals("sample_rate") ? value
                        : "16000")
                .field(name, value).file("a.raw", new byte[3200]), 400);
        assertThat(e.get("error").asString()).containsIgnoringCase(name.equals("keyterm") ? "keyterm" : name);
    }

    @Test
    void moreThan100KeytermsIs400() throws Exception {
        Form f = new Form();
        for (int i = 0; i < 101; i++) f.field("keyterm", "term" + i);
        assertThat(error(f.file("a.wav", bytes(JFK)), 400).get("error").asString()).contains("keyterms");
    }

    @Test
    void keytermsWithinTheLimitsAreAccepted() throws Exception {
        Form f = new Form().field("audio_format", "pcm").field("sample_rate", "16000");
        for (int i = 0; i < 100; i++) f.field("keyterm", "term" + i);
        ok(f.file("a.raw", new byte[3200]));
    }

    @Test
    void aBodyThatIsNotMultipartIs400() throws Exception {
        HttpResponse<String> r = SttTesting.HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/stt"))
                .header("Authorization", "Bearer " + TestServers.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).get("error").asString()).contains("multipart/form-data");
    }

    @Test
    void aRequestWithoutApiKeyIs401() throws Exception {
        Form f = new Form().file("a.wav", bytes(JFK));
        HttpResponse<String> r = SttTesting.HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/stt"))
                .header("Content-Type", f.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(f.body())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r.body()).get("code").asString()).isNotBlank();
    }

    @Test
    void partsSpooledToDiskAreDeletedAfterTheResponse() throws Exception {
        // 17 MB exceeds the in-memory part limit (16 MB): the part goes to a file in the private temp dir; the
        // request then fails validation (no sample_rate) and the file must still be gone
        byte[] big = new byte[17 << 20];
        error(new Form().field("audio_format", "pcm").file("big.raw", big), 400);
        assertThat(tempFiles()).isEmpty();
        ok(new Form().field("audio_format", "pcm").field("sample_rate", "48000").file("big.raw", big));
        assertThat(tempFiles()).isEmpty();
    }

    static List<Path> tempFiles() throws Exception {
        try (Stream<Path> s = Files.list(sttTemp)) {
            return s.toList();
        }
    }

    @Test
    void multichannelGivesOneEntryPerChannelAndMergesTheText() throws Exception {
        JsonNode r = stereo();
        JsonNode channels = r.get("channels");
        assertThat(channels).hasSize(2);
        assertThat(channels.get(0).get("index").asInt()).isEqualTo(0);
        assertThat(channels.get(1).get("index").asInt()).isEqualTo(1);
        int total = 0;
        for (JsonNode c : channels) {
            assertThat(c.get("text").asString()).isNotBlank();
            total += c.get("words").size();
        }
        List<JsonNode> merged = words(r);
        assertThat(merged).hasSize(total);
        for (int i = 1; i < merged.size(); i++) {
            assertThat(merged.get(i).get("start").asDouble()).isGreaterThanOrEqualTo(merged.get(i - 1).get("start")
                    .asDouble());
        }
    }

    @Test
    void multichannelWithDiarizeGivesTheChannelAsSpeaker() throws Exception {
        JsonNode r = stereo();
        for (JsonNode c : r.get("channels")) {
            for (JsonNode w : c.get("words")) assertThat(w.get("speaker").asInt()).isEqualTo(c.get("index").asInt());
        }
    }

    static JsonNode stereoResponse;

    static synchronized JsonNode stereo() throws Exception {
        if (stereoResponse == null) {
            stereoResponse = ok(new Form().field("multichannel", "true").field("diarize", "true")
                    .file("s.wav", bytes("multispeaker/stereo_diarization.wav")));
        }
        return stereoResponse;
    }

    @Test
    void diarizeNumbersSpeakersByFirstAppearanceAcrossASpliceOfTwoRecordings() throws Exception {
        float[] a = TestSpeech.shared().mono16k("librispeech/1089-134686-0001.wav");
        float[] b = TestSpeech.shared().mono16k("librispeech/1221-135766-0002.wav");
        float[] spliced = new float[a.length + 8000 + b.length]; // 0.5 s of silence between the speakers
        System.arraycopy(a, 0, spliced, 0, a.length);
        System.arraycopy(b, 0, spliced, a.length + 8000, b.length);
        double boundary = (a.length + 4000) / 16000.0;
        JsonNode r = ok(new Form().field("diarize", "true").file("s.wav", dev.parley.audio.Wav.write(spliced, 16000)));
        List<JsonNode> wrong = words(r).stream()
                .filter(w -> w.get("speaker").asInt() != (w.get("start").asDouble() < boundary ? 0 : 1)).toList();
        assertThat(wrong).as("words on the wrong side of %s s", boundary).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void diarizeFindsTwoSpeakersInAConversation() throws Exception {
        JsonNode r = ok(new Form().field("diarize", "true").file("p.wav", bytes("multispeaker/pyannote_sample.wav")));
        Set<Integer> speakers = new HashSet<>();
        for (JsonNode w : words(r)) {
            assertThat(w.get("speaker").isInt()).isTrue();
            speakers.add(w.get("speaker").asInt());
        }
        assertThat(speakers).containsExactlyInAnyOrder(0, 1);
    }
}
