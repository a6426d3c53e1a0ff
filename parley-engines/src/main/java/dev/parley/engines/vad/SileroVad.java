package dev.parley.engines.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.parley.engines.runtime.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Silero VAD v6 (ONNX): speech probability per 32 ms chunk, streaming, at 16 kHz (512-sample chunks) or 8 kHz
 * (256-sample chunks).
 *
 * <p>One {@code SileroVad} holds one ONNX session and is shared by every stream in the process: ONNX Runtime's
 * {@code run} is thread-safe. The recurrent state and the context (the last 64 samples at 16 kHz, 32 at 8 kHz, of the
 * previous chunk, which the model needs in front of every chunk) live in a {@link Stream}, one per audio stream.
 *
 * <p>Threading: {@link Stream#process} and {@link #probabilities} are blocking native calls that run on an inference
 * thread ({@link Native#run}: inline when the caller is already on one). One chunk costs about 0.1 ms, so callers
 * that process many chunks do it inside one inference task ({@link VadSegmenter#segments} does); the voice agent's
 * per-frame streams use a {@link #on separate one-thread pool} so speech start never queues behind other work.
 */
public final class SileroVad implements Vad, AutoCloseable {
    /** The model file inside its model directory. */
    public static final String FILE = "silero_vad.onnx";

    private final OrtEnvironment env = Native.ortEnvironment();
    private final OrtSession session;
    private final Native nat;
    private final boolean owner;

    private SileroVad(OrtSession session, Native nat, boolean owner) {
        this.session = session;
        this.nat = nat;
        this.owner = owner;
    }

    /** Loads {@code silero_vad.onnx} from a model directory. */
    public static SileroVad load(Path modelDir, Native nat) {
        return new SileroVad(nat.onnx(modelDir.resolve(FILE)), nat, true);
    }

    /**
     * The same model, with its native work on {@code other} when called from outside an inference thread. Closing
     * the view does not close the model.
     */
    public SileroVad on(Native other) {
        return new SileroVad(session, other, false);
    }

    @Override
    public int frameSamples(int sampleRate) {
        return chunkSize(sampleRate);
    }

    /** Samples per chunk at a rate: 512 at 16 kHz, 256 at 8 kHz. */
    public static int chunkSize(int sampleRate) {
        return switch (sampleRate) {
            case 16000 -> 512;
            case 8000 -> 256;
            default -> throw new IllegalArgumentException("Silero VAD runs at 8000 or 16000 Hz, not " + sampleRate);
        };
    }

    /** Context samples put in front of each chunk: 64 at 16 kHz, 32 at 8 kHz. */
    public static int contextSize(int sampleRate) {
        return chunkSize(sampleRate) / 8;
    }

    /** Opens a stream with zero state and zero context. */
    public Stream openStream(int sampleRate) {
        return new Stream(sampleRate, true);
    }

    /**
     * Opens a stream that does <em>not</em> prepend the previous chunk's context. Only for demonstrating that the
     * context rule matters (the model then returns about 0 for speech); never use it for real detection.
     */
    Stream openStreamWithoutContext(int sampleRate) {
        return new Stream(sampleRate, false);
    }

    @Override
    public float[] probabilities(float[] audio, int sampleRate) {
        return nat.run(() -> Vad.super.probabilities(audio, sampleRate));
    }

    @Override
    public void close() {
        if (!owner) return;
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Per-stream state. Not thread-safe: one stream is fed by one thread at a time (calls may move between
     * threads with a happens-before edge, e.g. through an executor).
     */
    public final class Stream implements Vad.Stream {
        private final int sampleRate;
        private final int chunk;
        private final int context;
        private final boolean useContext;
        private final float[] state = new float[2 * 128];
        private final float[] lastContext;
        private final FloatBuffer input;
        private final FloatBuffer stateBuf;
        private final long[] inputShape;

        private Stream(int sampleRate, boolean useContext) {
            this.sampleRate = sampleRate;
            this.chunk = SileroVad.chunkSize(sampleRate);
            this.context = SileroVad.contextSize(sampleRate);
            this.useContext = useContext;
            this.lastContext = new float[context];
            int width = useContext ? context + chunk : chunk;
            this.inputShape = new long[] {1, width};
            this.input = ByteBuffer.allocateDirect(width * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            this.stateBuf = ByteBuffer.allocateDirect(state.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        /** The sample rate this stream was opened at. */
        @Override
        public int sampleRate() {
            return sampleRate;
        }

        /** Samples per chunk ({@link SileroVad#chunkSize}). */
        public int chunkSize() {
            return chunk;
        }

        @Override
        public int frameSamples() {
            return chunk;
        }

        /**
         * Speech probability of one chunk of exactly {@link #chunkSize()} samples in [-1, 1]. The array is read
         * during the call only. Blocking native call on an inference thread.
         */
        @Override
        public float process(float[] samples) {
            return process(samples, 0);
        }

        /** As {@link #process(float[])}, reading {@code chunkSize()} samples from {@code offset}. */
        @Override
        public float process(float[] samples, int offset) {
            if (offset < 0 || offset + chunk > samples.length) {
                throw new IllegalArgumentException("need " + chunk + " samples from offset " + offset
                        + ", have " + samples.length);
            }
            return nat.run(() -> infer(samples, offset));
        }

        private float infer(float[] samples, int offset) {
            input.clear();
            if (useContext) input.put(lastContext);
            input.put(samples, offset, chunk);
            input.flip();
            stateBuf.clear();
            stateBuf.put(state);
            stateBuf.flip();
            try (OnnxTensor in = OnnxTensor.createTensor(env, input, inputShape);
                 OnnxTensor st = OnnxTensor.createTensor(env, stateBuf, new long[] {2, 1, 128});
                 OnnxTensor sr = OnnxTensor.createTensor(env, (long) sampleRate);
                 OrtSession.Result r = session.run(Map.of("input", in, "state", st, "sr", sr))) {
                float p = ((OnnxTensor) r.get("output").orElseThrow()).getFloatBuffer().get(0);
                ((OnnxTensor) r.get("stateN").orElseThrow()).getFloatBuffer().get(state);
                System.arraycopy(samples, offset + chunk - context, lastContext, 0, context);
                return p;
            } catch (OrtException e) {
                throw new IllegalStateException("Silero VAD inference failed: " + e.getMessage(), e);
            }
        }

        /** Back to zero state and zero context (a new, unrelated audio stream). */
        @Override
        public void reset() {
            Arrays.fill(state, 0f);
            Arrays.fill(lastContext, 0f);
        }
    }
}
