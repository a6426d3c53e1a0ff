package dev.parley.server.tts;

import dev.parley.engines.text.SpeechPiece;
import dev.parley.engines.tts.SpeechSynthesizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Synthesises the pieces of a plan in order, with up to {@value #DEPTH} pieces in flight: while the caller encodes and
 * sends one chunk, the next is already being synthesised on another inference thread. On a two-core host this roughly
 * halves one stream's real-time factor with Kokoro (about 0.9 on one core), so audio after the first chunk keeps up
 * with playback; the first chunk is not delayed (both start at once on an idle pool). Engines are thread-safe.
 *
 * <p>Not thread-safe: one per response, used by its request thread. {@link #close} stops starting new pieces and waits
 * for those in flight (at most {@value #DEPTH} chunks), so no synthesis outlives the response.
 */
final class Lookahead implements AutoCloseable {
    /** Pieces of one request in flight at most. */
    static final int DEPTH = 2;

    private final TtsService service;
    private final SpeechSynthesizer.Plan plan;
    private final List<SpeechPiece> pieces;
    private final ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    private final Deque<Future<float[]>> inflight = new ArrayDeque<>();
    private int submitted;
    private int taken;

    Lookahead(TtsService service, SpeechSynthesizer.Plan plan) {
        this.service = service;
        this.plan = plan;
        this.pieces = plan.pieces();
    }

    boolean hasNext() {
        return taken < pieces.size();
    }

    /** The piece that the last {@link #next()} returned the audio of. */
    SpeechPiece piece() {
        return pieces.get(taken - 1);
    }

    /** The audio of the next piece at {@code plan.sampleRate()}, blocking until it is synthesised. */
    float[] next() throws InterruptedException {
        while (submitted < pieces.size() && inflight.size() < DEPTH) {
            SpeechPiece p = pieces.get(submitted++);
            inflight.add(exec.submit(() -> service.synthesize(plan, p)));
        }
        Future<float[]> f = inflight.poll();
        taken++;
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        exec.close();
    }
}
