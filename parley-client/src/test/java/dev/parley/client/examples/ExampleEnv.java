package dev.parley.client.examples;

import dev.parley.client.VoiceClient;

/**
 * How the examples find the server: {@code PARLEY_BASE_URL} (else {@code XAI_BASE_URL}, else http://127.0.0.1:8080)
 * and {@code PARLEY_API_KEY} (else {@code XAI_API_KEY}). The system properties {@code parley.base.url} and
 * {@code parley.api.key} take precedence (the tests use them to point the examples at their own server).
 */
final class ExampleEnv {
    private ExampleEnv() {}

    static String baseUrl() {
        return first(System.getProperty("parley.base.url"), System.getenv("PARLEY_BASE_URL"),
                System.getenv("XAI_BASE_URL"), "http://127.0.0.1:8080");
    }

    static String apiKey() {
        return first(System.getProperty("parley.api.key"), System.getenv("PARLEY_API_KEY"), System.getenv("XAI_API_KEY"));
    }

    static VoiceClient client() {
        return VoiceClient.builder().baseUrl(baseUrl()).apiKey(apiKey()).build();
    }

    private static String first(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }
}
