package dev.parley.client.examples;

import dev.parley.client.ClientSecret;
import dev.parley.client.ClientSecretRequest;
import dev.parley.client.RealtimeOptions;
import dev.parley.client.RealtimeSocket;
import dev.parley.client.ServerEvent;
import dev.parley.client.VoiceClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Mint an ephemeral client secret with the API key ({@code POST /v1/realtime/client_secrets}), then open a realtime
 * session with only that secret, as a browser would ({@code Sec-WebSocket-Protocol: xai-client-secret.<secret>}).
 * Usage: {@code ClientSecretExample [seconds]}
 */
public final class ClientSecretExample {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        ClientSecret secret;
        try (VoiceClient server = ExampleEnv.client()) {
            secret = server.createClientSecret(ClientSecretRequest.expiringAfter(seconds));
        }
        System.out.println("secret expires at " + secret.expiry());
        CompletableFuture<String> created = new CompletableFuture<>();
        try (VoiceClient browser = VoiceClient.builder().baseUrl(ExampleEnv.baseUrl()).clientSecret(secret.value()).build();
                RealtimeSocket socket = browser.openRealtime(RealtimeOptions.defaults(), event -> {
                    if (event instanceof ServerEvent.SessionCreated s) created.complete(s.session().id());
                })) {
            String session = created.get(60, TimeUnit.SECONDS);
            System.out.println("session " + session + " opened with the ephemeral secret; subprotocol "
                    + socket.subprotocol().replaceFirst("\\..*", ".<secret>"));
        }
    }
}
