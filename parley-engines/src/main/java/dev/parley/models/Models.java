package dev.parley.models;

import java.nio.file.Path;

/**
 * Shortcut for engines: the directory of a usable model under {@link ModelPaths#root()}.
 *
 * <pre>{@code Path dir = Models.require("silero-vad"); // throws ModelUnavailableException naming the fetch command}</pre>
 */
public final class Models {
    private Models() {}

    /**
     * The directory {@code <root>/<id>} of an installed model whose files all have their catalog sizes.
     *
     * @throws ModelUnavailableException when it is missing or corrupt (the message says: run {@code ./parley models fetch <id>})
     * @throws UnknownModelException     when the built-in catalog has no such id
     */
    public static Path require(String id) {
        return new ModelManager(ModelPaths.root(), Holder.CATALOG, FetchConfig.defaults()).require(id);
    }

    /** The built-in catalog (parsed once). */
    public static ModelCatalog catalog() {
        return Holder.CATALOG;
    }

    private static final class Holder {
        static final ModelCatalog CATALOG = ModelCatalog.builtin();
    }
}
