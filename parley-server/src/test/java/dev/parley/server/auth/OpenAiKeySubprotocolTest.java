package dev.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI's browser subprotocol carrying an API key (spec §1.2, INFERRED compatibility). */
class OpenAiKeySubprotocolTest {
    @Test
    void theKeyIsEverythingAfterThePrefixAmongOtherOfferedProtocols() {
        assertThat(BearerTokens.openAiKey(List.of("realtime", "openai-insecure-api-key.sk-abc.def", "openai-beta.realtime-v1")))
                .isEqualTo("sk-abc.def");
    }

    @Test
    void anEmptyKeyOrNoSuchProtocolGivesNull() {
        assertThat(BearerTokens.openAiKey(List.of("realtime", "openai-insecure-api-key."))).isNull();
        assertThat(BearerTokens.openAiKey(List.of("realtime"))).isNull();
        assertThat(BearerTokens.openAiKey(List.of())).isNull();
    }

    @Test
    void theXaiSubprotocolIsNotMistakenForIt() {
        assertThat(BearerTokens.openAiKey(List.of("xai-client-secret.tok"))).isNull();
        assertThat(BearerTokens.credentialSubprotocol(List.of("openai-insecure-api-key.k"))).isNull();
    }
}
