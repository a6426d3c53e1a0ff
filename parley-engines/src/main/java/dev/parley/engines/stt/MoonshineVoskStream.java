package dev.parley.engines.stt;

import dev.parley.audio.Resampler;
import dev.parley.engines.runtime.Inference;
import dev.parley.engines.stt.StreamingTranscriber.Listener;
import dev.parley.engines.stt.StreamingTranscriber.Options;
import dev.parley.engines.stt.StreamingTranscriber.Transcript;
import dev.parley.engines.vad.VadConfig;
import dev.parley.engines.vad.VadEvent;
import dev.parley.engines.vad.VadSegmenter;
import java.util.ArrayList;
import java.util.List;

/**
 * One live stream of {@link MoonshineVosk} (see {@link StreamingTranscriber} for the events and the contract): the
 * VAD segments the stream, Vosk runs continuously for interims and word times, Moonshine gives the text of chunk and
 * utterance finals. Buffering: the audio since the last final, bounded by {@code 2 * chunkFinalMs} plus padding, and
 * a ring of the last 7 s of audio; Vosk keeps its own decoder state.
 */
final class MoonshineVoskStream implements StreamingTranscriber.Stream {
    /** Audio kept before the VAD's (padded) speech start, so Moonshine hears the onset. */
    private static final int PRE_ROLL_MS = 300;
    /**
     * Left context for a short utterance final: up to this much audio before the utterance is transcribed with it
     * (Moonshine mishears a short utterance on its own, e.g. "than apprehension" cut off at a pause becomes "but then
     * apprehension", a lone "ask not" becomes "as not" or nothing), and only the words after the previous final are
     * kept. The file engine gets the same context by merging segments closer than {@link MoonshineVosk#MERGE_GAP_MS}.
     */
    static final int CONTEXT_MS = 2000;
    /** Utterances up to this long get left context. */
    static final int CONTEXT_MAX_UTTERANCE_MS = 4000;
    /** Left context only when the previous utterance final ended at most this long before this utterance began. */
    static final int CONTEXT_GAP_MS = MoonshineVosk.MERGE_GAP_MS;
    /**
     * Audio history ring: longer than the VAD's start latency (minimum speech + a chunk) and than a short utterance
     * with its left context.
     */
    private static final int HISTORY_MS = CONTEXT_MS + CONTEXT_MAX_UTTERANCE_MS + 1000;

    private final MoonshineVosk engine;
    private final Resampler resampler; // null at 16 kHz
    private final Options opts;
    private final Listener listener;
    private final Inference inference;
    private final VadSegmenter vad;
    private final VoskRecognizer vosk;

    private final float[] preRoll = new float[HISTORY_MS * 16]; // ring of the last HISTORY_MS of audio
    private long total; // samples received
    private float[] chunk = new float[16000 * 8]; // audio since the last final (or speech start - pre-roll)
    private float[] utter = new float[16000 * 8]; // audio of the whole open utterance (from utteranceStart)
    private int utterLen;
    private int chunkLen;
    private long chunkStart = -1; // sample index of chunk[0]; -1 when no speech is open
    private long utteranceStart;
    private final List<SttWord> utteranceWords = new ArrayList<>();
    private final StringBuilder utteranceText = new StringBuilder();
    private final List<VoskRecognizer.Word> voskWords = new ArrayList<>();
    private long lastInterimAt;
    private boolean finished;
    private boolean closed;
    /** End (sample index) of the audio of the last utterance final with words; -1 before the first. */
    private long prevFinalEnd = -1;
    /** End (seconds) of the last word of the last utterance final. */
    private double prevWordEnd;

    private final List<Transcript> out = new ArrayList<>();
    /** Utterances up to this long get their final text from one Moonshine pass over the whole utterance. */
    private static final int WHOLE_UTTERANCE_MAX_MS = 20_000;
    /** Shortest pause (ms of low speech probability) at which a chunk final may be cut. */
    private static final int CHUNK_PAUSE_MS = 200;
    /** Samples of low speech probability just before the current position. */
    private long quiet;
    /** Samples per processing step (100 ms at 16 kHz). */
    private static final int STEP = 1600;

