package dev.parley.engines.stt;

import java.util.List;

/**
 * Live speech to text, the SPI (the engine side of {@code GET /v1/stt}): each {@link Stream} takes mono PCM in (16 kHz, or any rate
 * from 8 to 48 kHz through a streaming resampler), in any chunk size, transcripts out with the xAI states.
 *
 * <ul>
 *   <li>interim ({@code isFinal=false}): Vosk's partial hypothesis of the speech since the last final, about every
 *       {@code interimMs} of speech (only with {@code interimResults});</li>
 *   <li>chunk final ({@code isFinal=true, speechFinal=false}): after about {@code chunkFinalMs} of speech, at the
 *       next pause (or hard at twice that), Moonshine's text of the speech since the last final, locked;</li>
 *   <li>utterance final ({@code isFinal=true, speechFinal=true}): the VAD saw {@code endpointingMs} of silence
 *       (0: any silence chunk), or {@link Stream#finalizeUtterance()} was called; text and words are the complete stitched
 *       utterance (one pass over the whole utterance when it is at most 20 s, else every chunk final of it plus the rest).
 *       An utterance of at most 4 s that starts within 1 s of the previous utterance final is transcribed with up
 *       to 2 s of the audio before it, and keeps only the words after the previous final's last word (short
 *       endpointing cuts sentences at short pauses, and Moonshine mishears a short utterance heard alone).</li>
 * </ul>
 * {@link Stream#finish()} ends the stream: the speech not covered by an utterance final comes back as the
 * {@code transcript.done} content. Word times are seconds since the stream started (Moonshine's words aligned to
 * Vosk's, as for files); {@code start}/{@code duration} give the span an event covers. Implementation:
 * {@link MoonshineVosk} (Silero VAD, Moonshine tiny, Vosk).
 *
 * <p>Threading: the transcriber is thread-safe and shared; one {@link Stream} per audio stream, whose
 * {@code accept}, {@code finalizeUtterance} and {@code finish} must not be called concurrently (a WebSocket reader
 * loop on a virtual thread is the intended caller). Each call runs the native work on an inference thread and
 * blocks until it is done (a final costs one Moonshine run, tens to a
 * few hundred ms); the {@link Listener} is then called on the caller's thread, in order, never concurrently.
 * The caller's arrays are read during the call only. Buffering: the audio since the last final is kept, bounded by
 * {@code 2 * chunkFinalMs} plus padding, and a ring of the last 7 s of audio; Vosk keeps its own decoder state.
 */
public interface StreamingTranscriber {
    /**
     * Opens a stream whose input is at {@code sampleRate} (8000-48000 Hz; brought to 16 kHz inside, the models run at
     * 16 kHz only). Close it when done.
     *
     * @throws IllegalArgumentException for a rate outside 8000-48000 Hz
     */
    Stream open(int sampleRate, Options options, Listener listener);

    /** As {@link #open(int, Options, Listener)} at 16 kHz. */
    default Stream open(Options options, Listener listener) {
        return open(16000, options, listener);
    }

    /** One live stream. Not thread-safe: see the interface comment. */
    interface Stream extends AutoCloseable {
        /** Feeds float samples in [-1, 1] at the stream's input rate; transcripts decided by them reach the listener. */
        void accept(float[] samples, int off, int len);

        /** Push-to-talk "finalize": ends the current utterance now with an utterance final (if there is speech). */
        void finalizeUtterance();

        /**
         * End of audio ({@code audio.done}): transcribes what is left and returns the {@code transcript.done}
         * content, the speech not covered by an utterance final (empty text if all was), with the stream's duration.
         *
         * @throws IllegalStateException when already finished
         */
        Transcript finish();

        /** Seconds of audio received. */
        double secondsReceived();

        /** Releases the stream's native state (its Vosk recognizer). Idempotent. */
        @Override
        void close();
    }

    /** Receives transcripts, on the thread that called {@code accept}/{@code finalizeUtterance}/{@code finish}. */
    @FunctionalInterface
    interface Listener {
        void onTranscript(Transcript t);
    }

    /**
     * One transcript event ({@code transcript.partial}); also the content of {@code transcript.done} (then
     * {@code isFinal} and {@code speechFinal} are true and {@code duration} is the whole stream's).
     */
    record Transcript(String text, List<SttWord> words, boolean isFinal, boolean speechFinal, double start,
            double duration) {
        public Transcript {
            words = List.copyOf(words);
        }
    }

    /**
     * Stream settings.
     *
     * @param interimResults emit interim transcripts
     * @param endpointingMs silence that ends an utterance (0-5000)
     * @param vadThreshold speech-probability threshold of the VAD (0 &lt; t &lt;= 1)
     * @param interimMs interval of interim transcripts, in ms of audio
     * @param chunkFinalMs speech after which a chunk final is locked
     * @param options language / format / filler words, as for files
     */
    record Options(boolean interimResults, int endpointingMs, float vadThreshold, int interimMs,
            int chunkFinalMs, SttOptions options) {
        public Options {
            if (endpointingMs < 0 || endpointingMs > 5000) {
                throw new IllegalArgumentException("endpointing must be 0-5000 ms, got " + endpointingMs);
            }
            if (!(vadThreshold > 0f && vadThreshold <= 1f)) {
                throw new IllegalArgumentException("vad threshold must be in (0, 1], got " + vadThreshold);
            }
            if (interimMs < 100 || chunkFinalMs < 1000) throw new IllegalArgumentException("interval too short");
        }

        /** Interim results on, 400 ms endpointing, VAD 0.5, interims every 500 ms, chunk finals after 3 s. */
        public static Options defaults() {
            return new Options(true, 400, 0.5f, 500, 3000, SttOptions.defaults());
        }

        public Options withEndpointingMs(int ms) {
            return new Options(interimResults, ms, vadThreshold, interimMs, chunkFinalMs, options);
        }

        public Options withInterimResults(boolean on) {
            return new Options(on, endpointingMs, vadThreshold, interimMs, chunkFinalMs, options);
        }

        public Options withOptions(SttOptions o) {
            return new Options(interimResults, endpointingMs, vadThreshold, interimMs, chunkFinalMs, o);
        }
    }
}
