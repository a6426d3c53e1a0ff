package dev.parley.client.examples;

import dev.parley.client.Voice;
import dev.parley.client.VoiceClient;

/**
 * {@code GET /v1/tts/voices} and {@code GET /v1/tts/voices/{id}}.
 * Usage: {@code VoicesExample [voiceId]}
 */
public final class VoicesExample {
    public static void main(String[] args) throws Exception {
        try (VoiceClient client = ExampleEnv.client()) {
            for (Voice v : client.voices()) System.out.println(v.voiceId() + "\t" + v.name());
            if (args.length > 0) {
                Voice v = client.voice(args[0]);
                System.out.println(args[0] + " is " + v.name() + " (" + v.voiceId() + ")");
            }
        }
    }
}
