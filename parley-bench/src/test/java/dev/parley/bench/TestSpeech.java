package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The speech set of the build, for tests of every module (parley-bench's test-jar): {@code <parley.shared.dir>/speech}
 * (Surefire sets the property in the parent POM to {@code ../shared}), else the first {@code shared/speech} next to
 * the working directory or one of its parents (a test started from an IDE). Loaded once per JVM.
 */
public final class TestSpeech {
    private static SpeechSet shared;

    private TestSpeech() {}

    /** @throws IllegalStateException when no set is found */
    public static synchronized SpeechSet shared() {
        if (shared == null) {
            String prop = System.getProperty("parley.shared.dir");
            Path found = prop != null && Files.isDirectory(Path.of(prop, "speech")) ? Path.of(prop, "speech") : null;
            for (Path p = Path.of("").toAbsolutePath(); found == null && p != null; p = p.getParent()) {
                Path candidate = p.resolveSibling("shared").resolve("speech");
                if (Files.isDirectory(candidate)) found = candidate;
            }
            if (found == null) throw new IllegalStateException("shared/speech not found; set -Dparley.shared.dir");
            shared = SpeechSet.at(found);
        }
        return shared;
    }
}
