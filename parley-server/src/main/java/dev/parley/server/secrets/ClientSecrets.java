package dev.parley.server.secrets;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ephemeral client secrets ({@code POST /v1/realtime/client_secrets}, spec §3): stateless signed tokens
 * {@code xai-realtime-client-secret-<base64url(payload)>.<base64url(HMAC-SHA256(prefix + payload))>}.
 *
 * <p>The payload is JSON {@code {"v":1,"kid":..,"iat":<ms>,"exp":<s>,"scope":"ws","model"?,"effort"?}}: {@code kid}
 * identifies the minting API key by a SHA-256 prefix (never the key). Any server holding the same signing key
 * verifies a secret without shared state, so secrets survive restarts and work across instances when the signing
 * key is configured (with {@link #withRandomKey} they are valid only in this process).
 *
 * <p><b>Use.</b> A secret opens WebSocket sessions only (realtime, streaming TTS and STT), and only until
 * {@code expires_at}; an open session is not cut when its secret expires (spec §3, INFERRED-OAI). REST calls with a
 * secret are refused ({@link Verification.Reason#WRONG_SCOPE}).
 *
 * <p><b>Revocation.</b> {@link #revokeIssuedBefore} records "secrets of key K issued before T are revoked" in memory.
 * The table holds at most {@code maxRevocations} keys; entries older than {@link #MAX_TTL_SECONDS} are dropped
 * because every secret they could revoke has expired. When the table is full of live entries a new revocation is
 * refused with {@link IllegalStateException} (never silently forgotten). Revocations are per process: with several
 * instances, revoke on each (or rotate the signing key).
 *
 * <p>Thread-safe.
 */
public final class ClientSecrets {
    /** Literal prefix of every secret value (as observed from api.x.ai). */
    public static final String PREFIX = "xai-realtime-client-secret-";
    /** Lifetime when the request gives none. */
    public static final int DEFAULT_TTL_SECONDS = 600;
    /** Longest lifetime a request may ask for. */
    public static final int MAX_TTL_SECONDS = 3600;
    /** The only scope minted: WebSocket handshakes. */
    public static final String SCOPE_WS = "ws";
    /** Default bound of the revocation table. */
    public static final int DEFAULT_MAX_REVOCATIONS = 10_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final int maxRevocations;
    private final ReentrantLock lock = new ReentrantLock();
    /** keyId -> revoke secrets issued at or before this Unix ms; insertion (= time) order. */
    private final Map<String, Long> revokedBefore = new LinkedHashMap<>();

    /**
     * @param signingKey HMAC key, at least 32 bytes; copied
     * @param clock source of "now" for minting and revocation
     * @param maxRevocations bound of the revocation table
     */
    public ClientSecrets(byte[] signingKey, Clock clock, int maxRevocations) {
        if (signingKey.length < 32) throw new IllegalArgumentException("signing key must have at least 32 bytes");
        if (maxRevocations < 1) throw new IllegalArgumentException("maxRevocations must be >= 1");
        this.key = new SecretKeySpec(signingKey.clone(), "HmacSHA256");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxRevocations = maxRevocations;
    }

    /** A signer with a random 256-bit key: secrets are valid in this process only. */
    public static ClientSecrets withRandomKey(Clock clock) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new ClientSecrets(k, clock, DEFAULT_MAX_REVOCATIONS);
    }

    /** The key id of an API key: the first 16 hex digits of its SHA-256. */
    public static String keyId(String apiKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Mints a secret for {@code apiKey} (already authenticated by the caller).
     *
     * @param seconds lifetime; null means {@link #DEFAULT_TTL_SECONDS}
     * @param defaults session defaults to bind; null for none
     * @throws SecretRequestException when {@code seconds} is not in 1..3600
     */
    public MintedSecret mint(String apiKey, Integer seconds, SessionDefaults defaults) {
        int ttl = seconds == null ? DEFAULT_TTL_SECONDS : seconds;
        if (ttl <= 0 || ttl > MAX_TTL_SECONDS) {
            throw new SecretRequestException("expires_after.seconds must be between 1 and " + MAX_TTL_SECONDS
                    + ", got " + ttl);
        }
        Instant now = clock.instant();
        // expires_at is whole seconds: round up, so a secret lives at least the seconds asked for (rounding down
        // let a 1 s secret minted at hh:mm:ss.999 expire a millisecond later)
        long exp = Math.ceilDiv(now.toEpochMilli(), 1000L) + ttl;
        ObjectNode p = JSON.createObjectNode();
        p.put("v", 1).put("kid", keyId(apiKey)).put("iat", now.toEpochMilli()).put("exp", exp).put("scope", SCOPE_WS);
        if (defaults != null && defaults.model() != null) p.put("model", defaults.model());
        if (defaults != null && defaults.reasoningEffort() != null) p.put("effort", defaults.reasoningEffort());
        String payload = B64.encodeToString(JSON.writeValueAsBytes(p));
        return new MintedSecret(PREFIX + payload + "." + B64.encodeToString(sign(payload)), exp);
    }

    /**
     * Checks a secret presented at {@code use} at time {@code now}.
     *
     * @param token the value after {@code Bearer } or after the {@code xai-client-secret.} subprotocol prefix
     */
    public Verification verify(String token, SecretUse use, Instant now) {
        if (token == null || !token.startsWith(PREFIX)) {
            return invalid(Verification.Reason.MALFORMED, "not a client secret");
        }
        String rest = token.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot != rest.lastIndexOf('.')) return invalid(Verification.Reason.MALFORMED, "malformed client secret");
        String payload = rest.substring(0, dot);
        // compare the encoded signature text, so non-canonical base64 (altered padding bits) is refused too
        byte[] sig = rest.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(sig, B64.encode(sign(payload)))) {
            return invalid(Verification.Reason.FORGED, "invalid client secret");
        }
        SecretClaims claims;
        try {
            JsonNode p = JSON.readTree(B64D.decode(payload));
            JsonNode model = p.get("model");
            JsonNode effort = p.get("effort");
            claims = new SecretClaims(p.get("kid").stringValue(), p.get("iat").asLong(), p.get("exp").asLong(),
                    p.get("scope").stringValue(), new SessionDefaults(model == null ? null : model.stringValue(),
                            effort == null ? null : effort.stringValue()));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            // only reachable with a genuine signature over a payload we did not write: treat as malformed
            return invalid(Verification.Reason.MALFORMED, "malformed client secret");
        }
        if (now.getEpochSecond() >= claims.expiresAt()) {
            return invalid(Verification.Reason.EXPIRED, "client secret expired");
        }
        lock.lock();
        try {
            Long before = revokedBefore.get(claims.keyId());
            if (before != null && claims.issuedAtMillis() <= before) {
                return invalid(Verification.Reason.REVOKED, "client secret revoked");
            }
        } finally {
            lock.unlock();
        }
        if (!use.isWebSocket() || !SCOPE_WS.equals(claims.scope())) {
            return invalid(Verification.Reason.WRONG_SCOPE, "client secrets only open WebSocket sessions; use an API key");
        }
        return new Verification.Valid(claims);
    }

    /**
     * Revokes every secret that {@code apiKey} minted up to now; secrets it mints later stay valid.
     *
     * @throws IllegalStateException if the revocation table is full of live entries
     */
    public void revokeIssuedBefore(String apiKey) {
        Instant now = clock.instant();
        String kid = keyId(apiKey);
        lock.lock();
        try {
            long horizon = now.toEpochMilli() - MAX_TTL_SECONDS * 1000L;
            revokedBefore.values().removeIf(t -> t < horizon);
            revokedBefore.remove(kid); // re-insert at the end: the map stays in time order
            if (revokedBefore.size() >= maxRevocations) {
                throw new IllegalStateException("revocation table full (" + maxRevocations + " keys revoked in the last "
                        + MAX_TTL_SECONDS + " s)");
            }
            revokedBefore.put(kid, now.toEpochMilli());
        } finally {
            lock.unlock();
        }
    }

    /** Keys with a live revocation entry (a metric). */
    public int revocationCount() {
        lock.lock();
        try {
            return revokedBefore.size();
        } finally {
            lock.unlock();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(PREFIX.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Verification invalid(Verification.Reason r, String message) {
        return new Verification.Invalid(r, message);
    }

    /** The clock in use. */
    public Clock clock() {
        return clock;
    }
}
