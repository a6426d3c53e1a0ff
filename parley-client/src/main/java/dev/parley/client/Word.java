package dev.parley.client;

/**
 * A recognised word with its time span in seconds from the start of the audio.
 *
 * @param text       the word as written
 * @param start      seconds
 * @param end        seconds
 * @param confidence 0–1, or null when the server did not score it
 * @param speaker    0-based speaker number (only with diarization), or null
 */
public record Word(String text, double start, double end, Double confidence, Integer speaker) {}
