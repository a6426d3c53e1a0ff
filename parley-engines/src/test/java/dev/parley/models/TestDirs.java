package dev.parley.models;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test data: system property {@code parley.shared.dir}, else {@code ../shared} above the repo root. */
final class TestDirs {
    private TestDirs() {}

    static Path shared() {
        String p = System.getProperty("parley.shared.dir");
        if (p != null && Files.isDirectory(Path.of(p))) return Path.of(p);
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("shared/models"))) return d.resolve("shared");
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolveSibling("shared"))) return d.resolveSibling("shared");
        }
        throw new IllegalStateException("shared test data not found; set -Dparley.shared.dir");
    }
}
