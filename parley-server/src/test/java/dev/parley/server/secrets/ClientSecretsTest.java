package dev.parley.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientSecretsTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MutableClock clock = new MutableClock();
    final ClientSecrets secrets = new ClientSecrets(KEY, clock, 3);

    Verification verify(String token) {
        return secrets.verify(token, SecretUse.REALTIME_WEBSOCKET, clock.now);
    }

    @Test
    void mintedSecretVerifiesAndCarriesKeyIdExpiryAndSessionDefaults() {
        MintedSecret s = secrets.mint("xai-key-1", 300, new SessionDefaults("grok-voice-latest", "none"));
        assertThat(s.value()).startsWith("xai-realtime-client-secret-");
        assertThat(s.expiresAt()).isEqualTo(T0.getEpochSecond() + 300);
        SecretClaims c = ((Verification.Valid) verify(s.value())).claims();
        assertThat(c.keyId()).isEqualTo(ClientSecrets.keyId("xai-key-1")).hasSize(16);
        assertThat(c.expiresAt()).isEqualTo(s.expiresAt());
        assertThat(c.scope()).isEqualTo("ws");
        assertThat(c.defaults()).isEqualTo(new SessionDefaults("grok-voice-latest", "none"));
    }

    @Test
    void secretNeverContainsTheApiKey() {
        String apiKey = "xai-supersecretkey";
        String value = secrets.mint(apiKey, null, null).value();
        String payload = value.substring(ClientSecrets.PREFIX.length(), value.indexOf('.'));
        assertThat(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).doesNotContain(apiKey);
    }

    @Test
    void defaultLifetimeIs600Seconds() {
        assertThat(secrets.mint("k", null, null).expiresAt()).isEqualTo(T0.getEpochSecond() + 600);
    }

    @Test
    void lifetimeOf3600IsAcceptedAnd3601ZeroAndNegativeAreRejected() {
        assertThat(secrets.mint("k", 3600, null).expiresAt()).isEqualTo(T0.getEpochSecond() + 3600);
        for (int bad : new int[] {3601, 0, -1}) {
            assertThatThrownBy(() -> secrets.mint("k", bad, null)).isInstanceOf(SecretRequestException.class)
                    .hasMessageContaining("between 1 and 3600");
        }
    }

    @Test
    void secretExpiresAtExpiresAt() {
        MintedSecret s = secrets.mint("k", 60, null);
        assertThat(secrets.verify(s.value(), SecretUse.REALTIME_WEBSOCKET, T0.plusSeconds(59)).isValid()).isTrue();
        Verification v = secrets.verify(s.value(), SecretUse.REALTIME_WEBSOCKET, T0.plusSeconds(60));
        assertThat(v).isEqualTo(new Verification.Invalid(Verification.Reason.EXPIRED, "client secret expired"));
    }

    @Test
    void aSecretMintedLateInASecondStillLivesItsWholeLifetime() {
        clock.now = T0.plusMillis(999);
        MintedSecret s = secrets.mint("k", 1, null);
        assertThat(s.expiresAt()).isEqualTo(T0.getEpochSecond() + 2);
        assertThat(secrets.verify(s.value(), SecretUse.REALTIME_WEBSOCKET, T0.plusMillis(1998)).isValid()).isTrue();
        assertThat(secrets.verify(s.value(), SecretUse.REALTIME_WEBSOCKET, T0.plusSeconds(2)).isValid()).isFalse();
    }

    @Test
    void anyFlippedBitInPayloadOrSignatureIsForgedOrMalformed() {
        String value = secrets.mint("k", 60, null).value();
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        for (int i = ClientSecrets.PREFIX.length(); i < bytes.length; i++) {
            byte[] copy = Arrays.copyOf(bytes, bytes.length);
            copy[i] ^= 0x01;
            Verification v = verify(new String(copy, StandardCharsets.US_ASCII));
            assertThat(v).as("flipped char %d", i).isInstanceOf(Verification.Invalid.class);
            assertThat(((Verification.Invalid) v).reason()).isIn(Verification.Reason.FORGED, Verification.Reason.MALFORMED);
        }
    }

    @Test
    void payloadWithLongerExpiryButOldSignatureIsForged() {
        String value = secrets.mint("k", 60, null).value();
        String sig = value.substring(value.indexOf('.'));
        String longer = secrets.mint("k", 3600, null).value();
        String forged = longer.substring(0, longer.indexOf('.')) + sig;
        assertThat(((Verification.Invalid) verify(forged)).reason()).isEqualTo(Verification.Reason.FORGED);
    }

    @Test
    void secretSignedWithAnotherServerKeyIsForged() {
        ClientSecrets other = ClientSecrets.withRandomKey(clock);
        String value = other.mint("k", 60, null).value();
        assertThat(((Verification.Invalid) verify(value)).reason()).isEqualTo(Verification.Reason.FORGED);
    }

    @Test
    void garbageAndApiKeysAreMalformed() {
        for (String t : new String[] {null, "", "xai-abc", ClientSecrets.PREFIX, ClientSecrets.PREFIX + "abc",
                ClientSecrets.PREFIX + "a.b.c"}) {
            assertThat(((Verification.Invalid) verify(t)).reason()).as(String.valueOf(t)).isEqualTo(Verification.Reason.MALFORMED);
        }
    }

    @Test
    void everyOtherCharacterInTheSignatureIsForged() {
        String value = secrets.mint("k", 60, null).value();
        int dot = value.indexOf('.');
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = dot + 1; i < value.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == value.charAt(i)) continue;
                String t = value.substring(0, i) + c + value.substring(i + 1);
                assertThat(((Verification.Invalid) verify(t)).reason()).as(t).isEqualTo(Verification.Reason.FORGED);
            }
        }
    }

    @Test
    void secretIsRefusedForRestButAcceptedForAllWebSockets() {
        String value = secrets.mint("k", 60, null).value();
        for (SecretUse use : SecretUse.values()) {
            Verification v = secrets.verify(value, use, T0);
            if (use == SecretUse.REST) {
                assertThat(((Verification.Invalid) v).reason()).isEqualTo(Verification.Reason.WRONG_SCOPE);
            } else {
                assertThat(v.isValid()).as(use.name()).isTrue();
            }
        }
    }

    @Test
    void revocationKillsSecretsIssuedBeforeItButNotAfterNorOtherKeys() {
        String old = secrets.mint("k", 600, null).value();
        String otherKey = secrets.mint("other", 600, null).value();
        clock.now = T0.plusMillis(10);
        secrets.revokeIssuedBefore("k");
        clock.now = T0.plusMillis(20);
        String fresh = secrets.mint("k", 600, null).value();
        assertThat(((Verification.Invalid) verify(old)).reason()).isEqualTo(Verification.Reason.REVOKED);
        assertThat(verify(fresh).isValid()).isTrue();
        assertThat(verify(otherKey).isValid()).isTrue();
    }

    @Test
    void revocationTableIsBoundedAndDropsEntriesOlderThanTheLongestLifetime() {
        secrets.revokeIssuedBefore("a");
        secrets.revokeIssuedBefore("b");
        secrets.revokeIssuedBefore("c");
        assertThatThrownBy(() -> secrets.revokeIssuedBefore("d")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revocation table full");
        clock.now = T0.plus(Duration.ofSeconds(3601));
        secrets.revokeIssuedBefore("d");
        assertThat(secrets.revocationCount()).isEqualTo(1);
    }

    @Test
    void shortSigningKeyIsRejected() {
        assertThatThrownBy(() -> new ClientSecrets(new byte[16], clock, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