    /** Opens a stream at {@code sampleRate} (8000-48000 Hz) on the engine's models. */
    MoonshineVoskStream(MoonshineVosk engine, int sampleRate, Options options, Listener listener) {
        if (sampleRate < 8000 || sampleRate > 48000) {
            throw new IllegalArgumentException("sample rate must be 8000-48000 Hz, got " + sampleRate);
        }
        this.resampler = sampleRate == 16000 ? null : new Resampler(sampleRate, 16000);
        this.engine = engine;
        this.opts = options;
        this.listener = listener;
        this.inference = engine.inference();
        VadConfig cfg = VadConfig.ofThreshold(options.vadThreshold()).withMinSilenceMs(options.endpointingMs())
                .withSpeechPadMs(30).withMinSpeechMs(150);
        this.vad = new VadSegmenter(engine.vad(), 16000, cfg);
        this.vosk = engine.vosk().newRecognizer();
    }

    @Override
    public void accept(float[] samples, int off, int len) {
        if (off < 0 || len < 0 || off + len > samples.length) throw new IndexOutOfBoundsException();
        if (finished) throw new IllegalStateException("stream already finished");
        float[] in = samples;
        int o = off;
        int n = len;
        if (resampler != null) {
            in = resampler.process(samples, off, len);
            o = 0;
            n = in.length;
        }
        float[] x = in;
        int xo = o;
        int xn = n;
        inference.run(() -> {
            process(x, xo, xn);
            return null;
        });
        deliver();
    }

    @Override
    public void finalizeUtterance() {
        if (finished) return;
        inference.run(() -> {
            for (VadEvent e : vad.forceEnd()) handle(e);
            if (chunkStart >= 0) endUtterance(total); // speech seen by pre-roll only: close it too
            return null;
        });
        deliver();
    }

    @Override
    public Transcript finish() {
        if (finished) throw new IllegalStateException("stream already finished");
        float[] tail = resampler == null ? new float[0] : resampler.flush();
        finished = true;
        Transcript done = inference.run(() -> {
            if (tail.length > 0) process(tail, 0, tail.length);
            collectVosk(vosk.finalResult().words());
            for (VadEvent e : vad.flush()) {
                if (e instanceof VadEvent.SpeechStart s) handle(s);
            }
            if (chunkStart >= 0) completeUtterance(chunkStart + chunkLen);
            Transcript t = new Transcript(utteranceText.toString(), utteranceWords, true, true,
                    utteranceWords.isEmpty() ? total / 16000.0 : utteranceStart / 16000.0, total / 16000.0);
            resetUtterance();
            return t;
        });
        deliver();
        return new Transcript(done.text(), done.words(), true, true, 0.0, total / 16000.0);
    }

    @Override
    public double secondsReceived() {
        return total / 16000.0;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        vosk.close();
    }

    // ---- inference side -------------------------------------------------------------------------------------------

    private void process(float[] samples, int off, int len) {
        // Steps are aligned to absolute stream positions (multiples of STEP), so the results do not depend on how
        // the caller happened to batch the audio (WebSocket frame sizes, inbox batching under load).
        for (int at = off, n; at < off + len; at += n) {
            n = Math.min(STEP - (int) (total % STEP), off + len - at);
            if (vosk.acceptFloat(samples, at, n)) collectVosk(vosk.result().words());
            appendAudio(samples, at, n);
            for (VadEvent e : vad.accept(samples, at, n)) handle(e);
            quiet = vad.lastProbability() < vad.config().negThreshold() ? quiet + n : 0;
            if (chunkStart >= 0) afterAudio();
        }
    }

    private void appendAudio(float[] s, int off, int n) {
        // history ring (last second), read when speech starts
        int r = preRoll.length;
        for (int i = 0; i < n; i++) preRoll[(int) ((total + i) % r)] = s[off + i];
        if (chunkStart >= 0) {
            if (chunkLen + n > chunk.length) {
                chunk = java.util.Arrays.copyOf(chunk, Math.max(chunk.length * 2, chunkLen + n));
            }
            System.arraycopy(s, off, chunk, chunkLen, n);
            chunkLen += n;
            utter = ensure(utter, utterLen + n);
            System.arraycopy(s, off, utter, utterLen, n);
            utterLen += n;
        }
        total += n;
    }

    private void handle(VadEvent e) {
        switch (e) {
            case VadEvent.SpeechStart s -> {
                if (chunkStart >= 0) return;
                long from = Math.max(s.sample() - PRE_ROLL_MS * 16L, Math.max(0, total - preRoll.length));
                chunkStart = from;
                utteranceStart = from;
                chunkLen = (int) (total - from);
                for (int i = 0; i < chunkLen; i++) chunk[i] = preRoll[(int) ((from + i) % preRoll.length)];
                utter = ensure(utter, chunkLen);
                System.arraycopy(chunk, 0, utter, 0, chunkLen);
                utterLen = chunkLen;
                lastInterimAt = total;
            }
            case VadEvent.SpeechEnd end -> {
                // Moonshine needs the tail of the last word: keep up to 300 ms after the VAD's end (30 ms pad)
                if (chunkStart >= 0) endUtterance(Math.min(total, Math.max(end.endSample() + 270 * 16, chunkStart)));
            }
        }
    }

