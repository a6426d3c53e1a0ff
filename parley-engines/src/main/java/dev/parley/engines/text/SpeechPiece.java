package dev.parley.engines.text;

/** One step of what to say: words with a prosody, or silence. */
public sealed interface SpeechPiece {
    /**
     * Words to synthesise.
     *
     * @param text    plain text, no tags; normalised when the front end was asked to normalise
     * @param prosody how to say it
     * @param sentenceEnd whether the text ends a sentence (a clause chunk of a long sentence does not)
     */
    record Speech(String text, Prosody prosody, boolean sentenceEnd) implements SpeechPiece {
        public Speech(String text, Prosody prosody) {
            this(text, prosody, true);
        }
    }

    /** Silence of the given length (from {@code [pause]}, {@code [long-pause]}, the breath/laugh family). */
    record Pause(int millis) implements SpeechPiece {
        public Pause {
            if (millis < 0) throw new IllegalArgumentException("negative pause");
        }
    }
}
