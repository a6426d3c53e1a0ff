package dev.parley.models;

/** A model an engine needs is missing or corrupt on disk; the message names {@code ./parley models fetch <id>}. */
public final class ModelUnavailableException extends ModelException {
    private final String modelId;
    private final ModelStatus status;

    public ModelUnavailableException(String modelId, ModelStatus status, String message) {
        super(message);
        this.modelId = modelId;
        this.status = status;
    }

    /** The model id. */
    public String modelId() {
        return modelId;
    }

    /** {@link ModelStatus#MISSING} or {@link ModelStatus#CORRUPT}. */
    public ModelStatus status() {
        return status;
    }
}
