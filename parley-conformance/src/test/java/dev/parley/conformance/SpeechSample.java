package dev.parley.conformance;

import dev.parley.bench.SpeechSet;
import dev.parley.bench.TestSpeech;
import java.nio.file.Path;

/**
 * A recording from {@code shared/speech} with its reference transcript (from {@code manifest.tsv}).
 *
 * @param file       the audio file
 * @param transcript what is said in it
 */
record SpeechSample(Path file, String transcript) {
    /** JFK's "ask not" (11 s, 44.1 kHz WAV). */
    static SpeechSample jfk() {
        return of("misc/jfk.wav");
    }

    /** The manifest entry {@code name} (a path relative to {@code shared/speech}). */
    static SpeechSample of(String name) {
        SpeechSet speech = TestSpeech.shared();
        return new SpeechSample(speech.path(name), speech.transcript(name));
    }
}
