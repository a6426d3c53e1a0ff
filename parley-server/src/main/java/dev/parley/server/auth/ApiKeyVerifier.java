package dev.parley.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Verifies static API keys (from {@code auth.api_keys} / {@code PARLEY_API_KEYS}), valid for every scope.
 *
 * <p>Comparison is constant-time: both sides are hashed with SHA-256 and compared with
 * {@link MessageDigest#isEqual}, and every configured key is compared (no early exit), so neither the key length
 * nor the position of the matching key leaks through timing. Immutable and thread-safe.
 */
public final class ApiKeyVerifier implements CredentialVerifier {
    private final List<byte[]> digests;
    private final List<String> subjects;

    public ApiKeyVerifier(List<String> keys) {
        this.digests = keys.stream().map(ApiKeyVerifier::sha256).toList();
        this.subjects = digests.stream().map(d -> "key:" + HexFormat.of().formatHex(d, 0, 4)).toList();
    }

    @Override
    public Optional<Principal> verify(String token, Scope scope) {
        byte[] presented = sha256(token);
        int match = -1;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), presented) & match < 0) match = i;
        }
        return match < 0 ? Optional.empty() : Optional.of(new Principal(subjects.get(match), Principal.Kind.API_KEY));
    }

    /** How many keys are configured. */
    public int size() {
        return digests.size();
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required by the Java platform", e);
        }
    }
}
