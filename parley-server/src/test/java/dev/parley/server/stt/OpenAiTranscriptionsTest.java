package dev.parley.server.stt;

import static dev.parley.server.stt.SttTesting.Form;
import static dev.parley.server.stt.SttTesting.bytes;
import static dev.parley.server.stt.SttTesting.json;
import static dev.parley.server.stt.SttTesting.transcript;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.eval.WerScorer;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/audio/transcriptions}, the OpenAI-compatible alias of {@code POST /v1/stt}: every
 * {@code response_format}, timestamp granularities, and OpenAI's error shape.
 */
class OpenAiTranscriptionsTest {
    static final String JFK = "misc/jfk.wav";
    /** 29.4 s of read speech at 8 kHz: many subtitle cues. */
    static final String LONG = "librispeech_8k/1272-128104-0004-8k.wav";

    @TempDir
    static Path temp;

    static ParleyServer server;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        server = SttTesting.start(SttTesting.config(temp));
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(Form form) throws Exception {
        return post(form, TestServers.KEY);
    }

    static HttpResponse<String> post(Form form, String key) throws Exception {
        return SttTesting.HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/audio/transcriptions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", form.contentType())
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Form jfk(String format) {
        Form f = new Form().field("model", "whisper-1");
        if (format != null) f.field("response_format", format);
        return f.file("jfk.wav", bytes(JFK));
    }

    static JsonNode openAiError(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode e = json(r.body()).get("error");
        assertThat(e).as("OpenAI error object in %s", r.body()).isNotNull();
        assertThat(e.path("message").asString()).isNotBlank();
        assertThat(e.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(e.has("param")).isTrue();
        assertThat(e.has("code")).isTrue();
        return e;
    }

    @Test
    void jsonIsTheDefaultAndCarriesTheTranscriptText() throws Exception {
        HttpResponse<String> r = post(jfk(null));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode n = json(r.body());
        assertThat(WerScorer.wer(transcript(JFK), n.get("text").asString())).as(r.body()).isLessThanOrEqualTo(0.1);
        assertThat(n.has("words")).isFalse();
        assertThat(n.path("usage").path("type").asString()).isEqualTo("duration");
        assertThat(n.path("usage").path("seconds").asInt()).isEqualTo(11);
    }

    @Test
    void textIsThePlainTranscriptAndANewline() throws Exception {
        HttpResponse<String> r = post(jfk("text"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body()).endsWith("\n").doesNotContain("{");
        assertThat(WerScorer.wer(transcript(JFK), r.body().strip())).isLessThanOrEqualTo(0.1);
    }

    @Test
    void verboseJsonHasTaskLanguageDurationAndSegmentsButNoWordsUnlessAskedFor() throws Exception {
        HttpResponse<String> r = post(jfk("verbose_json"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = json(r.body());
        assertThat(n.path("task").asString()).isEqualTo("transcribe");
        assertThat(n.path("language").asString()).isEqualTo("english");
        assertThat(n.path("duration").asDouble()).isEqualTo(11.0);
        assertThat(n.has("words")).isFalse();
        JsonNode segs = n.get("segments");
        assertThat(segs.size()).isPositive();
        StringBuilder joined = new StringBuilder();
        double prevEnd = 0;
        for (int i = 0; i < segs.size(); i++) {
            JsonNode s = segs.get(i);
            assertThat(s.path("id").asInt()).isEqualTo(i);
            assertThat(s.path("start").asDouble()).isGreaterThanOrEqualTo(prevEnd);
            assertThat(s.path("end").asDouble()).isGreaterThan(s.path("start").asDouble()).isLessThanOrEqualTo(11.0);
            for (String f : List.of("seek", "tokens", "temperature", "avg_logprob", "compression_ratio",
                    "no_speech_prob")) {
                assertThat(s.has(f)).as("segment field %s", f).isTrue();
            }
            assertThat(s.path("avg_logprob").asDouble()).isLessThanOrEqualTo(0.0);
            joined.append(' ').append(s.path("text").asString());
            prevEnd = s.path("end").asDouble();
        }
        assertThat(WerScorer.wer(n.path("text").asString(), joined.toString())).isZero();
    }

    @Test
    void verboseJsonWithWordGranularityHasTimedWordsInOrderThatSpellTheText() throws Exception {
        HttpResponse<String> r = post(new Form().field("model", "whisper-1").field("response_format", "verbose_json")
                .field("timestamp_granularities[]", "word").field("timestamp_granularities[]", "segment")
                .file("jfk.wav", bytes(JFK)));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = json(r.body());
        JsonNode words = n.get("words");
        assertThat(words.size()).isGreaterThanOrEqualTo(20);
        List<String> texts = new ArrayList<>();
        double prevStart = -1;
        for (JsonNode w : words) {
            assertThat(w.path("start").asDouble()).isGreaterThanOrEqualTo(prevStart);
            assertThat(w.path("end").asDouble()).isGreaterThanOrEqualTo(w.path("start").asDouble())
                    .isLessThanOrEqualTo(11.0);
            prevStart = w.path("start").asDouble();
            texts.add(w.path("word").asString());
        }
        assertThat(String.join(" ", texts)).isEqualTo(n.path("text").asString());
        assertThat(n.get("segments").size()).isPositive();
        // "country" is said last, after 8 s of the 11 s recording
        assertThat(words.get(words.size() - 1).path("start").asDouble()).isGreaterThan(8.0);
    }

    @Test
    void verboseJsonWithOnlyWordGranularityOmitsSegments() throws Exception {
        HttpResponse<String> r = post(new Form().field("response_format", "verbose_json")
                .field("timestamp_granularities[]", "word").file("jfk.wav", bytes(JFK)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = json(r.body());
        assertThat(n.get("words").size()).isPositive();
        assertThat(n.has("segments")).isFalse();
    }

    static final Pattern SRT_CUE = Pattern.compile(
            "(\\d+)\\n(\\d{2}):(\\d{2}):(\\d{2}),(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2}),(\\d{3})\\n(.+)\\n\\n");
    static final Pattern VTT_CUE = Pattern.compile(
            "(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})\\n(.+)\\n\\n");

    static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }

    @Test
    void srtIsNumberedCuesWithMonotoneTimesThatTogetherSayTheTranscript() throws Exception {
        HttpResponse<String> r = post(new Form().field("response_format", "srt").file("long.wav", bytes(LONG)));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String body = r.body();
        Matcher m = SRT_CUE.matcher(body);
        int n = 0, at = 0;
        double prevEnd = 0;
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            assertThat(m.start()).as("cues follow one another with nothing between: %s", body).isEqualTo(at);
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(++n);
            double start = seconds(m, 2), end = seconds(m, 6);
            assertThat(start).isGreaterThanOrEqualTo(prevEnd);
            assertThat(end).isGreaterThan(start).isLessThanOrEqualTo(29.4);
            assertThat(end - start).isLessThanOrEqualTo(7.5);
            assertThat(m.group(10).length()).isLessThanOrEqualTo(84);
            text.append(' ').append(m.group(10));
            prevEnd = end;
            at = m.end();
        }
        assertThat(at).as("the whole body is cues: %s", body).isEqualTo(body.length());
        assertThat(n).isGreaterThanOrEqualTo(5);
        assertThat(WerScorer.wer(transcript(LONG), text.toString())).as(text.toString()).isLessThanOrEqualTo(0.35);
    }

    @Test
    void vttIsAWebVttHeaderAndCuesWithMonotoneTimes() throws Exception {
        HttpResponse<String> r = post(jfk("vtt"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/vtt");
        String body = r.body();
        assertThat(body).startsWith("WEBVTT\n\n");
        Matcher m = VTT_CUE.matcher(body);
        int n = 0, at = "WEBVTT\n\n".length();
        double prevEnd = 0;
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            assertThat(m.start()).isEqualTo(at);
            double start = seconds(m, 1), end = seconds(m, 5);
            assertThat(start).isGreaterThanOrEqualTo(prevEnd);
            assertThat(end).isGreaterThan(start).isLessThanOrEqualTo(11.0);
            text.append(' ').append(m.group(9));
            prevEnd = end;
            at = m.end();
            n++;
        }
        assertThat(at).as(body).isEqualTo(body.length());
        assertThat(n).isGreaterThanOrEqualTo(2); // 108 characters do not fit one 84-character cue
        assertThat(WerScorer.wer(transcript(JFK), text.toString())).isLessThanOrEqualTo(0.1);
    }

    @Test
    void missingFileIsA400InOpenAisErrorShapeNamingFile() throws Exception {
        HttpResponse<String> r = post(new Form().field("model", "whisper-1"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(openAiError(r).path("param").asString()).isEqualTo("file");
    }

    @Test
    void unknownResponseFormatIsA400NamingResponseFormat() throws Exception {
        HttpResponse<String> r = post(new Form().field("response_format", "docx").file("a.wav", bytes(JFK)));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = openAiError(r);
        assertThat(e.path("param").asString()).isEqualTo("response_format");
        assertThat(e.path("message").asString()).contains("docx").contains("verbose_json");
    }

    @Test
    void temperatureAboveOneIsA400NamingTemperature() throws Exception {
        HttpResponse<String> r = post(new Form().field("temperature", "1.5").file("a.wav", bytes(JFK)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(openAiError(r).path("param").asString()).isEqualTo("temperature");
    }

    @Test
    void unknownTimestampGranularityIsA400() throws Exception {
        HttpResponse<String> r = post(new Form().field("response_format", "verbose_json")
                .field("timestamp_granularities[]", "phoneme").file("a.wav", bytes(JFK)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(openAiError(r).path("param").asString()).isEqualTo("timestamp_granularities");
    }

    @Test
    void streamTrueIsA400NamingStream() throws Exception {
        HttpResponse<String> r = post(new Form().field("stream", "true").file("a.wav", bytes(JFK)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(openAiError(r).path("param").asString()).isEqualTo("stream");
    }

    @Test
    void audioThatIsNotAudioIsA400InOpenAisErrorShape() throws Exception {
        HttpResponse<String> r = post(new Form().file("notes.txt", "just some text, not audio".getBytes()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(openAiError(r).path("message").asString()).contains("not an audio file");
    }

    @Test
    void aBodyThatIsNotMultipartIsA400InOpenAisErrorShape() throws Exception {
        HttpResponse<String> r = SttTesting.HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/audio/transcriptions"))
                .header("Authorization", "Bearer " + TestServers.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        openAiError(r);
    }

    @Test
    void aMissingKeyIsA401InOpenAisErrorShape() throws Exception {
        Form form = jfk("json");
        HttpResponse<String> r = SttTesting.HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/audio/transcriptions"))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode e = openAiError(r);
        assertThat(e.path("code").asString()).isEqualTo("invalid_api_key");
    }
}
