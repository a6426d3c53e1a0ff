package dev.parley.engines.vad;

/** What a {@link VadSegmenter} reports. Positions are sample indices since the stream started, at its rate. */
public sealed interface VadEvent {
    /** Speech began at {@code sample} (padding included). Reported once speech has lasted the minimum. */
    record SpeechStart(long sample) implements VadEvent {}

    /** Speech that began at {@code startSample} ended at {@code endSample} (exclusive, padding included). */
    record SpeechEnd(long startSample, long endSample) implements VadEvent {}
}
