package dev.parley.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.auth.Principal;
import dev.parley.server.auth.Scope;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClientSecretVerifierTest {
    final ClientSecrets secrets = ClientSecrets.withRandomKey(Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
    final ClientSecretVerifier verifier = new ClientSecretVerifier(secrets);
    final String token = secrets.mint("xai-key", 60, null).value();

    @Test
    void secretOpensTheRealtimeTtsAndSttWebSockets() {
        for (String route : new String[] {"/v1/realtime", "/v1/tts", "/v1/stt"}) {
            assertThat(verifier.verify(token, Scope.websocket(route))).as(route)
                    .contains(new Principal("secret:" + ClientSecrets.keyId("xai-key"), Principal.Kind.EPHEMERAL_SECRET));
        }
    }

    @Test
    void thePrincipalCarriesTheModelTheSecretWasMintedForSoTheHandshakeNeedNotVerifyItAgain() {
        String bound = secrets.mint("xai-key", 60, new SessionDefaults("grok-voice-fast-1.0", null)).value();
        assertThat(verifier.verify(bound, Scope.websocket("/v1/realtime"))).get()
                .extracting(Principal::model).isEqualTo("grok-voice-fast-1.0");
        assertThat(verifier.verify(token, Scope.websocket("/v1/realtime"))).get()
                .extracting(Principal::model).isNull();
    }

    @Test
    void secretIsRefusedOverRestAndOnOtherRoutes() {
        assertThat(verifier.verify(token, Scope.rest("/v1/tts"))).isEmpty();
        assertThat(verifier.verify(token, Scope.rest("/v1/realtime/client_secrets"))).isEmpty();
        assertThat(verifier.verify(token, Scope.websocket("/v1/custom-voices"))).isEmpty();
    }

    @Test
    void otherTokensAreLeftToTheNextVerifier() {
        assertThat(verifier.verify("xai-some-api-key", Scope.websocket("/v1/realtime"))).isEmpty();
    }

    @Test
    void revokedSecretIsRefused() {
        secrets.revokeIssuedBefore("xai-key");
        assertThat(verifier.verify(token, Scope.websocket("/v1/realtime"))).isEmpty();
    }
}
