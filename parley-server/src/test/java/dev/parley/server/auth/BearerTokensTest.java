package dev.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerTokensTest {
    @Test
    void bearerSchemeIsCaseInsensitiveAndTrimmed() {
        assertThat(BearerTokens.fromAuthorization("bearer  abc ")).isEqualTo("abc");
        assertThat(BearerTokens.fromAuthorization("Bearer abc")).isEqualTo("abc");
    }

    @Test
    void otherSchemesAndEmptyTokensYieldNothing() {
        assertThat(BearerTokens.fromAuthorization("Basic abc")).isNull();
        assertThat(BearerTokens.fromAuthorization("Bearer ")).isNull();
        assertThat(BearerTokens.fromAuthorization(null)).isNull();
    }

    @Test
    void subprotocolsAreSplitAcrossHeadersAndCommas() {
        assertThat(BearerTokens.subprotocols(List.of("realtime, xai-client-secret.k1", "other")))
                .containsExactly("realtime", "xai-client-secret.k1", "other");
    }

    @Test
    void credentialSubprotocolIsTheFirstNonEmptyXaiClientSecret() {
        assertThat(BearerTokens.credentialSubprotocol(List.of("realtime", "xai-client-secret.", "xai-client-secret.tok.en")))
                .isEqualTo("xai-client-secret.tok.en");
        assertThat(BearerTokens.credentialSubprotocol(List.of("realtime"))).isNull();
    }

    @Test
    void credentialSubprotocolsListsEveryCredentialOfBothKinds() {
        assertThat(BearerTokens.credentialSubprotocols(List.of("realtime", "xai-client-secret.a", "xai-client-secret.",
                "openai-insecure-api-key.b", "openai-beta.realtime-v1")))
                .containsExactly("xai-client-secret.a", "openai-insecure-api-key.b");
        assertThat(BearerTokens.credentialSubprotocols(List.of("realtime"))).isEmpty();
    }
}
