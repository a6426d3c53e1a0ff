package dev.parley.models;

/** A model id that the catalog does not contain. */
public final class UnknownModelException extends ModelException {
    public UnknownModelException(String message) {
        super(message);
    }
}
