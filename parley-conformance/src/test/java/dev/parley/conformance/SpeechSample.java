package dev.parley.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
        Path dir = LiveServer.shared().resolve("speech");
        try {
            for (String line : Files.readAllLines(dir.resolve("manifest.tsv"))) {
                String[] f = line.split("\t");
                if (f.length > 4 && f[0].equals(name)) return new SpeechSample(dir.resolve(name), f[4]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(name + " is not in " + dir.resolve("manifest.tsv"));
    }
}
