package dev.parley.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientSecretsJsonTest {
    static ClientSecretsJson.Request parse(String s) {
        return ClientSecretsJson.parseRequest(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void emptyBodyAndEmptyObjectMeanDefaults() {
        assertThat(parse(null)).isEqualTo(new ClientSecretsJson.Request(null, SessionDefaults.NONE));
        assertThat(parse("")).isEqualTo(new ClientSecretsJson.Request(null, SessionDefaults.NONE));
        assertThat(parse("{}")).isEqualTo(new ClientSecretsJson.Request(null, SessionDefaults.NONE));
    }

    @Test
    void expiresAfterSecondsIsRead() {
        assertThat(parse("{\"expires_after\":{\"seconds\":300}}").seconds()).isEqualTo(300);
    }

    @Test
    void sessionIsAcceptedAndBoundAsDefaultsPerConflict6() {
        var r = parse("{\"session\":{\"model\":\"grok-voice-think-fast-1.0\",\"reasoning\":{\"effort\":\"none\"},\"x\":1}}");
        assertThat(r.defaults()).isEqualTo(new SessionDefaults("grok-voice-think-fast-1.0", "none"));
    }

    @Test
    void oddSessionContentIsNeverA400PerConflict6() {
        assertThat(parse("{\"session\":null}").defaults()).isEqualTo(SessionDefaults.NONE);
        assertThat(parse("{\"session\":{\"reasoning\":{\"effort\":\"extreme\"}}}").defaults()).isEqualTo(SessionDefaults.NONE);
        assertThat(parse("{\"session\":\"text\"}").defaults()).isEqualTo(SessionDefaults.NONE);
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(parse("{\"expires_after\":{\"seconds\":60},\"foo\":[1,2]}").seconds()).isEqualTo(60);
    }

    @Test
    void malformedJsonIs400() {
        assertThatThrownBy(() -> parse("{\"expires_after\":")).isInstanceOf(SecretRequestException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void nonObjectBodyIs400() {
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(SecretRequestException.class);
    }

    @Test
    void outOfRangeOrNonIntegerSecondsAre400() {
        for (String body : new String[] {"{\"expires_after\":{\"seconds\":0}}", "{\"expires_after\":{\"seconds\":-5}}",
                "{\"expires_after\":{\"seconds\":3601}}", "{\"expires_after\":{\"seconds\":1.5}}",
                "{\"expires_after\":{\"seconds\":\"600\"}}", "{\"expires_after\":{\"seconds\":99999999999}}"}) {
            assertThatThrownBy(() -> parse(body)).as(body).isInstanceOf(SecretRequestException.class)
                    .extracting(e -> ((SecretRequestException) e).status()).isEqualTo(400);
        }
    }

    @Test
    void anchorOtherThanCreatedAtIs400() {
        assertThat(parse("{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":10}}").seconds()).isEqualTo(10);
        assertThatThrownBy(() -> parse("{\"expires_after\":{\"anchor\":\"first_use\"}}"))
                .isInstanceOf(SecretRequestException.class).hasMessageContaining("anchor");
    }

    @Test
    void responseIsFlatValueAndExpiresAt() {
        assertThat(ClientSecretsJson.responseBody(new MintedSecret("xai-realtime-client-secret-a.b", 1767225900)))
                .isEqualTo("{\"value\":\"xai-realtime-client-secret-a.b\",\"expires_at\":1767225900}");
    }

    @Test
    void errorBodyIsTheXaiRestShape() {
        assertThat(ClientSecretsJson.errorBody(new SecretRequestException("bad")))
                .isEqualTo("{\"code\":\"Client specified an invalid argument\",\"error\":\"bad\"}");
    }
}
