/**
 * Ephemeral client secrets ({@code POST /v1/realtime/client_secrets}, spec §3): minting, verification, revocation
 * ({@link dev.parley.server.secrets.ClientSecrets}), the request/response JSON
 * ({@link dev.parley.server.secrets.ClientSecretsJson}) and the credential-chain hook
 * ({@link dev.parley.server.secrets.ClientSecretVerifier}). No transport code: the HTTP route parses the body with
 * {@code ClientSecretsJson.parseRequest}, mints with the caller's API key and answers {@code responseBody}, or 400
 * with {@code errorBody} on {@link dev.parley.server.secrets.SecretRequestException}.
 */
package dev.parley.server.secrets;
