package dev.parley.engines.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.parley.engines.stt.internal.Ort;
import dev.parley.models.ModelPaths;
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
 * <p>Threading: {@link Stream#process} and {@link #probabilities} are blocking native calls. They must run on a
 * platform thread (normally a {@link dev.parley.engines.InferencePool} task; they throw on a virtual thread). One
 * chunk costs about 0.1 ms, so callers batch many chunks into one pool task ({@link VadSegmenter} does).
 */
public final class SileroVad implements AutoCloseable {
    /** Model id in the model cache. */
    public static final String MODEL_ID = "silero-vad";

    private final OrtEnvironment env = Ort.env();
    private final OrtSession session;

    private SileroVad(OrtSession session) {
        this.session = session;
    }

    /** Loads {@code silero_vad.onnx} from a file. */
    public static SileroVad load(Path onnxFile) {
        return new SileroVad(Ort.open(onnxFile));
    }

    /** Loads the model from the model cache ({@code <models>/silero-vad/silero_vad.onnx}). */
    public static SileroVad loadDefault() {
        return load(ModelPaths.dir(MODEL_ID).resolve("silero_vad.onnx"));
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

    /**
     * Probabilities for a whole buffer, one per full chunk (a trailing partial chunk is zero-padded, as Silero's own
     * reference code does). Blocking native call; platform thread only.
     */
    public float[] probabilities(float[] audio, int sampleRate) {
        Stream s = openStream(sampleRate);
        int n = chunkSize(sampleRate);
        int chunks = (audio.length + n - 1) / n;
        float[] out = new float[chunks];
        float[] chunk = new float[n];
        for (int i = 0; i < chunks; i++) {
            int from = i * n;
            int len = Math.min(n, audio.length - from);
            System.arraycopy(audio, from, chunk, 0, len);
            if (len < n) Arrays.fill(chunk, len, n, 0f);
            out[i] = s.process(chunk);
        }
        return out;
    }

    @Override
    public void close() {
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
    public final class Stream {
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
        public int sampleRate() {
            return sampleRate;
        }

        /** Samples per chunk ({@link SileroVad#chunkSize}). */
        public int chunkSize() {
            return chunk;
        }

        /**
         * Speech probability of one chunk of exactly {@link #chunkSize()} samples in [-1, 1]. The array is read
         * during the call only. Blocking native call; platform thread only.
         */
        public float process(float[] samples) {
            return process(samples, 0);
        }

        /** As {@link #process(float[])}, reading {@code chunkSize()} samples from {@code offset}. */
        public float process(float[] samples, int offset) {
            if (offset < 0 || offset + chunk > samples.length) {
                throw new IllegalArgumentException("need " + chunk + " samples from offset " + offset
                        + ", have " + samples.length);
            }
            Ort.requirePlatformThread();
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
        public void reset() {
            Arrays.fill(state, 0f);
            Arrays.fill(lastContext, 0f);
        }
    }
}
