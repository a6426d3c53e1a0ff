package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /v1/tts: the documented 400s (spec §5) with the {"code","error"} body, before any audio is made. */
class TtsRestErrorsTest {
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

    static HttpResponse<String> post(String body) throws Exception {
        return http.send("POST", "/v1/tts", body, "Authorization", "Bearer " + TestServers.KEY,
                "Content-Type", "application/json");
    }

    static String error(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode n = Http.json(r);
        assertThat(n.path("code").asString()).isNotBlank();
        return n.path("error").asString();
    }

    @Test
    void emptyTextIsA400() throws Exception {
        HttpResponse<String> r = post("{\"text\":\"\",\"language\":\"en\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("text").contains("empty");
    }

    @Test
    void missingTextIsA400() throws Exception {
        HttpResponse<String> r = post("{\"language\":\"en\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("text");
    }

    @Test
    void textOverFifteenThousandCharactersIsA400() throws Exception {
        HttpResponse<String> r = post("{\"text\":\"" + "a".repeat(15_001) + "\",\"language\":\"en\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("15001").contains("15000");
    }

    @Test
    void missingLanguageIsA400PerConflict7() throws Exception {
        HttpResponse<String> r = post("{\"text\":\"Hello.\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("language");
    }

    @Test
    void unsupportedLanguageIsA400NamingIt() throws Exception {
        HttpResponse<String> r = post("{\"text\":\"Hello.\",\"language\":\"xx-YY\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("xx-YY");
    }

    @Test
    void unknownVoiceIsA400NamingTheVoicePerInferredSpec() throws Exception {
        HttpResponse<String> r = post("{\"text\":\"Hello.\",\"language\":\"en\",\"voice_id\":\"nobody\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("nobody").contains("eve");
    }

    @Test
    void unknownCodecIsA400() throws Exception {
        HttpResponse<String> r = post("{\"text\":\"Hello.\",\"language\":\"en\",\"output_format\":{\"codec\":\"ogg\"}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("ogg");
    }

    @Test
    void sampleRateOutsideTheListIsA400() throws Exception {
        HttpResponse<String> r = post(
                "{\"text\":\"Hello.\",\"language\":\"en\",\"output_format\":{\"codec\":\"pcm\",\"sample_rate\":32000}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("32000");
    }

    @Test
    void mp3BitRateOutsideTheListIsA400() throws Exception {
        HttpResponse<String> r = post(
                "{\"text\":\"Hello.\",\"language\":\"en\",\"output_format\":{\"codec\":\"mp3\",\"bit_rate\":100000}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("100000");
    }

    @Test
    void speedOutsideTheRangeIsA400() throws Exception {
        HttpResponse<String> r = post("{\"text\":\"Hello.\",\"language\":\"en\",\"speed\":2.0}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("speed");
    }

    @Test
    void optimizeStreamingLatencyAboveTwoIsA400PerConflict9() throws Exception {
        HttpResponse<String> r = post("{\"text\":\"Hello.\",\"language\":\"en\",\"optimize_streaming_latency\":3}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("optimize_streaming_latency");
    }

    static RawHttp.Response raw(String framingAndBody, boolean halfClose) throws Exception {
        return RawHttp.exchange(server.port(), "POST /v1/tts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestServers.KEY + "\r\nContent-Type: application/json\r\n" + framingAndBody, halfClose);
    }

    @Test
    void aChunkSizeThatIsNotHexIsA400NotA500() throws Exception {
        RawHttp.Response r = raw("Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", false);
        assertThat(r.status()).isEqualTo(400);
        assertThat(Http.json(r.body()).get("code").stringValue()).isEqualTo("Client specified an invalid argument");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("EOF");
    }

    @Test
    void aChunkLongerThanItsDataThenAHalfCloseIsA400NotA500() throws Exception {
        RawHttp.Response r = raw("Transfer-Encoding: chunked\r\n\r\n64\r\n{\"text\":\"Hel", true);
        assertThat(r.status()).isEqualTo(400);
        assertThat(Http.json(r.body()).get("error").stringValue()).contains("Malformed request body");
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        HttpResponse<String> r = post("{\"text\":\"Hello.\",");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).containsIgnoringCase("JSON");
    }

    @Test
    void textOfTheWrongTypeIsA400() throws Exception {
        HttpResponse<String> r = post("{\"text\":42,\"language\":\"en\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("text");
    }

    @Test
    void missingApiKeyIsA401() throws Exception {
        HttpResponse<String> r = http.send("POST", "/v1/tts", "{\"text\":\"Hello.\",\"language\":\"en\"}",
                "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r)).isNotBlank();
    }

    @Test
    void wrongApiKeyIsA401() throws Exception {
        HttpResponse<String> r = http.send("POST", "/v1/tts", "{\"text\":\"Hello.\",\"language\":\"en\"}",
                "Authorization", "Bearer wrong-key", "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
