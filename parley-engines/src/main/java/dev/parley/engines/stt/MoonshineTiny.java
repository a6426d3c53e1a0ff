package dev.parley.engines.stt;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.parley.engines.runtime.Native;
import dev.parley.engines.stt.internal.MoonshineTokenizer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moonshine tiny (English, int8 ONNX): transcribes one speech segment of 16 kHz mono audio with an encoder and a
 * greedy loop over the merged decoder with a key/value cache (the loop of {@code models/MODELS.md}).
 *
 * <p>Moonshine is not a streaming model: give it segments cut by the VAD, up to about 30 s (it is trained on clips of
 * that length; longer input is refused). The number of decoder steps is capped at {@value #TOKENS_PER_SECOND} tokens per
 * second of audio, which also stops the rare repetition loop on noise.
 *
 * <p>Threading: thread-safe; any number of threads may transcribe at once (the two ONNX sessions are shared, each
 * call has its own cache). {@link #transcribe} blocks (tens of ms per second of audio) while the model runs on an
 * inference thread ({@link Native#run}).
 */
public final class MoonshineTiny implements AutoCloseable {
    /** Decoder step cap per second of audio. */
    public static final double TOKENS_PER_SECOND = 6.0;
    /** Longest segment accepted, in samples at 16 kHz (30 s plus slack for VAD padding). */
    public static final int MAX_SAMPLES = 16000 * 32;
    /** Shortest segment given to the encoder; shorter input is zero-padded to this (0.5 s). */
    public static final int MIN_SAMPLES = 8000;

    private static final long START = 1;
    private static final long END = 2;

    private final OrtEnvironment env = Native.ortEnvironment();
    private final Native nat;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private final MoonshineTokenizer tokenizer;
    private final int layers;
    private final int heads;
    private final int headDim;

    private MoonshineTiny(OrtSession encoder, OrtSession decoder, MoonshineTokenizer tokenizer, Native nat) {
        this.nat = nat;
        this.encoder = encoder;
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        int n = 0;
        while (decoder.getInputNames().contains("past_key_values." + n + ".decoder.key")) n++;
        if (n == 0) throw new IllegalStateException("decoder has no past_key_values inputs: not a merged decoder");
        this.layers = n;
        long[] shape = kvShape(decoder);
        this.heads = (int) shape[1];
        this.headDim = (int) shape[3];
    }

    private static long[] kvShape(OrtSession decoder) {
        try {
            NodeInfo info = decoder.getInputInfo().get("past_key_values.0.decoder.key");
            long[] s = ((TensorInfo) info.getInfo()).getShape();
            return new long[] {s[0], s[1] > 0 ? s[1] : 8, s[2], s[3] > 0 ? s[3] : 36};
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the encoder, decoder and tokenizer from a model directory. */
    public static MoonshineTiny load(Path dir, Native nat) {
        MoonshineTokenizer tok = MoonshineTokenizer.load(dir);
        OrtSession enc = nat.onnx(dir.resolve("encoder_model.onnx"));
        try {
            return new MoonshineTiny(enc, nat.onnx(dir.resolve("decoder_model_merged.onnx")), tok, nat);
        } catch (RuntimeException e) {
            try {
                enc.close();
            } catch (OrtException ignored) {
                // best effort
            }
            throw e;
        }
    }

    /** Result of one segment: text, number of tokens generated, and whether the step cap stopped decoding. */
    public record Result(String text, int tokens, boolean capped) {}

    /** Transcribes a whole array (16 kHz mono, [-1, 1]). See {@link #transcribe(float[], int, int)}. */
    public String transcribe(float[] audio16k) {
        return transcribe(audio16k, 0, audio16k.length).text();
    }

    /**
     * Transcribes {@code len} samples from {@code off} (16 kHz mono, [-1, 1]); the array is read during the call
     * only. Empty input gives empty text. Blocks while the model runs on an inference thread.
     *
     * @throws IllegalArgumentException when the segment is longer than {@link #MAX_SAMPLES}
     */
    public Result transcribe(float[] audio16k, int off, int len) {
        if (off < 0 || len < 0 || off + len > audio16k.length) throw new IndexOutOfBoundsException();
        if (len > MAX_SAMPLES) {
            throw new IllegalArgumentException("Moonshine segment too long: " + len / 16000.0
                    + " s (max " + MAX_SAMPLES / 16000 + " s); cut it with the VAD first");
        }
        if (len == 0) return new Result("", 0, false);
        return nat.run(() -> infer(audio16k, off, len));
    }

    private Result infer(float[] audio16k, int off, int len) {
        int n = Math.max(len, MIN_SAMPLES);
        float[] in = new float[n];
        System.arraycopy(audio16k, off, in, 0, len);
        int maxTokens = Math.max(4, (int) Math.ceil(len / 16000.0 * TOKENS_PER_SECOND));
        try {
            return decode(in, maxTokens);
        } catch (OrtException e) {
            throw new IllegalStateException("Moonshine inference failed: " + e.getMessage(), e);
        }
    }

    private Result decode(float[] audio, int maxTokens) throws OrtException {
        List<AutoCloseable> toClose = new ArrayList<>();
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(audio), new long[] {1, audio.length});
             OrtSession.Result enc = encoder.run(Map.of("input_values", input))) {
            OnnxTensor hidden = (OnnxTensor) enc.get("last_hidden_state").orElseThrow();
            Map<String, OnnxTensor> feeds = new HashMap<>();
            feeds.put("encoder_hidden_states", hidden);
            OnnxTensor empty = OnnxTensor.createTensor(env, FloatBuffer.allocate(0), new long[] {0, heads, 1, headDim});
            toClose.add(empty);
            for (int i = 0; i < layers; i++) {
                for (String kind : new String[] {"decoder", "encoder"}) {
                    feeds.put("past_key_values." + i + "." + kind + ".key", empty);
                    feeds.put("past_key_values." + i + "." + kind + ".value", empty);
                }
            }
            OnnxTensor noCache = OnnxTensor.createTensor(env, new boolean[] {false});
            OnnxTensor useCache = OnnxTensor.createTensor(env, new boolean[] {true});
            toClose.add(noCache);
            toClose.add(useCache);
            long[] tokens = new long[maxTokens];
            int count = 0;
            long next = START;
            OrtSession.Result previous = null; // holds the decoder cache fed into the current step
            boolean capped = true;
            try {
            for (int step = 0; step < maxTokens; step++) {
                OnnxTensor ids = OnnxTensor.createTensor(env, new long[][] {{next}});
                feeds.put("input_ids", ids);
                feeds.put("use_cache_branch", step == 0 ? noCache : useCache);
                OrtSession.Result r;
                try {
                    r = decoder.run(feeds);
                } finally {
                    ids.close();
                }
                next = argmaxLast((OnnxTensor) r.get("logits").orElseThrow());
                for (int i = 0; i < layers; i++) {
                    feeds.put("past_key_values." + i + ".decoder.key", tensor(r, "present." + i + ".decoder.key"));
                    feeds.put("past_key_values." + i + ".decoder.value", tensor(r, "present." + i + ".decoder.value"));
                    if (step == 0) {
                        feeds.put("past_key_values." + i + ".encoder.key", tensor(r, "present." + i + ".encoder.key"));
                        feeds.put("past_key_values." + i + ".encoder.value", tensor(r, "present." + i + ".encoder.value"));
                    }
                }
                if (step == 0) {
                    toClose.add(r); // its encoder cache is used by every later step
                } else if (previous != null) {
                    previous.close(); // its decoder cache has just been replaced
                }
                previous = step == 0 ? null : r;
                if (next == END) {
                    capped = false;
                    break;
                }
                tokens[count++] = next;
                int cut = repetitionCut(tokens, count);
                if (cut > 0) {
                    count = cut;
                    capped = false;
                    break;
                }
            }
            } finally {
                if (previous != null) previous.close();
            }
            return new Result(tokenizer.decode(tokens, count), count, capped);
        } finally {
            for (AutoCloseable c : toClose) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing native buffers does not fail in practice
                }
            }
        }
    }

    /**
     * Detects a decoding loop: the same 1-2 tokens four times in a row, or the same 3-16 tokens three times in a
     * row, at the end. Returns the count that keeps the first occurrence, or 0 when there is no loop.
     */
    static int repetitionCut(long[] t, int n) {
        for (int p = 1; p <= 16; p++) {
            int reps = p <= 2 ? 4 : 3;
            if (n < p * reps) break;
            boolean loop = true;
            for (int k = n - p * (reps - 1); k < n && loop; k++) loop = t[k] == t[k - p];
            if (loop) return n - p * (reps - 1);
        }
        return 0;
    }

    private static OnnxTensor tensor(OrtSession.Result r, String name) {
        OnnxValue v = r.get(name).orElseThrow(() -> new IllegalStateException("decoder output missing: " + name));
        return (OnnxTensor) v;
    }

    private static long argmaxLast(OnnxTensor logits) {
        long[] shape = logits.getInfo().getShape(); // [1, n, vocab]
        int vocab = (int) shape[2];
        FloatBuffer fb = logits.getFloatBuffer();
        int base = (int) ((shape[1] - 1) * vocab);
        int best = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            float x = fb.get(base + v);
            if (x > max) {
                max = x;
                best = v;
            }
        }
        return best;
    }

    @Override
    public void close() {
        try {
            encoder.close();
            decoder.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
