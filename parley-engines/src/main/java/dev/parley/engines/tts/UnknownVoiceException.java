package dev.parley.engines.tts;

import java.util.Collection;

/** The requested voice is neither an API voice of the mapping nor a voice of the engine. The server answers 400. */
public final class UnknownVoiceException extends IllegalArgumentException {
    private final String voice;

    public UnknownVoiceException(String voice, Collection<String> known) {
        super("unknown voice '" + voice + "'; known voices: " + String.join(", ", known));
        this.voice = voice;
    }

    /** The voice id as the client sent it. */
    public String voice() {
        return voice;
    }
}
