package dev.parley.server;

import dev.parley.server.config.ParleyConfig;
import dev.parley.server.playground.PlaygroundFeature;
import dev.parley.server.realtime.RealtimeFeature;
import dev.parley.server.stt.SttFeature;
import dev.parley.server.tts.TtsFeature;
import dev.parley.server.voices.VoicesFeature;
import java.util.List;

/** The features of a Parley server, each built with its section of the configuration. */
public final class Features {
    private Features() {}

    /** Voices, TTS, STT, the voice agent and the playground, in installation order. */
    public static List<Feature> standard(ParleyConfig config) {
        return List.of(new VoicesFeature(), new TtsFeature(config.tts()), new SttFeature(config.stt()),
                new RealtimeFeature(config.realtime()), new PlaygroundFeature(config.playground()));
    }
}
