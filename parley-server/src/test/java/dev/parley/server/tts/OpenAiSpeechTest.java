package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.WireCodec;
import dev.parley.audio.Wav;
import dev.parley.bench.eval.WerScorer;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Heard;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import io.micrometer.core.instrument.Counter;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/audio/speech}, the OpenAI-compatible alias of {@code POST /v1/tts}: OpenAI's body, formats, voices
 * and error shape, with the default engine (Kokoro).
 */
class OpenAiSpeechTest {
    /** The pangram heard back: a word-error bound (the recogniser may mishear one word), not the exact words. */
    static final java.util.function.Consumer<String> PANGRAM_HEARD = heard -> assertThat(
            dev.parley.bench.eval.WerScorer.wer("The quick brown fox jumps over the lazy dog.", heard)).as(heard)
            .isLessThanOrEqualTo(0.12);

    static ParleyServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = TtsTesting.start();
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> speech(String json) throws Exception {
        return TtsTesting.CLIENT.send(HttpRequest.newBuilder(server.uri().resolve("/v1/audio/speech"))
                .header("Authorization", "Bearer " + TestServers.KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The OpenAI error detail of a response, checking the shape {"error":{"message","type","param","code"}}. */
    static JsonNode openAiError(HttpResponse<byte[]> r) {
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode e = Http.json(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).get("error");
        assertThat(e).as("OpenAI error object").isNotNull();
        assertThat(e.isObject()).isTrue();
        assertThat(e.path("message").asString()).isNotBlank();
        assertThat(e.has("type")).isTrue();
        assertThat(e.has("param")).isTrue();
        assertThat(e.has("code")).isTrue();
        return e;
    }

    @Test
    void aMalformedChunkedBodyIsA400InOpenAisShapeNotA500() throws Exception {
        String head = "POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestServers.KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (String body : new String[] {"zz\r\n{}\r\n0\r\n\r\n", "64\r\n{\"input\":\"Hel"}) {
            RawHttp.Response r = RawHttp.exchange(server.port(), head + body, true);
            assertThat(r.status()).as(body).isEqualTo(400);
            JsonNode e = Http.json(r.body()).get("error");
            assertThat(e.get("type").stringValue()).isEqualTo("invalid_request_error");
            assertThat(e.get("message").stringValue()).contains("Malformed request body");
        }
    }

    @Test
    void defaultResponseIsStreamedMp3At24kHzThatTranscribesBackToTheInput() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"tts-1","input":"The quick brown fox jumps over the lazy dog.","voice":"alloy"}""");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("audio/mpeg");
        assertThat(r.headers().firstValue("content-length")).as("streamed, chunked").isEmpty();
        AudioClip clip = AudioFiles.decode(r.body());
        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(clip.durationSeconds()).isBetween(1.5, 6.0);
        assertThat(Heard.words(clip.mono(), clip.sampleRate())).satisfies(PANGRAM_HEARD);
    }

    @Test
    void wavIsA24kHzMonoFileThatTranscribesBackToTheInput() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"gpt-4o-mini-tts","input":"Hello world, this is a simple test.","voice":"nova",
                 "response_format":"wav","instructions":"Speak cheerfully."}""");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("audio/wav");
        AudioClip clip = Wav.read(r.body());
        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(clip.channelCount()).isEqualTo(1);
        assertThat(Heard.words(clip.mono(), 24000)).contains("world").contains("simple test");
    }

    @Test
    void pcmIsRaw24kHzSigned16BitLittleEndianLikeOpenAi() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"tts-1","input":"Good morning, everyone.","voice":"echo","response_format":"pcm"}""");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("audio/pcm");
        assertThat(r.body().length % 2).isZero();
        AudioClip clip = AudioFiles.decodeRaw(r.body(), WireCodec.PCM, 24000, 1);
        assertThat(clip.durationSeconds()).isBetween(0.6, 4.0);
        assertThat(Heard.words(clip.mono(), 24000)).contains("morning");
    }

    @Test
    void parleyVoiceNamesAreAcceptedAsTheyAre() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"tts-1","input":"Hi there.","voice":"ARA","response_format":"pcm"}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().length).isGreaterThan(24000 * 2 / 4);
    }

    @Test
    void everyMappedOpenAiVoiceNameIsAConfiguredParleyVoice() {
        for (String parley : OpenAiSpeech.OPENAI_VOICES.values()) {
            assertThat(java.util.List.of("eve", "ara", "rex", "sal", "leo")).contains(parley);
        }
        assertThat(OpenAiSpeech.OPENAI_VOICES).containsKeys("alloy", "ash", "ballad", "coral", "echo", "fable",
                "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar");
    }

    @Test
    void speedTwoGivesAboutHalfTheAudioOfSpeedOne() throws Exception {
        String text = "One two three four five six seven eight nine ten.";
        HttpResponse<byte[]> normal = speech("""
                {"model":"tts-1","input":"%s","voice":"rex","response_format":"pcm"}""".formatted(text));
        HttpResponse<byte[]> fast = speech("""
                {"model":"tts-1","input":"%s","voice":"rex","response_format":"pcm","speed":2.0}""".formatted(text));

        assertThat(normal.statusCode()).isEqualTo(200);
        assertThat(fast.statusCode()).isEqualTo(200);
        double ratio = fast.body().length / (double) normal.body().length;
        assertThat(ratio).isBetween(0.35, 0.7);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"opus, audio/opus, OggS", "aac, audio/aac, ADTS", "flac, audio/flac, fLaC"})
    void opusAacAndFlacAreStreamedWithOpenAisContentTypeAndTranscribeBackToTheInput(String format, String type,
            String magic) throws Exception {
        String text = "The quick brown fox jumps over the lazy dog.";
        HttpResponse<byte[]> r = speech("""
                {"model":"tts-1","input":"%s","voice":"alloy","response_format":"%s"}""".formatted(text, format));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue(type);
        assertThat(r.headers().firstValue("content-length")).as("streamed, chunked").isEmpty();
        byte[] b = r.body();
        if (magic.equals("ADTS")) assertThat((b[0] & 0xFF) == 0xFF && (b[1] & 0xF0) == 0xF0).as("ADTS sync").isTrue();
        else assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(magic);
        AudioClip clip = AudioFiles.decode(b);
        assertThat(clip.channelCount()).isEqualTo(1);
        assertThat(clip.sampleRate()).isEqualTo(format.equals("opus") ? 48000 : 24000); // Opus decodes at 48 kHz
        assertThat(clip.durationSeconds()).isBetween(1.5, 6.0);
        String heard = Heard.words(clip.mono(), clip.sampleRate());
        assertThat(WerScorer.wer(text, heard)).as("word error rate of '%s'", heard).isLessThanOrEqualTo(0.34);
    }

    @Test
    void anUnknownResponseFormatIsA400ListingOpenAisSixFormats() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"tts-1","input":"Hi.","voice":"alloy","response_format":"ogg"}""");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = openAiError(r);
        assertThat(e.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(e.path("param").asString()).isEqualTo("response_format");
        assertThat(e.path("message").asString()).contains("ogg").contains("mp3, opus, aac, flac, wav, pcm");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"opus", "aac", "flac"})
    void theXaiTtsRouteStillRefusesOpenAiOnlyCodecs(String codec) throws Exception {
        HttpResponse<String> r = http.send("POST", "/v1/tts", """
                {"text":"Hi.","voice_id":"eve","language":"en","output_format":{"codec":"%s"}}""".formatted(codec),
                "Authorization", "Bearer " + TestServers.KEY, "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.json(r).path("error").asString()).contains(codec);
    }

    @Test
    void unknownVoiceIsA400InOpenAisErrorShapeNamingTheParam() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"tts-1","input":"Hi.","voice":"nobody"}""");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = openAiError(r);
        assertThat(e.path("param").asString()).isEqualTo("voice");
        assertThat(e.path("message").asString()).contains("nobody").contains("alloy").contains("eve");
    }

    @Test
    void missingInputIsA400NamingInput() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"tts-1","voice":"alloy"}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(openAiError(r).path("param").asString()).isEqualTo("input");
    }

    @Test
    void emptyInputIsA400NamingInput() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"tts-1","input":"  ","voice":"alloy"}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(openAiError(r).path("param").asString()).isEqualTo("input");
    }

    /** Input with nothing to pronounce (finding 7: it was a 200 with an empty body) is OpenAI's 400 naming input. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"model\":\"tts-1\",\"input\":\"\\u200B\\u200D\\uFEFF\",\"voice\":\"alloy\"}",
            "{\"model\":\"tts-1\",\"input\":\"😀🎉👍🏽\",\"voice\":\"alloy\",\"response_format\":\"wav\"}",
            "{\"model\":\"tts-1\",\"input\":\"\\uD800?!\",\"voice\":\"alloy\",\"stream_format\":\"sse\"}"})
    void inputWithNothingToPronounceIsA400InOpenAisShapeNamingInput(String body) throws Exception {
        HttpResponse<byte[]> r = speech(body);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = openAiError(r);
        assertThat(e.path("param").asString()).isEqualTo("input");
        assertThat(e.path("message").asString()).contains("'input'").contains("nothing to pronounce");
    }

    @Test
    void speedOutsideOpenAisRangeIsA400NamingSpeed() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"tts-1","input":"Hi.","voice":"alloy","speed":4.5}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(openAiError(r).path("param").asString()).isEqualTo("speed");
    }

    @Test
    void aBogusStreamFormatIsA400NamingStreamFormat() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"gpt-4o-mini-tts","input":"Hi.","voice":"alloy","stream_format":"bogus"}""");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = openAiError(r);
        assertThat(e.path("param").asString()).isEqualTo("stream_format");
        assertThat(e.path("message").asString()).contains("sse").contains("audio");
    }

    /** The events of an SSE body, checking that every one is exactly {@code data: <json>} and a blank line. */
    static List<JsonNode> sseEvents(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(body).endsWith("\n\n");
        List<JsonNode> events = new ArrayList<>();
        for (String block : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            assertThat(block).as("one data line per event").startsWith("data: ").doesNotContain("\n");
            events.add(Http.json(block.substring("data: ".length())));
        }
        return events;
    }

    /** The decoded {@code audio} of the {@code speech.audio.delta} events, concatenated. */
    static byte[] deltaAudio(List<JsonNode> events) {
        java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream();
        for (JsonNode e : events) {
            if (e.path("type").asString().equals("speech.audio.delta")) {
                audio.writeBytes(Base64.getDecoder().decode(e.path("audio").asString()));
            }
        }
        return audio.toByteArray();
    }

    @Test
    void sseIsAnUncachedEventStreamOfDeltasThenExactlyOneDoneAndNothingAfter() throws Exception {
        HttpResponse<byte[]> r = speech("""
                {"model":"gpt-4o-mini-tts","input":"First sentence here. And a second one follows.","voice":"alloy",
                 "response_format":"pcm","stream_format":"sse"}""");

        List<JsonNode> events = sseEvents(r);
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(events).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode delta : events.subList(0, events.size() - 1)) {
            assertThat(delta.path("type").asString()).isEqualTo("speech.audio.delta");
            assertThat(delta.propertyNames()).containsExactlyInAnyOrder("type", "audio");
            assertThat(Base64.getDecoder().decode(delta.path("audio").asString())).isNotEmpty();
        }
        JsonNode done = events.getLast();
        assertThat(done.path("type").asString()).isEqualTo("speech.audio.done");
        assertThat(done.propertyNames()).containsExactlyInAnyOrder("type", "usage");
    }

    @Test
    void sseDeltasDecodeToExactlyTheBytesOfTheRawPcmStreamOfTheSameRequest() throws Exception {
        String request = """
                {"model":"tts-1","input":"Streaming is simple. The bytes must match exactly.","voice":"alloy",
                 "response_format":"pcm"%s}""";
        HttpResponse<byte[]> raw = speech(request.formatted(""));
        HttpResponse<byte[]> sse = speech(request.formatted(",\"stream_format\":\"sse\""));

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body().length).isGreaterThan(24000);
        assertThat(deltaAudio(sseEvents(sse))).isEqualTo(raw.body());
    }

    @Test
    void sseDoneUsageCountsInputCharactersAndTwentyOutputTokensPerSecondOfAudioInferred() throws Exception {
        String input = "Good morning, everyone.";
        List<JsonNode> events = sseEvents(speech("""
                {"model":"gpt-4o-mini-tts","input":"%s","voice":"echo","response_format":"pcm",
                 "stream_format":"sse"}""".formatted(input)));

        double seconds = deltaAudio(events).length / 2 / 24000.0;
        JsonNode usage = events.getLast().path("usage");
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(input.length());
        assertThat(usage.path("output_tokens").asInt()).isEqualTo((int) Math.round(seconds * 20));
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("input_tokens").asInt() + usage.path("output_tokens").asInt());
    }

    @Test
    void sseMp3DeltasDecodeToA24kHzStreamThatTranscribesBackToTheInput() throws Exception {
        List<JsonNode> events = sseEvents(speech("""
                {"model":"gpt-4o-mini-tts","input":"The quick brown fox jumps over the lazy dog.","voice":"nova",
                 "stream_format":"sse"}"""));

        AudioClip clip = AudioFiles.decode(deltaAudio(events));
        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(Heard.words(clip.mono(), clip.sampleRate())).satisfies(PANGRAM_HEARD);
    }

    @Test
    void aClientThatClosesAnSseStreamMidwayStopsTheSynthesisAndTheNextRequestWorks() throws Exception {
        String text = String.join(" ", java.util.Collections.nCopies(12, "Another sentence follows right after it."));
        String json = "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"response_format\":\"pcm\","
                + "\"stream_format\":\"sse\",\"input\":\"" + text + "\"}";
        double cancelledBefore = cancelled();
        try (Socket s = TtsTesting.rawPost(server.port(), "/v1/audio/speech", json)) {
            String head = new String(s.getInputStream().readNBytes(2048), StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 200").contains("text/event-stream").contains("speech.audio.delta");
            s.setSoLinger(true, 0); // reset, not a graceful close
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> cancelled() > cancelledBefore);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.meters().get("parley.tts.syntheses.active").gauge().value() == 0);

        List<JsonNode> next = sseEvents(speech("""
                {"model":"tts-1","input":"Still here.","voice":"alloy","response_format":"pcm","stream_format":"sse"}"""));
        assertThat(next.getLast().path("type").asString()).isEqualTo("speech.audio.done");
    }

    private static double cancelled() {
        Counter c = server.meters().find("parley.tts.cancelled").tag("api", "rest").tag("reason", "client_gone")
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aFailureAfterTheSseStreamBeganIsAnErrorEventInOpenAisErrorShapeThatEndsTheStreamInferred() throws Exception {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        OpenAiSpeech.SseAudioStream sse = new OpenAiSpeech.SseAudioStream(body,
                new OutputFormat(WireCodec.PCM, 24000, OutputFormat.DEFAULT_BIT_RATE).encoder(), 3);
        sse.write(new byte[] {1, 2, 3, 4});

        assertThat(sse.error(new IllegalStateException("engine crashed"))).isTrue();
        sse.close(); // no done event after the error

        String[] events = body.toString(StandardCharsets.UTF_8).split("\n\n");
        assertThat(events).hasSize(2);
        assertThat(events[0]).startsWith("data: {\"type\":\"speech.audio.delta\"");
        assertThat(events[1]).startsWith("event: error\ndata: ");
        JsonNode error = Http.json(events[1].substring("event: error\ndata: ".length()));
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("error").path("type").asString()).isEqualTo("server_error");
        assertThat(error.path("error").path("message").asString()).isNotBlank().doesNotContain("engine crashed");
        assertThat(error.path("error").has("param")).isTrue();
        assertThat(error.path("error").has("code")).isTrue();
    }

    @Test
    void malformedJsonIsA400InOpenAisErrorShape() throws Exception {
        HttpResponse<byte[]> r = speech("{\"input\":");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(openAiError(r).path("type").asString()).isEqualTo("invalid_request_error");
    }

    @Test
    void aWrongKeyIsA401InOpenAisErrorShapeWithCodeInvalidApiKey() throws Exception {
        HttpResponse<byte[]> r = TtsTesting.CLIENT.send(HttpRequest.newBuilder(server.uri().resolve("/v1/audio/speech"))
                .header("Authorization", "Bearer wrong-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"alloy\"}"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(openAiError(r).path("code").asString()).isEqualTo("invalid_api_key");
    }

    @Test
    void everyErrorUnderV1AudioUsesOpenAisShapeBecauseThosePathsAreOpenAisContractEvenA404() throws Exception {
        HttpResponse<byte[]> r = TtsTesting.CLIENT.send(HttpRequest.newBuilder(server.uri().resolve("/v1/audio/nothing"))
                .header("Authorization", "Bearer " + TestServers.KEY).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(openAiError(r).path("type").asString()).isEqualTo("invalid_request_error");
    }

    @Test
    void aGetOnTheSpeechAliasIsA405InOpenAisShape() throws Exception {
        HttpResponse<byte[]> r = TtsTesting.CLIENT.send(HttpRequest.newBuilder(server.uri().resolve("/v1/audio/speech"))
                .header("Authorization", "Bearer " + TestServers.KEY).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(405);
        openAiError(r);
    }

    @Test
    void xaiRoutesKeepTheXaiErrorShape() throws Exception {
        HttpResponse<String> r = http.send("POST", "/v1/tts", "{\"language\":\"en\"}",
                "Authorization", "Bearer " + TestServers.KEY, "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode n = Http.json(r);
        assertThat(n.path("code").isString()).isTrue();
        assertThat(n.path("error").isString()).isTrue();
    }
}
