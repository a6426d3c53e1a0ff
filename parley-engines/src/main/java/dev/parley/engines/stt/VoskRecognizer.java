package dev.parley.engines.stt;

import dev.parley.engines.runtime.Native;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Recognizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Vosk recognition stream at 16 kHz: accepts PCM and gives partial results while audio flows and final results
 * with word times at Vosk's endpoints (its own silence rules from {@code conf/model.conf}) or at {@link #finalResult}.
 *
 * <p>Word times are seconds since this recognizer started (they keep counting across results). Vosk accepts only
 * 16 kHz: resample 8 kHz telephone audio first (at 8 kHz it returns nothing).
 *
 * <p>Threading: not thread-safe; one stream is driven by one thread at a time. Every method except {@link #close}
 * and {@link #secondsAccepted} blocks while Vosk runs on an inference thread ({@link Native#run}: inline when the
 * caller is one, which is where a stream's many small calls should be made). Cost: about 10-30 ms of CPU per second of
 * audio (see {@code ./parley bench stt}). The caller's arrays are read during the call only.
 */
public final class VoskRecognizer implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A word with its time span in seconds and Vosk's confidence (0-1). */
    public record Word(String word, double start, double end, double confidence) {}

    /** Text and words of a partial or final result. */
    public record Result(String text, List<Word> words, boolean isFinal) {
        public boolean isEmpty() {
            return text.isBlank();
        }
    }

    private final Recognizer recognizer;
    private final Native nat;
    private byte[] buf = new byte[3200];
    private int carry = -1; // a dangling low byte from an odd-length PCM16 call
    private long samples;

    VoskRecognizer(VoskModel model) {
        this.nat = model.nat();
        recognizer = nat.run(() -> {
            try {
                return new Recognizer(model.model(), VoskModel.SAMPLE_RATE);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create Vosk recognizer: " + e.getMessage(), e);
            }
        });
        recognizer.setWords(true);
        recognizer.setPartialWords(true);
    }

    /**
     * Feeds 16-bit little-endian mono PCM at 16 kHz. Any length is fine (an odd trailing byte waits for the next
     * call). Returns true when Vosk detected an endpoint: call {@link #result()} to take the utterance.
     */
    public boolean acceptPcm16(byte[] pcm, int off, int len) {
        if (off < 0 || len < 0 || off + len > pcm.length) throw new IndexOutOfBoundsException();
        return nat.run(() -> acceptPcm16Native(pcm, off, len));
    }

    private boolean acceptPcm16Native(byte[] pcm, int off, int len) {
        int total = len + (carry >= 0 ? 1 : 0);
        int even = total & ~1;
        if (even == 0) {
            if (len == 1) carry = pcm[off] & 0xff;
            return false;
        }
        ensure(even);
        int p = 0;
        int i = off;
        if (carry >= 0) {
            buf[p++] = (byte) carry;
            carry = -1;
        }
        int take = even - p;
        System.arraycopy(pcm, i, buf, p, take);
        i += take;
        if (i < off + len) carry = pcm[i] & 0xff;
        samples += even / 2;
        return recognizer.acceptWaveForm(buf, even);
    }

    /** Feeds float samples in [-1, 1] at 16 kHz (converted to PCM16 with clipping). Same contract as PCM16. */
    public boolean acceptFloat(float[] audio, int off, int len) {
        if (off < 0 || len < 0 || off + len > audio.length) throw new IndexOutOfBoundsException();
        if (len == 0) return false;
        return nat.run(() -> acceptFloatNative(audio, off, len));
    }

    private boolean acceptFloatNative(float[] audio, int off, int len) {
        ensure(len * 2);
        for (int k = 0; k < len; k++) {
            float f = audio[off + k];
            int v = Math.round(Math.max(-1f, Math.min(1f, f)) * 32767f);
            buf[2 * k] = (byte) v;
            buf[2 * k + 1] = (byte) (v >> 8);
        }
        samples += len;
        return recognizer.acceptWaveForm(buf, len * 2);
    }

    /** The current hypothesis of the utterance in progress (may change). */
    public Result partial() {
        return nat.run(() -> parse(recognizer.getPartialResult(), "partial", "partial_result", false));
    }

    /** Takes the finished utterance after {@link #acceptPcm16} returned true; recognition goes on. */
    public Result result() {
        return nat.run(() -> parse(recognizer.getResult(), "text", "result", true));
    }

    /** Flushes: finishes the utterance in progress as a final result (end of stream, or forced). */
    public Result finalResult() {
        return nat.run(() -> parse(recognizer.getFinalResult(), "text", "result", true));
    }

    /** Seconds of audio accepted so far. */
    public double secondsAccepted() {
        return samples / (double) VoskModel.SAMPLE_RATE;
    }

    @Override
    public void close() {
        recognizer.close();
    }

    private void ensure(int bytes) {
        if (buf.length < bytes) buf = new byte[Math.max(bytes, buf.length * 2)];
    }

    static Result parse(String json, String textField, String wordsField, boolean isFinal) {
        JsonNode root = JSON.readTree(json);
        String text = root.path(textField).asString("");
        List<Word> words = new ArrayList<>();
        for (JsonNode w : root.path(wordsField)) {
            words.add(new Word(w.path("word").asString(""), w.path("start").asDouble(),
                    w.path("end").asDouble(), w.path("conf").asDouble()));
        }
        return new Result(text, List.copyOf(words), isFinal);
    }
}
