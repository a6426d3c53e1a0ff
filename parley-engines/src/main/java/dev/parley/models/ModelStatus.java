package dev.parley.models;

/** State of one model on disk. */
public enum ModelStatus {
    /** Installed by the fetcher; the marker matches the catalog and every file has its size (or its sha256, when verified). */
    PRESENT,
    /** Every file is there with the right size, but no fetch marker (copied by hand); a verified check adopts it. */
    UNVERIFIED,
    /** The model directory does not exist or holds none of its files. */
    MISSING,
    /** A file is missing, has the wrong size or sha256, or the marker is from another catalog version. */
    CORRUPT;

    /** Whether engines may load the model. */
    public boolean usable() {
        return this == PRESENT || this == UNVERIFIED;
    }

    /** Lower-case name for tables. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
