package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioFiles;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/tts} with text that the front end must bound or refuse, each request with the bytes of the
 * reliability report: {@code replace} maps that chain or are huge (finding 2), text in a script the language cannot
 * speak (finding 3), text with nothing to pronounce (finding 7). Refusals are 400 with {@code {"code","error"}} before
 * any audio is synthesised.
 */
class TtsRestTextTest {
    static ParleyServer server;
    /** Much longer than any of these requests takes; before the fix, the chained maps ran for minutes or hours. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @BeforeAll
    static void start() throws Exception {
        server = TtsTesting.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Posts {@code body} and reads the whole answer, failing (and hanging up) when it takes longer than PATIENCE. */
    static HttpResponse<byte[]> post(byte[] body) throws Exception {
        CompletableFuture<HttpResponse<byte[]>> answer = TtsTesting.CLIENT.sendAsync(
                HttpRequest.newBuilder(server.uri().resolve("/v1/tts"))
                        .header("Authorization", "Bearer " + TestServers.KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        try {
            return answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new AssertionError("no complete answer within " + PATIENCE, e);
        }
    }

    static HttpResponse<byte[]> post(String body) throws Exception {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code error} of a 400 in xAI's shape, checking the shape. */
    static String error400(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode n = Http.json(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(n.path("code").asString()).isNotBlank();
        return n.path("error").asString();
    }

    // ---- finding 2: replace as an amplifier ----

    /**
     * The report's 333-byte body: ten chained substitutions on 11 characters, each key shorter than the one before
     * (keys were applied longest first, each to the text the one before made). In sequence they made 1,024 words (the
     * report: 341 KB of MP3, 45 CPU-seconds); in one pass "information" is "everything everything".
     */
    static final String CHAIN_OF_TEN = "{\"text\":\"information\", \"language\":\"en\", \"voice_id\":\"eve\", \"speed\":1,"
            + "\"replace\":{\"information\":\"everything everything\",\"everything\":\"wonderful wonderful\","
            + "\"wonderful\":\"sunshine sunshine\",\"sunshine\":\"morning morning\",\"morning\":\"coffee coffee\","
            + "\"coffee\":\"bread bread\",\"bread\":\"milk milk\",\"milk\":\"tea tea\",\"tea\":\"go go\",\"go\":\"hello hello\"}}";

    @Test
    void aChainOfTenSubstitutionsIsAppliedOnceAndSpeaksTwoWords() throws Exception {
        assertThat(CHAIN_OF_TEN.getBytes(StandardCharsets.UTF_8)).hasSize(333);
        long before = TtsTesting.chunks(server);
        HttpResponse<byte[]> r = post(CHAIN_OF_TEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TtsTesting.chunks(server) - before).as("\"everything everything\": one chunk, or one a word where the"
                + " engine's first chunk is shorter (Kokoro's 20 characters)").isBetween(1L, 2L);
        assertThat(AudioFiles.decode(r.body()).durationSeconds()).as("two words").isBetween(0.5, 5.0);
    }

    /**
     * The report's 1.1 KB body with a 24-deep chain (keys the prefixes of one long word, longest first; the last makes
     * one word): in sequence it made 8.4 million words (2^23), took the heap from 219 to 945 MB and answered nothing in
     * 180 s, and splitting them held a core for 17 minutes after the client left; in one pass the one word becomes two.
     */
    static String chainOfTwentyFour() {
        String word = "supercalifragilisticexpialidocious";
        StringBuilder b = new StringBuilder("{\"text\":\"" + word.substring(0, 24) + "\",\"language\":\"en\",\"replace\":{");
        for (int n = 24; n > 1; n--) {
            String next = word.substring(0, n - 1);
            b.append("\"").append(word, 0, n).append("\":\"").append(next).append(' ').append(next).append("\",");
        }
        return b.append("\"s\":\"end\"}}").toString();
    }

    @Test
    void aChainOfTwentyFourSubstitutionsIsAppliedOnceAndAnswersAtOnce() throws Exception {
        String body = chainOfTwentyFour();
        assertThat(body).hasSize(1_085);
        long before = TtsTesting.chunks(server);
        HttpResponse<byte[]> r = post(body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TtsTesting.chunks(server) - before).as("two words: one chunk, or one a word where the engine's first"
                + " chunk is shorter (Kokoro's 20 characters)").isBetween(1L, 2L);
        assertThat(AudioFiles.decode(r.body()).durationSeconds()).isBetween(0.5, 8.0);
    }

    /** The report's 60,000-entry map (first byte after 90 s) is refused before anything is planned. */
    @Test
    void aMapOfSixtyThousandEntriesIsA400NamingReplace() throws Exception {
        StringBuilder b = new StringBuilder("{\"text\":\"Hello there.\",\"language\":\"en\",\"replace\":{");
        for (int i = 0; i < 60_000; i++) b.append(i == 0 ? "" : ",").append("\"w").append(i).append("\":\"x\"");
        String body = b.append("}}").toString();
        assertThat(body.length()).isLessThan(TtsRest.MAX_BODY_BYTES);
        long before = TtsTesting.chunks(server);
        String error = error400(post(body));
        assertThat(error).contains("'replace'").contains("60000 entries").contains("limit is 1000");
        assertThat(TtsTesting.chunks(server) - before).as("nothing synthesised").isZero();
    }

    @Test
    void textLongerThanTheLimitAfterSubstitutionIsA400NamingTextAndReplace() throws Exception {
        String text = "NASA ".repeat(3_000).strip(); // 14,999 characters, 135,000 after substitution
        String error = error400(post("{\"text\":\"" + text + "\",\"language\":\"en\","
                + "\"replace\":{\"NASA\":\"National Aeronautics and Space Administration\"}}"));
        assertThat(error).contains("'text'").contains("'replace'").contains("15000");
    }

    @Test
    void aKeyLongerThanTheLimitIsA400NamingReplace() throws Exception {
        String error = error400(post("{\"text\":\"Hi.\",\"language\":\"en\",\"replace\":{\"" + "k".repeat(201)
                + "\":\"x\"}}"));
        assertThat(error).contains("'replace'").contains("201 characters").contains("limit is 200");
    }

    // ---- finding 3: text the language cannot speak ----

    /** Eighty Chinese characters, as in the report (first byte after 66 s, 109 CPU-seconds with {@code en}). */
    static final String CJK_80 = "我们今天去公园散步天气很好阳光明媚小朋友们在草地上玩耍老人们在树下下棋年轻人在湖边跑步"
            .repeat(2).substring(0, 80);

    @Test
    void eightyChineseCharactersWithEnglishAreA400NamingTheScriptAndTheLanguage() throws Exception {
        long before = TtsTesting.chunks(server);
        String error = error400(post("{\"text\":\"" + CJK_80 + "\",\"language\":\"en\"}"));
        assertThat(error).contains("'text'").contains("Han").contains("'en'");
        assertThat(TtsTesting.chunks(server) - before).as("nothing spelled out").isZero();
    }

    @Test
    void greekWithAutoIsA400BecauseNoLanguageOfThatScriptIsSupported() throws Exception {
        String error = error400(post("{\"text\":\"Καλημέρα κόσμε, τι κάνεις;\",\"language\":\"auto\"}"));
        assertThat(error).contains("'text'").contains("Greek");
    }

    @Test
    void aFewLettersOfAnotherScriptInEnglishTextAreLeftOutNotSpelledOut() throws Exception {
        HttpResponse<byte[]> r = post("{\"text\":\"The word 世界 means world.\",\"language\":\"en\","
                + "\"with_timestamps\":true}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode chars = Http.json(new String(r.body(), StandardCharsets.UTF_8)).at("/audio_timestamps/graph_chars");
        StringBuilder said = new StringBuilder();
        chars.forEach(c -> said.append(c.asString()));
        assertThat(said.toString()).isEqualTo("The word means world.");
    }

    // ---- finding 7: nothing to pronounce ----

    /**
     * Bodies whose text has nothing to pronounce: zero-width characters, punctuation, emoji, lone surrogates (JSON
     * escapes, as sent), a mix. They answered 200 with an empty body (wav: a 44-byte header with RIFF size
     * 0xFFFFFFFF). (Speech tags alone are silence, and answered with it.)
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"text\":\"\\u200B\\u200C\\u200D\\uFEFF\\u2060\",\"language\":\"en\",\"output_format\":{\"codec\":\"wav\"}}",
            "{\"text\":\"...!!!???,,,;;;---\",\"language\":\"en\",\"output_format\":{\"codec\":\"wav\"}}",
            "{\"text\":\"😀🎉👍🏽🇫🇷❤️\",\"language\":\"en\",\"output_format\":{\"codec\":\"wav\"}}",
            "{\"text\":\"\\uD800\",\"language\":\"en\",\"output_format\":{\"codec\":\"wav\"}}",
            "{\"text\":\"\\uDC00\\uD83D \\uDFFF\",\"language\":\"auto\"}",
            "{\"text\":\"\\u200B😀 ... \\uFE0F\\u00AD\",\"language\":\"en\",\"output_format\":{\"codec\":\"mp3\"}}"})
    void textWithNothingToPronounceIsA400NotAnEmptyBody(String body) throws Exception {
        String error = error400(post(body));
        assertThat(error).contains("'text'").contains("nothing to pronounce");
    }

    @Test
    void invalidUtf8IsA400() throws Exception {
        byte[] head = "{\"text\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\",\"language\":\"en\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + 3 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xED; // U+D800 encoded as if it were a character: not UTF-8
        body[head.length + 1] = (byte) 0xA0;
        body[head.length + 2] = (byte) 0x80;
        System.arraycopy(tail, 0, body, head.length + 3, tail.length);
        assertThat(error400(post(body))).isNotBlank().doesNotContain("Exception").doesNotContain("jackson");
    }
}
