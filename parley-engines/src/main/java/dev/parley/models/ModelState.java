package dev.parley.models;

import java.nio.file.Path;

/**
 * What is on disk for one model.
 *
 * @param spec   the catalog entry
 * @param dir    the model directory, {@code <root>/<id>}
 * @param status present, unverified, missing or corrupt
 * @param detail why it is corrupt (first problem found), else empty
 */
public record ModelState(ModelSpec spec, Path dir, ModelStatus status, String detail) {}
