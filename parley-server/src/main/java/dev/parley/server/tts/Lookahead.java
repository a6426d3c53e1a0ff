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
 * Synthesises the pieces of a plan in order, with up to {@value #DEPTH} pieces in flight after the first: while the
 * caller waits for, encodes and sends one chunk, the next is already being synthesised on another inference thread, so
 * on a host with idle cores audio after the first chunk keeps up with playback even for an engine near real time
 * (Kokoro: about 0.9 on one core). The first chunk always runs alone, so the lookahead never delays the first audio.
 * Engines are thread-safe.
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
        // The first piece runs alone: on a busy or small host a second synthesis alongside would slow it down
        // (measured: 2.3 s alone, 4-4.8 s with the next chunk alongside on two shared cores), and it sets the TTFA.
        int depth = taken == 0 ? 1 : DEPTH;
        while (submitted < pieces.size() && inflight.size() < depth) {
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
