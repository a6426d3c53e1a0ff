package dev.parley.engines.text;

import java.util.Collection;

/** A language code Parley cannot speak; the message names the supported ones. The server answers 400. */
public final class UnsupportedLanguageException extends IllegalArgumentException {
    private final String language;

    public UnsupportedLanguageException(String language, Collection<String> supported) {
        super("unsupported language '" + language + "'; supported: " + String.join(", ", supported));
        this.language = language;
    }

    /** The code as the client sent it. */
    public String language() {
        return language;
    }
}
