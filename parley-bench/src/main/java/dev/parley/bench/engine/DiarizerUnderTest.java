package dev.parley.bench.engine;

import dev.parley.bench.eval.DerScorer;
import java.util.List;

/**
 * Speaker diarization as the benchmark drives it, implemented over the project's diarizer by the CLI.
 *
 * <p>Threading: called from one thread at a time; each call blocks (no native code) until it is done. Arrays passed
 * in are read during the call only.
 */
public interface DiarizerUnderTest {
    /** The sample rate the diarizer works at; audio is passed at this rate. */
    int sampleRate();

    /**
     * Who speaks when.
     *
     * @param samples  mono audio at {@link #sampleRate()}
     * @param speech   where the speech is (the diarizer labels only these spans)
     * @param speakers the number of speakers when known, 0 to let the diarizer decide
     * @return turns sorted by start, speakers numbered from 0 by first appearance
     */
    List<DerScorer.Turn> diarize(float[] samples, List<Span> speech, int speakers);

    /** The speech of {@code samples} (at {@link #sampleRate()}) found by a simple energy detector (no model). */
    List<Span> energySpeech(float[] samples);

    /** The default settings, for the report (e.g. the penalties). */
    String describeDefaults();

    /** A stretch of audio, seconds from the start. */
    record Span(double start, double end) {}
}
