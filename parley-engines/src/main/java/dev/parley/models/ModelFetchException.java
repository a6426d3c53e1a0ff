package dev.parley.models;

/** Downloading, verifying or installing a model failed; nothing was installed for that model. */
public final class ModelFetchException extends ModelException {
    public ModelFetchException(String message) {
        super(message);
    }

    public ModelFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
