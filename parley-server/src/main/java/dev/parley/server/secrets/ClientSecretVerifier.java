package dev.parley.server.secrets;

import dev.parley.server.auth.CredentialVerifier;
import dev.parley.server.auth.Principal;
import dev.parley.server.auth.Scope;
import java.util.Optional;

/**
 * Accepts client secrets in the server's credential chain ({@code Credentials.add(new ClientSecretVerifier(secrets))}):
 * only in WebSocket handshakes of {@code /v1/realtime}, {@code /v1/tts} and {@code /v1/stt}; never over REST.
 * The principal's subject is {@code secret:<key id of the minting API key>}, its model the one the secret was minted
 * for. Thread-safe, no I/O.
 */
public final class ClientSecretVerifier implements CredentialVerifier {
    private final ClientSecrets secrets;

    public ClientSecretVerifier(ClientSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public Optional<Principal> verify(String token, Scope scope) {
        if (token == null || !token.startsWith(ClientSecrets.PREFIX)) return Optional.empty();
        Verification v = secrets.verify(token, use(scope), secrets.clock().instant());
        if (v instanceof Verification.Valid valid) {
            return Optional.of(new Principal("secret:" + valid.claims().keyId(), Principal.Kind.EPHEMERAL_SECRET,
                    valid.claims().defaults().model()));
        }
        return Optional.empty();
    }

    /** Where a scope puts a secret: WebSocket handshakes of the three streaming routes, else REST (refused). */
    static SecretUse use(Scope scope) {
        if (scope.transport() != Scope.Transport.WEBSOCKET) return SecretUse.REST;
        return switch (scope.route()) {
            case "/v1/realtime" -> SecretUse.REALTIME_WEBSOCKET;
            case "/v1/tts" -> SecretUse.TTS_WEBSOCKET;
            case "/v1/stt" -> SecretUse.STT_WEBSOCKET;
            default -> SecretUse.REST;
        };
    }
}
