package dev.parley.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSecretsJsonTest {
    static final List<String> MODELS = List.of("grok-voice-latest", "grok-voice-think-fast-1.0");

    static ClientSecretsJson.Request parse(String s) {
        return ClientSecretsJson.parseRequest(s == null ? null : s.getBytes(StandardCharsets.UTF_8), MODELS);
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
    void aSessionIsNeverRefusedForBeingThereButWhatItBindsIsCheckedPerConflict6() {
        assertThat(parse("{\"session\":null}").defaults()).isEqualTo(SessionDefaults.NONE);
        assertThat(parse("{\"session\":{}}").defaults()).isEqualTo(SessionDefaults.NONE);
        assertThat(parse("{\"session\":{\"voice\":\"ara\",\"instructions\":\"x\"}}").defaults())
                .as("fields it does not bind are ignored").isEqualTo(SessionDefaults.NONE);
        for (String[] bad : new String[][] {{"{\"session\":\"x\"}", "session must be an object"},
                {"{\"session\":[1]}", "session must be an object"},
                {"{\"session\":{\"model\":\"../x\"}}", "session.model must be one of grok-voice-latest"},
                {"{\"session\":{\"model\":7}}", "session.model"},
                {"{\"session\":{\"reasoning\":\"high\"}}", "session.reasoning must be an object"},
                {"{\"session\":{\"reasoning\":{\"effort\":\"extreme\"}}}", "session.reasoning.effort"}}) {
            assertThatThrownBy(() -> parse(bad[0])).as(bad[0]).isInstanceOf(SecretRequestException.class)
                    .hasMessageContaining(bad[1]);
        }
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(parse("{\"expires_after\":{\"seconds\":60},\"foo\":[1,2]}").seconds()).isEqualTo(60);
    }

    @Test
    void malformedJsonIs400() {
        assertThatThrownBy(() -> parse("{\"expires_after\":")).isInstanceOf(SecretRequestException.class)
                .hasMessage("request body is not valid JSON (at line 1, column 18)");
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
