package dev.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyVerifierTest {
    final ApiKeyVerifier verifier = new ApiKeyVerifier(List.of("first-key-123", "second-key-456"));

    @Test
    void acceptsEveryConfiguredKey() {
        assertThat(verifier.verify("first-key-123", Scope.rest("/v1/x"))).isPresent();
        assertThat(verifier.verify("second-key-456", Scope.websocket("/v1/x"))).isPresent();
    }

    @Test
    void rejectsAPrefixOrExtensionOfAKey() {
        assertThat(verifier.verify("first-key-12", Scope.rest("/v1/x"))).isEmpty();
        assertThat(verifier.verify("first-key-1234", Scope.rest("/v1/x"))).isEmpty();
        assertThat(verifier.verify("", Scope.rest("/v1/x"))).isEmpty();
    }

    @Test
    void principalSubjectIsAFingerprintNotTheKey() {
        Principal p = verifier.verify("second-key-456", Scope.rest("/v1/x")).orElseThrow();
        assertThat(p.kind()).isEqualTo(Principal.Kind.API_KEY);
        assertThat(p.subject()).matches("key:[0-9a-f]{8}").doesNotContain("second");
    }

    @Test
    void credentialsChainAsksLaterVerifiersWhenEarlierOnesDecline() {
        Credentials c = new Credentials();
        c.add(verifier);
        c.add((token, scope) -> token.startsWith("eph-") && scope.transport() == Scope.Transport.WEBSOCKET
                ? java.util.Optional.of(new Principal("eph", Principal.Kind.EPHEMERAL_SECRET))
                : java.util.Optional.empty());
        assertThat(c.verify("eph-1", Scope.websocket("/v1/realtime"))).map(Principal::kind)
                .hasValue(Principal.Kind.EPHEMERAL_SECRET);
        assertThat(c.verify("eph-1", Scope.rest("/v1/tts"))).isEmpty();
        assertThat(c.verify("first-key-123", Scope.rest("/v1/tts"))).map(Principal::kind).hasValue(Principal.Kind.API_KEY);
    }
}
