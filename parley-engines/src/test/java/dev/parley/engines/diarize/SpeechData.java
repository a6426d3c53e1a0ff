package dev.parley.engines.diarize;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared speech set: {@code parley.shared.dir}/speech, else {@code ../shared/speech} above the repo root. */
final class SpeechData {
    private SpeechData() {}

    static Path dir() {
        String p = System.getProperty("parley.shared.dir");
        if (p != null && Files.isDirectory(Path.of(p, "speech"))) return Path.of(p, "speech");
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("shared/speech"))) return d.resolve("shared/speech");
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolveSibling("shared/speech"))) {
                return d.resolveSibling("shared/speech");
            }
        }
        throw new IllegalStateException("shared speech data not found; set -Dparley.shared.dir");
    }

    static AudioClip clip(String file) {
        return Wav.read(dir().resolve(file));
    }

    /** The {@code speaker} column of the manifest row for {@code file}. */
    static String speakerColumn(String file) {
        try {
            for (String line : Files.readAllLines(dir().resolve("manifest.tsv"))) {
                String[] c = line.split("\t", -1);
                if (c[0].equals(file)) return c[5];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(file + " is not in manifest.tsv");
    }
}
