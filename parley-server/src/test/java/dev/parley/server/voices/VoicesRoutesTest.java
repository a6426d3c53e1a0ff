package dev.parley.server.voices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class VoicesRoutesTest {
    static ParleyServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start();
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listHasExactlyTheFiveBuiltInVoicesInSpecOrder() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/tts/voices");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode voices = Http.json(r).get("voices");
        List<String> ids = new ArrayList<>();
        voices.values().forEach(v -> ids.add(v.get("voice_id").stringValue()));
        assertThat(ids).containsExactly("eve", "ara", "rex", "sal", "leo");
    }

    @Test
    void eachListedVoiceHasIdNameLanguageGenderAndTone() throws Exception {
        JsonNode eve = Http.json(http.getWithKey("/v1/tts/voices")).get("voices").get(0);
        assertThat(eve.propertyNames()).containsExactly("voice_id", "name", "language", "gender", "tone");
        assertThat(eve.get("name").stringValue()).isEqualTo("Eve");
        assertThat(eve.get("language").isNull()).isTrue();
        assertThat(eve.get("gender").stringValue()).isEqualTo("female");
        assertThat(eve.get("tone").stringValue()).isEqualTo("energetic");
    }

    @Test
    void listDoesNotRevealEngineVoiceNames() throws Exception {
        assertThat(http.getWithKey("/v1/tts/voices").body()).doesNotContain("engine").doesNotContain("af_");
    }

    @Test
    void getVoiceIdIsCaseInsensitiveAndAnswersTheCanonicalLowercaseId() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/tts/voices/EVE");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r).get("voice_id").stringValue()).isEqualTo("eve");
        assertThat(Http.json(r).get("name").stringValue()).isEqualTo("Eve");
    }

    @Test
    void getEachBuiltInVoiceWithItsToneFromTheSpec() throws Exception {
        assertThat(Http.json(http.getWithKey("/v1/tts/voices/ara")).get("tone").stringValue()).isEqualTo("warm");
        assertThat(Http.json(http.getWithKey("/v1/tts/voices/rex")).get("tone").stringValue()).isEqualTo("confident");
        assertThat(Http.json(http.getWithKey("/v1/tts/voices/sal")).get("gender").stringValue()).isEqualTo("neutral");
        assertThat(Http.json(http.getWithKey("/v1/tts/voices/Leo")).get("tone").stringValue()).isEqualTo("authoritative");
    }

    @Test
    void unknownVoiceGets404WithErrorBody() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/tts/voices/nobody");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        assertThat(Http.json(r).get("code").stringValue()).isEqualTo("Some requested entity was not found");
        assertThat(Http.json(r).get("error").stringValue()).contains("nobody");
    }

    @Test
    void voicesNeedAnApiKey() throws Exception {
        assertThat(http.get("/v1/tts/voices/eve").statusCode()).isEqualTo(401);
    }
}