    private void afterAudio() {
        long speech = total - chunkStart;
        long target = opts.chunkFinalMs() * 16L;
        // A chunk final is cut in a pause of at least CHUNK_PAUSE_MS (a one-frame dip inside a phrase would cut a
        // word in two and Moonshine drops the words at the edges), or after twice the target with no such pause.
        if (speech >= 2 * target) {
            lockChunk(total);
            return;
        }
        if (speech >= target && quiet >= CHUNK_PAUSE_MS * 16L) {
            // cut in the middle of the pause: the VAD lags, so its end may already hold the next word's onset
            lockChunk(total - quiet / 2);
            return;
        }
        if (opts.interimResults() && total - lastInterimAt >= opts.interimMs() * 16L) {
            lastInterimAt = total;
            VoskRecognizer.Result p = vosk.partial();
            List<SttWord> words = new ArrayList<>();
            double lock = chunkStart / 16000.0;
            for (VoskRecognizer.Word w : voskWords) {
                if (w.end() > lock) words.add(new SttWord(w.word(), w.start(), w.end(), w.confidence()));
            }
            for (VoskRecognizer.Word w : p.words()) words.add(new SttWord(w.word(), w.start(), w.end(), w.confidence()));
            if (!words.isEmpty()) {
                StringBuilder text = new StringBuilder();
                for (SttWord w : words) text.append(text.isEmpty() ? "" : " ").append(w.text());
                out.add(new Transcript(text.toString(), words, false, false, lock, (total - chunkStart) / 16000.0));
            }
        }
    }

    /** Transcribes the chunk up to {@code end} (a sample index), adds it to the utterance, emits a chunk final. */
    private void lockChunk(long end) {
        int len = (int) Math.min(chunkLen, Math.max(0, end - chunkStart));
        SttSegment seg = transcribeChunk(len);
        if (!seg.text().isBlank()) {
            addToUtterance(seg);
            out.add(new Transcript(seg.text(), seg.words(), true, false, chunkStart / 16000.0, len / 16000.0));
        }
        // keep audio after `end` as the start of the next chunk
        int rest = chunkLen - len;
        System.arraycopy(chunk, len, chunk, 0, rest);
        chunkLen = rest;
        chunkStart += len;
        lastInterimAt = total;
        trimVosk();
    }

    private void addToUtterance(SttSegment seg) {
        if (seg.text().isBlank()) return;
        if (!utteranceText.isEmpty()) utteranceText.append(' ');
        utteranceText.append(seg.text());
        utteranceWords.addAll(seg.words());
    }

    private void endUtterance(long end) {
        collectVosk(vosk.finalResult().words()); // our VAD says the utterance is over: make Vosk say so too
        int len = (int) Math.min(chunkLen, Math.max(0, end - chunkStart));
        completeUtterance(chunkStart + len);
        if (!utteranceText.isEmpty()) {
            out.add(new Transcript(utteranceText.toString(), utteranceWords, true, true, utteranceStart / 16000.0,
                    (chunkStart + len - utteranceStart) / 16000.0));
            prevFinalEnd = chunkStart + len;
            prevWordEnd = utteranceWords.isEmpty() ? prevFinalEnd / 16000.0 : utteranceWords.getLast().end();
        }
        resetUtterance();
        trimVosk();
    }

    /**
     * Sets the utterance's text and words for an utterance final ending at sample {@code end}: the whole utterance
     * transcribed in one piece when it fits Moonshine's window (full context: words at the edges of chunk finals
     * are otherwise lost or misheard), else the chunk finals stitched with the last chunk.
     */
    private void completeUtterance(long end) {
        int whole = (int) Math.min(utterLen, Math.max(0, end - utteranceStart));
        if (whole <= WHOLE_UTTERANCE_MAX_MS * 16) {
            SttSegment seg = whole <= CONTEXT_MAX_UTTERANCE_MS * 16 ? withLeftContext(utteranceStart + whole) : null;
            if (seg == null) seg = transcribe(utter, utteranceStart, whole);
            if (!seg.text().isBlank()) {
                utteranceText.setLength(0);
                utteranceWords.clear();
                addToUtterance(seg);
                return;
            }
        }
        addToUtterance(transcribeChunk((int) Math.min(chunkLen, Math.max(0, end - chunkStart))));
    }

