package dev.parley.engines.tts;

import dev.parley.engines.tts.internal.VoskTranscriber;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: audio measures and the shared Vosk transcriber. */
final class AudioChecks {
    private AudioChecks() {}

    private static VoskTranscriber vosk;

    static double rms(float[] f) {
        double s = 0;
        for (float x : f) s += (double) x * x;
        return Math.sqrt(s / Math.max(1, f.length));
    }

    static Path sharedDir() {
        String p = System.getProperty("parley.shared.dir");
        if (p != null && Files.isDirectory(Path.of(p))) return Path.of(p);
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path cand = dir.resolveSibling("shared");
            if (Files.isDirectory(cand)) return cand;
            dir = dir.getParent();
        }
        return Path.of("../shared");
    }

    static synchronized VoskTranscriber vosk() {
        if (vosk == null) vosk = new VoskTranscriber(sharedDir());
        return vosk;
    }
}
