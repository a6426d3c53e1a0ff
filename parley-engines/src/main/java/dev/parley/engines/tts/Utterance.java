package dev.parley.engines.tts;

import dev.parley.engines.runtime.Inference;
import dev.parley.engines.text.ChunkPolicy;
import dev.parley.engines.text.Language;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.SpeechPiece;
import dev.parley.engines.text.TextFrontEnd;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One utterance on its way to audio: text in ({@link #add}: all of it, or text as it arrives, each piece a
 * <em>segment</em>), audio out chunk by chunk ({@link #next}), the first chunk as soon as it is synthesised. Made by
 * {@link SpeechSynthesizer#open}.
 *
 * <p>Every segment goes through the text front end with the utterance's one {@link ChunkPolicy} (its chunk sizes grow
 * across segments): the request's, with the first chunk no longer than the engine wants
 * ({@link TtsEngine#firstChunkChars}); the language is fixed by the first segment ({@code auto} detects it there).
 * Synthesis runs ahead of the caller: the first chunk of the utterance alone (a second synthesis beside it would slow
 * the first audio down on a busy host), then up to {@value #DEPTH} chunks in flight, so the next chunk is usually
 * ready when the caller has sent the current one. Pauses ({@code [pause]}) become silence of their length; a chunk
 * is followed by the engine's gap ({@link TtsEngine#gapAfterMs}).
 *
 * <p>Threading: one caller at a time (a request's or a session's thread). Synthesis runs on virtual threads whose
 * native work goes to the inference pool. {@link #clear} and {@link #close} never interrupt a synthesis in progress
 * (native sessions must not be freed while in use): {@code close} waits for the chunks in flight. Buffers: each
 * returned array is the caller's.
 */
public final class Utterance implements AutoCloseable {
    /** Chunks in flight at most after the first. */
    static final int DEPTH = 2;

    /**
     * The audio of one piece.
     *
     * @param samples      mono samples at {@code sampleRate}: the chunk and its gap, or a pause's silence
     * @param sampleRate   their rate
     * @param piece        what was said (the normalised chunk) or the pause
     * @param segment      the index of the {@link #add} call the piece came from (0 is the first)
     * @param segmentEnd   whether it is the last piece of its segment
     * @param synthNanos   time the engine took (0 for a pause)
     */
    public record Chunk(float[] samples, int sampleRate, SpeechPiece piece, int segment, boolean segmentEnd,
            long synthNanos) {}

    private record Planned(SpeechPiece piece, int segment, boolean segmentEnd) {}

    private final SpeechSynthesizer synth;
    private final SpeechSynthesizer.Request request;
    private final Deque<Planned> planned = new ArrayDeque<>();
    private final Deque<Future<Chunk>> inflight = new ArrayDeque<>();
    private final ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    private SpeechSynthesizer.Voice voice;
    /** The voice's engine slot ({@link UtteranceSlots}), held from the voice's choice to {@link #close}. */
    private UtteranceSlots.Slot slot;
    /** The request's chunk policy as the voice's engine wants its first chunk; set with {@link #voice}. */
    private ChunkPolicy chunks;
    private int segments;
    private int chunkIndex;
    private int taken;
    private int pendingChars;

    Utterance(SpeechSynthesizer synth, SpeechSynthesizer.Request request) {
        this.synth = synth;
        this.request = request;
    }

    /** Chooses the voice for {@code lang} and takes a slot of its engine; on a refusal nothing is chosen or held. */
    void voice(Language lang) {
        SpeechSynthesizer.Voice v = synth.voice(request, lang);
        slot = synth.slots().take(v.engineId());
        voice = v;
        chunks = request.chunks().firstAtMost(v.engine().firstChunkChars());
    }

    /** The voice speaking, or null before the first {@link #add} when the language is detected from the text. */
    public SpeechSynthesizer.Voice voice() {
        return voice;
    }

    /**
     * Plans a segment of text (with speech tags): it becomes chunks and pauses, synthesised as {@link #next} asks.
     * Text with nothing to pronounce adds nothing (no segment). Planning is linear in the text's length
     * ({@link TextFrontEnd}) and runs on the caller's thread.
     *
     * @return the segment's index, or -1 when it added nothing
     * @throws dev.parley.engines.text.UnsupportedLanguageException when the first text's language has no engine
     * @throws dev.parley.engines.EngineBusyException               when the first text's voice is on an engine speaking
     *                                                              its limit of utterances ({@link UtteranceSlots});
     *                                                              nothing of it is planned
     * @throws dev.parley.engines.text.UnspeakableTextException     when the text is mostly in a script the language is
     *                                                              not written in, or its substitutions make it longer
     *                                                              than their bound; nothing of it is planned
     */
    public int add(String text) {
        if (voice == null) voice(Languages.resolve(request.language(), text));
        TextFrontEnd.Options o = new TextFrontEnd.Options(request.normalize(), request.replace(), chunks, chunkIndex);
        var pieces = TextFrontEnd.plan(text, voice.language(), o);
        if (pieces.isEmpty()) return -1;
        int segment = segments++;
        for (int i = 0; i < pieces.size(); i++) {
            SpeechPiece p = pieces.get(i);
            planned.add(new Planned(p, segment, i == pieces.size() - 1));
            if (p instanceof SpeechPiece.Speech s) {
                chunkIndex++;
                pendingChars += s.text().length();
            }
        }
        return segment;
    }

    /** How many {@link #add} calls added something so far. */
    public int segments() {
        return segments;
    }

    /** Whether a planned piece waits to be taken. */
    public boolean hasNext() {
        return !inflight.isEmpty() || !planned.isEmpty();
    }

    /** Characters planned and not yet taken (a bound for callers that receive text faster than it is spoken). */
    public int pendingChars() {
        return pendingChars;
    }

    /**
     * The audio of the next piece, waiting while it is synthesised; starts the synthesis of the pieces after it.
     *
     * @throws java.util.NoSuchElementException when nothing is planned
     * @throws TtsException                     when the engine fails
     */
    public Chunk next() {
        if (!hasNext()) throw new java.util.NoSuchElementException("nothing planned");
        int depth = taken == 0 ? 1 : DEPTH;
        while (!planned.isEmpty() && inflight.size() < depth) {
            Planned p = planned.poll();
            inflight.add(exec.submit(() -> synthesize(p)));
        }
        Future<Chunk> f = inflight.poll();
        taken++;
        Chunk c = Inference.await(f);
        if (c.piece() instanceof SpeechPiece.Speech s) pendingChars -= s.text().length();
        // the next one starts now, while the caller encodes and sends this one
        while (!planned.isEmpty() && inflight.size() < DEPTH - 1) {
            Planned p = planned.poll();
            inflight.add(exec.submit(() -> synthesize(p)));
        }
        return c;
    }

    private Chunk synthesize(Planned p) {
        int sr = voice.sampleRate();
        if (p.piece() instanceof SpeechPiece.Pause pause) {
            return new Chunk(new float[(int) ((long) pause.millis() * sr / 1000)], sr, pause, p.segment(),
                    p.segmentEnd(), 0);
        }
        SpeechPiece.Speech s = (SpeechPiece.Speech) p.piece();
        long t0 = System.nanoTime();
        float[] a = voice.engine().synthesize(s.text(), voice.engineVoice(), s.prosody().then(voice.prosody()),
                voice.language());
        long nanos = System.nanoTime() - t0;
        int gap = voice.engine().gapAfterMs(s.sentenceEnd());
        float[] audio = gap == 0 ? a : Arrays.copyOf(a, a.length + gap * sr / 1000);
        return new Chunk(audio, sr, s, p.segment(), p.segmentEnd(), nanos);
    }

    /**
     * Drops what is planned and not yet taken ({@code text.clear}, barge-in); a synthesis in progress runs to its end
     * and its audio is dropped. The utterance may go on with new text.
     */
    public void clear() {
        planned.clear();
        inflight.clear();
        pendingChars = 0;
    }

    /**
     * Waits for the syntheses in flight (at most {@value #DEPTH} chunks), so none outlives the utterance, then gives
     * its engine slot back. Idempotent.
     */
    @Override
    public void close() {
        planned.clear();
        exec.close();
        if (slot != null) slot.close();
    }
}