    /**
     * The utterance from {@code utteranceStart} to {@code end} transcribed together with up to {@link #CONTEXT_MS}
     * of the audio before it, keeping only the words after the last word of the previous utterance final; null when
     * there is no recent final to lean on or no word is left.
     */
    private SttSegment withLeftContext(long end) {
        if (prevFinalEnd < 0 || utteranceStart - prevFinalEnd > CONTEXT_GAP_MS * 16L) return null;
        long from = Math.max(0, Math.max(utteranceStart - CONTEXT_MS * 16L, total - preRoll.length));
        if (from >= utteranceStart || end > total) return null;
        int len = (int) (end - from);
        float[] buf = new float[len];
        for (int i = 0; i < len; i++) buf[i] = preRoll[(int) ((from + i) % preRoll.length)];
        SttSegment all = transcribeRaw(buf, from, len);
        double cut = Math.max(prevWordEnd, from / 16000.0);
        double lo = Math.max(utteranceStart / 16000.0, prevWordEnd); // words stay in order across finals
        List<SttWord> kept = new ArrayList<>();
        for (SttWord w : all.words()) {
            // a word the VAD's start cut into is timed inside the utterance's span
            if ((w.start() + w.end()) / 2 > cut) {
                kept.add(w.start() >= lo ? w : new SttWord(w.text(), lo, Math.max(lo, w.end()), w.confidence()));
            }
        }
        if (kept.isEmpty()) return null;
        StringBuilder text = new StringBuilder();
        for (SttWord w : kept) text.append(text.isEmpty() ? "" : " ").append(w.text());
        SttSegment seg = MoonshineVosk.post(new SttSegment(utteranceStart / 16000.0, end / 16000.0, text.toString(), kept),
                opts.options());
        return seg.text().isBlank() ? null : seg;
    }

    private static float[] ensure(float[] a, int n) {
        return a.length >= n ? a : java.util.Arrays.copyOf(a, Math.max(a.length * 2, n));
    }

    private SttSegment transcribeChunk(int len) {
        return transcribe(chunk, chunkStart, len);
    }

    /** Moonshine text for {@code len} samples of {@code buf} (stream position {@code start}), timed by Vosk's words. */
    private SttSegment transcribe(float[] buf, long start, int len) {
        return MoonshineVosk.post(transcribeRaw(buf, start, len), opts.options());
    }

    /** As {@link #transcribe}, before filler removal and inverse text normalisation. */
    private SttSegment transcribeRaw(float[] buf, long start, int len) {
        if (len <= 0) return new SttSegment(start / 16000.0, start / 16000.0, "", List.of());
        // Vosk's pending words for this span: flush its hypothesis only at utterance ends would lose partial
        // words, so use the partial's words too.
        List<VoskRecognizer.Word> words = new ArrayList<>(voskWords);
        words.addAll(vosk.partial().words());
        double lo = start / 16000.0;
        double hi = (start + len) / 16000.0;
        List<VoskRecognizer.Word> mine = new ArrayList<>();
        for (VoskRecognizer.Word w : words) {
            double mid = (w.start() + w.end()) / 2;
            if (mid >= lo && mid < hi) mine.add(w);
        }
        String text = engine.moonshineText(buf, 0, len);
        return MoonshineVosk.combine(text, mine, lo, hi);
    }

    private void collectVosk(List<VoskRecognizer.Word> words) {
        voskWords.addAll(words);
    }

    private void trimVosk() {
        // the whole open utterance and the left context of the next one
        double keepFrom = (chunkStart < 0 ? total : utteranceStart) / 16000.0 - 1.0 - CONTEXT_MS / 1000.0;
        voskWords.removeIf(w -> w.end() < keepFrom);
    }

    private void resetUtterance() {
        chunkStart = -1;
        chunkLen = 0;
        utteranceText.setLength(0);
        utteranceWords.clear();
        utterLen = 0;
        if (chunk.length > 16000 * 8) chunk = new float[16000 * 8];
        if (utter.length > 16000 * 8) utter = new float[16000 * 8];
    }

    // ---- caller side -----------------------------------------------------------------------------------------

    private void deliver() {
        List<Transcript> batch;
        synchronized (out) {
            batch = List.copyOf(out);
            out.clear();
        }
        for (Transcript t : batch) listener.onTranscript(t);
    }
}
