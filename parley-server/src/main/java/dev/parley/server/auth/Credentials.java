package dev.parley.server.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's chain of {@link CredentialVerifier}s: a token is accepted by the first verifier that accepts it.
 * Features add verifiers at install time (e.g. ephemeral client secrets); the API-key verifier is always first.
 * Thread-safe.
 */
public final class Credentials implements CredentialVerifier {
    private final List<CredentialVerifier> verifiers = new CopyOnWriteArrayList<>();

    /** Appends a verifier to the chain. */
    public void add(CredentialVerifier verifier) {
        verifiers.add(verifier);
    }

    @Override
    public Optional<Principal> verify(String token, Scope scope) {
        if (token == null || token.isEmpty()) return Optional.empty();
        for (CredentialVerifier v : verifiers) {
            Optional<Principal> p = v.verify(token, scope);
            if (p.isPresent()) return p;
        }
        return Optional.empty();
    }
}
