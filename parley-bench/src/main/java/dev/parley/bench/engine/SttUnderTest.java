package dev.parley.bench.engine;

import java.util.List;

/**
 * Speech to text as the engine-level benchmarks drive it, implemented over the project's engines by the CLI: the file
 * engine, the streaming transcriber, and the streaming recognizer that makes the partials.
 *
 * <p>Threading: called from one thread at a time; each call blocks until it is done. Arrays passed in are read
 * during the call only.
 */
public interface SttUnderTest {
    /** What runs, for the report header (e.g. the models). */
    String describe();

    /** The transcript of 16 kHz mono audio (the file engine, default options). */
    String transcribe(float[] audio16k);

    /** Threads of the pool the file engine runs on, for the report; -1 when unknown. */
    int poolThreads();

    /**
     * CPU time, in ms, of the thread that streams every clip through one new streaming recognizer each (native code
     * included): 100 ms chunks, a partial result every 500 ms, as a live stream's partials cost.
     */
    double partialsCpuMillis(List<float[]> clips16k);

    /**
     * A new live stream with the default streaming options (interim results on), reporting to {@code listener} on the
     * calling thread.
     */
    Stream openStream(Listener listener);

    /** Receives a live stream's transcripts, on the thread that called {@link Stream#accept} or {@link Stream#finish}. */
    @FunctionalInterface
    interface Listener {
        /**
         * One transcript.
         *
         * @param text        its text
         * @param isFinal     a chunk or utterance final (not an interim)
         * @param speechFinal the end of an utterance
         */
        void onTranscript(String text, boolean isFinal, boolean speechFinal);
    }

    /** One live stream of 16 kHz audio; one thread at a time. */
    interface Stream extends AutoCloseable {
        /** Feeds {@code len} samples of {@code samples} from {@code off}. */
        void accept(float[] samples, int off, int len);

        /** Ends the stream; returns the text of the remainder ({@code transcript.done}'s). */
        String finish();

        @Override
        void close();
    }
}
