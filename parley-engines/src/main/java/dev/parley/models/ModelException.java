package dev.parley.models;

/**
 * A model cannot be used or fetched. The message is one line, meant for a person, and names the command that
 * fixes the problem where there is one. Subclasses tell the cases apart.
 */
public sealed class ModelException extends RuntimeException
        permits ModelUnavailableException, ModelFetchException, UnknownModelException {
    ModelException(String message) {
        super(message);
    }

    ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
