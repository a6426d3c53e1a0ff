package dev.parley.engines.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a stream of audio into speech start/end events with Silero VAD, following the rules of Silero's
 * {@code get_speech_timestamps} (threshold with hysteresis, minimum silence, minimum speech, padding, maximum speech
 * split at the last pause) but incrementally, so it serves both live streams and files.
 *
 * <p>Feed any number of samples at a time with {@link #accept}; whole chunks (32 ms) are scored as soon as they are
 * complete, the remainder (less than one chunk) waits for the next call, so buffered audio is bounded by one chunk.
 * Events come back as the return value of the call that decided them. Latency: a start is reported once speech has
 * lasted {@code minSpeechMs}; an end once {@code minSilenceMs} of silence followed it.
 *
 * <p>Threading: one segmenter per stream, not thread-safe. {@link #accept} and {@link #flush} run the model, so they
 * block while the model runs (on an inference thread: call them from inside an inference task to score many chunks
 * without a thread hop each). The caller's arrays are read during the call only.
 */
public final class VadSegmenter {
    private static final int MIN_SILENCE_AT_MAX_SPEECH_MS = 98;

    private final Vad.Stream stream;
    private final VadConfig cfg;
    private final int chunk;
    private final float[] pending;
    private int pendingLen;
    private long position; // samples scored so far (a multiple of chunk)
    private float lastProbability;

    private final long minSilence;
    private final long minSilenceAtMax;
    private final long pad;
    private final long minSpeech;
    private final long maxSpeech;

    private boolean triggered;
    private boolean confirmed;
    private long start;
    private long emittedStart;
    private long tempEnd;
    private long prevEnd;
    private long nextStart;
    private long lastEmittedEnd;

    /** A segmenter over a new stream of {@code vad} at {@code sampleRate} (8000 or 16000). */
    public VadSegmenter(Vad vad, int sampleRate, VadConfig config) {
        this.stream = vad.openStream(sampleRate);
        this.cfg = config;
        this.chunk = stream.frameSamples();
        this.pending = new float[chunk];
        long perMs = sampleRate / 1000;
        this.minSilence = config.minSilenceMs() * perMs;
        this.minSilenceAtMax = MIN_SILENCE_AT_MAX_SPEECH_MS * perMs;
        this.pad = config.speechPadMs() * perMs;
        this.minSpeech = config.minSpeechMs() * perMs;
        this.maxSpeech = config.maxSpeechMs() == 0 ? Long.MAX_VALUE : config.maxSpeechMs() * perMs;
    }

    /** Speech segments of a whole buffer (a file), at 8 or 16 kHz. Blocks while the model runs. */
    public static List<SpeechSegment> segments(Vad vad, float[] audio, int sampleRate, VadConfig config) {
        VadSegmenter s = new VadSegmenter(vad, sampleRate, config);
        List<VadEvent> events = new ArrayList<>(s.accept(audio, 0, audio.length));
        events.addAll(s.flush());
        List<SpeechSegment> out = new ArrayList<>();
        for (VadEvent e : events) {
            if (e instanceof VadEvent.SpeechEnd end) {
                out.add(new SpeechSegment(end.startSample(), Math.min(end.endSample(), audio.length), sampleRate));
            }
        }
        return out;
    }

    /**
     * The segments {@link #segments(Vad, float[], int, VadConfig)} gives for a buffer of {@code totalSamples}, from its
     * probabilities ({@link Vad#probabilities}) instead of the model: one model run serves segmentations with
     * different settings (the transcriber's padded segments and the diarizer's plain ones). Pure Java; never blocks.
     *
     * @param probabilities one per frame of {@code frameSamples}, the last frame zero-padded
     */
    public static List<SpeechSegment> segments(float[] probabilities, int frameSamples, int totalSamples,
            int sampleRate, VadConfig config) {
        if ((totalSamples + frameSamples - 1) / frameSamples != probabilities.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + totalSamples
                    + " samples of " + frameSamples + "-sample frames");
        }
        Vad replay = new Vad() {
            @Override
            public int frameSamples(int rate) {
                return frameSamples;
            }

            @Override
            public Stream openStream(int rate) {
                return new Stream() {
                    private int next;

                    @Override
                    public int sampleRate() {
                        return rate;
                    }

                    @Override
                    public int frameSamples() {
                        return frameSamples;
                    }

                    @Override
                    public float process(float[] frame, int offset) {
                        return probabilities[next++];
                    }

                    @Override
                    public void reset() {
                        next = 0;
                    }
                };
            }
        };
        VadSegmenter s = new VadSegmenter(replay, sampleRate, config);
        List<VadEvent> events = new ArrayList<>();
        int full = totalSamples / frameSamples;
        for (int i = 0; i < full; i++) s.step(s.stream.process(s.pending, 0), events);
        s.pendingLen = totalSamples - full * frameSamples; // the zero-padded last frame, which flush() scores
        events.addAll(s.flush());
        List<SpeechSegment> out = new ArrayList<>();
        for (VadEvent e : events) {
            if (e instanceof VadEvent.SpeechEnd end) {
                out.add(new SpeechSegment(end.startSample(), Math.min(end.endSample(), totalSamples), sampleRate));
            }
        }
        return out;
    }

    /** {@link #segments(Vad, float[], int, VadConfig)} for 16 kHz audio with Silero's default settings. */
    public static List<SpeechSegment> segments(Vad vad, float[] audio16k) {
        return segments(vad, audio16k, 16000, VadConfig.defaults());
    }

    /** Feeds {@code len} samples from {@code off}; returns the events they decided (often none). */
    public List<VadEvent> accept(float[] samples, int off, int len) {
        if (off < 0 || len < 0 || off + len > samples.length) throw new IndexOutOfBoundsException();
        List<VadEvent> events = new ArrayList<>(2);
        int i = off;
        int end = off + len;
        if (pendingLen > 0) {
            int take = Math.min(chunk - pendingLen, end - i);
            System.arraycopy(samples, i, pending, pendingLen, take);
            pendingLen += take;
            i += take;
            if (pendingLen == chunk) {
                step(stream.process(pending, 0), events);
                pendingLen = 0;
            }
        }
        while (end - i >= chunk) {
            step(stream.process(samples, i), events);
            i += chunk;
        }
        if (i < end) {
            System.arraycopy(samples, i, pending, 0, end - i);
            pendingLen = end - i;
        }
        return events;
    }

    /** Feeds a whole array. */
    public List<VadEvent> accept(float[] samples) {
        return accept(samples, 0, samples.length);
    }

    /**
     * End of stream: scores the partial chunk (zero-padded) and closes open speech at the last sample seen, if it
     * lasted the minimum. The segmenter can keep going afterwards (positions continue).
     */
    public List<VadEvent> flush() {
        List<VadEvent> events = new ArrayList<>(2);
        long total = position + pendingLen;
        if (pendingLen > 0) {
            java.util.Arrays.fill(pending, pendingLen, chunk, 0f);
            step(stream.process(pending, 0), events);
            pendingLen = 0;
        }
        if (triggered && total - start > minSpeech) {
            if (!confirmed) emitStart(events);
            events.add(new VadEvent.SpeechEnd(emittedStart, total));
            lastEmittedEnd = total;
        }
        resetSpeech();
        return events;
    }

    /**
     * Forces the end of current speech now (push-to-talk "finalize"): reports its end at the samples seen so far if
     * speech was started, and starts looking for new speech. Returns the events (empty if no speech was open).
     */
    public List<VadEvent> forceEnd() {
        List<VadEvent> events = new ArrayList<>(1);
        long now = position + pendingLen;
        if (triggered && confirmed) {
            events.add(new VadEvent.SpeechEnd(emittedStart, now));
            lastEmittedEnd = now;
        }
        resetSpeech();
        return events;
    }

    /** Whether speech is open (started and reported, not yet ended). */
    public boolean inSpeech() {
        return triggered && confirmed;
    }

    /** Samples consumed so far (scored plus pending). */
    public long position() {
        return position + pendingLen;
    }

    /** Probability of the last scored chunk. */
    public float lastProbability() {
        return lastProbability;
    }

    /** The settings. */
    public VadConfig config() {
        return cfg;
    }

    private void step(float p, List<VadEvent> events) {
        lastProbability = p;
        long at = position; // start of this chunk, as Silero counts
        position += chunk;
        if (p >= cfg.threshold() && tempEnd != 0) {
            tempEnd = 0;
            if (nextStart < prevEnd) nextStart = at;
        }
        if (p >= cfg.threshold() && !triggered) {
            triggered = true;
            confirmed = false;
            start = at;
            maybeConfirm(events);
            return;
        }
        if (triggered && at - start > maxSpeech) {
            if (prevEnd != 0) {
                endSpeech(prevEnd, events);
                if (nextStart < prevEnd) {
                    resetSpeech();
                } else {
                    triggered = true;
                    confirmed = false;
                    start = nextStart;
                    prevEnd = nextStart = tempEnd = 0;
                    maybeConfirm(events);
                }
            } else {
                endSpeech(at, events);
                resetSpeech();
                return;
            }
        }
        if (triggered && p < cfg.negThreshold()) {
            if (tempEnd == 0) tempEnd = at;
            if (at - tempEnd > minSilenceAtMax) prevEnd = tempEnd;
            if (at - tempEnd >= minSilence) {
                if (tempEnd - start > minSpeech) endSpeech(tempEnd, events);
                resetSpeech();
                return;
            }
        }
        if (triggered) maybeConfirm(events);
    }

    private void maybeConfirm(List<VadEvent> events) {
        if (confirmed) return;
        long speechEnd = tempEnd != 0 ? tempEnd : position;
        if (speechEnd - start > minSpeech) emitStart(events);
    }

    private void emitStart(List<VadEvent> events) {
        confirmed = true;
        emittedStart = Math.max(lastEmittedEnd, Math.max(0, start - pad));
        events.add(new VadEvent.SpeechStart(emittedStart));
    }

    private void endSpeech(long end, List<VadEvent> events) {
        if (!confirmed) emitStart(events);
        long padded = Math.min(end + pad, position);
        events.add(new VadEvent.SpeechEnd(emittedStart, padded));
        lastEmittedEnd = padded;
    }

    private void resetSpeech() {
        triggered = false;
        confirmed = false;
        start = tempEnd = prevEnd = nextStart = 0;
    }
}
