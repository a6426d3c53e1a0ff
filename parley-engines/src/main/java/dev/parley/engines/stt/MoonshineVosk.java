package dev.parley.engines.stt;

import dev.parley.engines.runtime.Inference;
import dev.parley.engines.stt.internal.WordAligner;
import dev.parley.engines.vad.Vad;
import dev.parley.engines.vad.SpeechSegment;
import dev.parley.engines.vad.VadConfig;
import dev.parley.engines.vad.VadSegmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Speech to text on three local models, for files ({@link FileTranscriber}) and live streams
 * ({@link StreamingTranscriber}): 16 kHz mono audio in, text with timed words out.
 *
 * <p>Files: the VAD cuts the audio into speech segments (Silero's rules, 300 ms padding, neighbours closer than
 * {@link #MERGE_GAP_MS} ms merged while the result stays under {@value #MAX_SEGMENT_MS} ms, longer speech split at its
 * last pause). Each segment, with 300 ms of digital silence on both sides, is transcribed by Moonshine tiny, which
 * gives the text (the accurate one); Vosk runs once over the whole speech span and gives timed words; Moonshine's
 * words get their times by alignment to Vosk's words ({@link WordAligner}: a word matched to a Vosk word takes its
 * time and confidence, an unmatched word is interpolated between its neighbours with confidence 0). Then filler words
 * are removed unless kept, and inverse text normalisation applies when asked for in English. Streams:
 * {@link MoonshineVoskStream}.
 *
 * <p>Threading: thread-safe, one instance per process (the runtime's). {@link #transcribe} blocks the caller while
 * the native work runs on the {@link Inference} pool, one task per segment, so segments of one file and different
 * files proceed in parallel up to the pool size; called from an inference thread it runs the segments one after
 * the other on that thread. The caller's array is read during the call only. The models belong to the runtime,
 * which closes them.
 */
public final class MoonshineVosk implements FileTranscriber, StreamingTranscriber {
    /** Neighbouring segments closer than this are transcribed together. */
    public static final int MERGE_GAP_MS = 1000;
    /** Longest segment given to Moonshine. */
    public static final int MAX_SEGMENT_MS = 20_000;
    static final int PAD_MS = 300;
    private static final Set<String> FILLERS = Set.of("uh", "um", "er", "erm", "ah", "eh", "hmm", "mm", "mhm", "uhm");

    private final Vad vad;
    private final MoonshineTiny moonshine;
    private final VoskModel vosk;
    private final Inference inference;

    /**
     * @param vad       the voice activity detector (shared)
     * @param moonshine the text model
     * @param vosk      the timing model
     * @param inference where segments run side by side
     */
    public MoonshineVosk(Vad vad, MoonshineTiny moonshine, VoskModel vosk, Inference inference) {
        this.vad = vad;
        this.moonshine = moonshine;
        this.vosk = vosk;
        this.inference = inference;
    }

    Vad vad() {
        return vad;
    }

    MoonshineTiny moonshine() {
        return moonshine;
    }

    /**
     * The Vosk model behind the live partials and the word times, for measuring a stream's cost on its own
     * ({@code parley bench stt}). Its recognizers are native: use them on an inference thread.
     */
    public VoskModel vosk() {
        return vosk;
    }

    Inference inference() {
        return inference;
    }

    @Override
    public Stream open(int sampleRate, Options options, Listener listener) {
        return new MoonshineVoskStream(this, sampleRate, options, listener);
    }

    @Override
    public SttResult transcribe(float[] audio16k, SttOptions options) {
        for (float f : audio16k) {
            if (!Float.isFinite(f)) throw new IllegalArgumentException("audio contains NaN or infinite samples");
        }
        double duration = audio16k.length / 16000.0;
        if (audio16k.length == 0) return SttResult.of(List.of(), List.of(), 0);
        List<SpeechSegment> found = new ArrayList<>();
        List<SpeechSegment> spans = inference.run(() -> segment(audio16k, options.vadThreshold(), found));
        if (spans.isEmpty()) return SttResult.of(List.of(), found, duration);
        List<SttSegment> segments = new ArrayList<>(spans.size());
        if (Inference.onInferenceThread()) { // already on a pool thread: waiting for the pool could deadlock it
            List<VoskRecognizer.Word> words = voskWords(audio16k, spans);
            for (int i = 0; i < spans.size(); i++) {
                segments.add(post(align(moonshineText(audio16k, spans.get(i)), words, spans, i), options));
            }
            return SttResult.of(segments, found, duration);
        }
        // Vosk runs once over the whole file (absolute times, no per-segment recognizer set-up) while Moonshine
        // transcribes the segments in parallel.
        Future<List<VoskRecognizer.Word>> voskFuture = inference.submit(() -> voskWords(audio16k, spans));
        List<Future<String>> futures = new ArrayList<>(spans.size());
        for (SpeechSegment s : spans) {
            futures.add(inference.submit(() -> moonshineText(audio16k, s)));
        }
        try {
            List<VoskRecognizer.Word> words = Inference.await(voskFuture);
            for (int i = 0; i < spans.size(); i++) {
                segments.add(post(align(Inference.await(futures.get(i)), words, spans, i), options));
            }
        } catch (RuntimeException e) {
            futures.forEach(f -> f.cancel(false));
            voskFuture.cancel(false);
            throw e;
        }
        return SttResult.of(segments, found, duration);
    }

    /** Longest stretch given to Moonshine in one pass by {@link #transcribeUtterance}. */
    static final int UTTERANCE_WINDOW_MS = 30_000;

    @Override
    public String transcribeUtterance(float[] audio16k) {
        int window = UTTERANCE_WINDOW_MS * 16;
        StringBuilder text = new StringBuilder();
        for (int at = 0; at < audio16k.length; at += window) {
            int from = at;
            int len = Math.min(window, audio16k.length - at);
            String t = inference.run(() -> moonshineText(audio16k, from, len)).strip();
            if (!t.isEmpty()) text.append(text.isEmpty() ? "" : " ").append(t);
        }
        return text.toString();
    }

    /**
     * Speech segments for transcription (VAD, padded, merged, capped); the plain speech the same VAD run found
     * (Silero's default padding and limits at {@code threshold}: what the diarizer is tuned on) is added to
     * {@code found}. The model runs once; both segmentations replay its probabilities. On an inference thread.
     */
    List<SpeechSegment> segment(float[] audio, float threshold, List<SpeechSegment> found) {
        int max = MAX_SEGMENT_MS * 16;
        List<SpeechSegment> raw = new ArrayList<>();
        if (threshold == 0f) {
            for (int at = 0; at < audio.length; at += max) {
                raw.add(new SpeechSegment(at, Math.min(audio.length, at + max), 16000));
            }
            return raw;
        }
        VadConfig plain = VadConfig.ofThreshold(threshold);
        VadConfig cfg = plain.withSpeechPadMs(PAD_MS).withMaxSpeechMs(MAX_SEGMENT_MS - 2 * PAD_MS);
        float[] probs = vad.probabilities(audio, 16000);
        int frame = vad.frameSamples(16000);
        raw = VadSegmenter.segments(probs, frame, audio.length, 16000, cfg);
        if (raw.isEmpty()) {
            // a lone short word (under the 250 ms minimum, e.g. a clipped digit) is still speech for a file
            raw = VadSegmenter.segments(probs, frame, audio.length, 16000, cfg.withMinSpeechMs(0));
        }
        found.addAll(VadSegmenter.segments(probs, frame, audio.length, 16000, plain));
        List<SpeechSegment> merged = new ArrayList<>();
        for (SpeechSegment s : raw) {
            if (!merged.isEmpty()) {
                SpeechSegment p = merged.getLast();
                if (s.startSample() - p.endSample() < MERGE_GAP_MS * 16L && s.endSample() - p.startSample() <= max) {
                    merged.set(merged.size() - 1, new SpeechSegment(p.startSample(), s.endSample(), 16000));
                    continue;
                }
            }
            merged.add(s);
        }
        return merged;
    }

    /** Digital silence put before and after each segment for Moonshine (it cuts WER on VAD-cut segments by a third). */
    static final int LEAD_ZERO_MS = 300;
    static final int TAIL_ZERO_MS = 300;

    /** Moonshine's text of one segment (with digital silence around it). On an inference thread. */
    String moonshineText(float[] audio, SpeechSegment s) {
        return moonshineText(audio, (int) s.startSample(), s.length());
    }

    /**
     * Moonshine's text of {@code len} samples of {@code audio} from {@code off}, with {@value #LEAD_ZERO_MS} ms of
     * digital silence before and {@value #TAIL_ZERO_MS} ms after (audio past Moonshine's window is left out).
     */
    String moonshineText(float[] audio, int off, int len) {
        int lead = LEAD_ZERO_MS * 16;
        int tail = TAIL_ZERO_MS * 16;
        int n = Math.min(len, MoonshineTiny.MAX_SAMPLES - lead - tail);
        float[] x = new float[lead + n + tail];
        System.arraycopy(audio, off, x, lead, n);
        return moonshine.transcribe(x, 0, x.length).text();
    }

    /** Vosk's words over the span of all segments, absolute times. On an inference thread. */
    List<VoskRecognizer.Word> voskWords(float[] audio, List<SpeechSegment> spans) {
        int from = (int) spans.getFirst().startSample();
        int to = (int) spans.getLast().endSample();
        List<VoskRecognizer.Word> out = new ArrayList<>();
        double t0 = from / 16000.0;
        try (VoskRecognizer r = vosk.newRecognizer()) {
            int step = 8000;
            for (int at = from; at < to; at += step) {
                if (r.acceptFloat(audio, at, Math.min(step, to - at))) collect(r.result(), t0, out);
            }
            collect(r.finalResult(), t0, out);
        }
        return out;
    }

    /** Moonshine's words of segment {@code i} timed by the Vosk words whose middle falls inside it. */
    static SttSegment align(String text, List<VoskRecognizer.Word> vosk, List<SpeechSegment> spans, int i) {
        SpeechSegment s = spans.get(i);
        double lo = i == 0 ? Double.NEGATIVE_INFINITY : (spans.get(i - 1).endSeconds() + s.startSeconds()) / 2;
        double hi = i == spans.size() - 1 ? Double.POSITIVE_INFINITY
                : (s.endSeconds() + spans.get(i + 1).startSeconds()) / 2;
        List<VoskRecognizer.Word> mine = new ArrayList<>();
        for (VoskRecognizer.Word w : vosk) {
            double mid = (w.start() + w.end()) / 2;
            if (mid >= lo && mid < hi) mine.add(w);
        }
        return combine(text, mine, s.startSeconds(), s.endSeconds());
    }

    /** Minimum mean Vosk confidence for using Vosk's words where Moonshine heard nothing. */
    static final double VOSK_FALLBACK_CONFIDENCE = 0.6;

    /**
     * One segment's words: Moonshine's text timed by alignment to Vosk's words. Where Moonshine returns nothing
     * but Vosk heard words with a mean confidence of at least 0.6 (Moonshine tiny drops some very short isolated
     * utterances, such as a lone "ask not" or a single digit), Vosk's words are used as they are.
     */
    static SttSegment combine(String text, List<VoskRecognizer.Word> vosk, double start, double end) {
        if (text.isBlank() && !vosk.isEmpty()) {
            double conf = 0;
            for (VoskRecognizer.Word w : vosk) conf += w.confidence();
            if (conf / vosk.size() >= VOSK_FALLBACK_CONFIDENCE) {
                List<SttWord> words = new ArrayList<>(vosk.size());
                for (VoskRecognizer.Word w : vosk) words.add(new SttWord(w.word(), w.start(), w.end(), w.confidence()));
                return new SttSegment(start, end, String.join(" ", words.stream().map(SttWord::text).toList()), words);
            }
        }
        List<String> words = text.isBlank() ? List.of() : List.of(text.split("\\s+"));
        return new SttSegment(start, end, text, WordAligner.align(words, vosk, start, end));
    }

    private static void collect(VoskRecognizer.Result r, double offset, List<VoskRecognizer.Word> out) {
        for (VoskRecognizer.Word w : r.words()) {
            out.add(new VoskRecognizer.Word(w.word(), w.start() + offset, w.end() + offset, w.confidence()));
        }
    }

    /** Filler removal and inverse text normalisation. */
    static SttSegment post(SttSegment seg, SttOptions options) {
        List<SttWord> words = seg.words();
        boolean changed = false;
        if (!options.fillerWords()) {
            List<SttWord> kept = new ArrayList<>(words.size());
            for (SttWord w : words) {
                String core = w.text().replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT);
                if (!FILLERS.contains(core)) kept.add(w);
            }
            changed = kept.size() != words.size();
            words = kept;
        }
        if (options.itn()) {
            words = InverseTextNormalizer.apply(words);
            changed = true;
        }
        if (!changed) return seg;
        StringBuilder text = new StringBuilder();
        for (SttWord w : words) text.append(text.isEmpty() ? "" : " ").append(w.text());
        return new SttSegment(seg.start(), seg.end(), text.toString(), words);
    }

}
