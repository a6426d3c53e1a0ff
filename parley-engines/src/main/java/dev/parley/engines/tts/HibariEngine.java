package dev.parley.engines.tts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.runtime.Native;
import dev.parley.engines.text.Language;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.text.UnsupportedLanguageException;
import dev.parley.engines.tts.internal.Gain;
import dev.parley.engines.tts.internal.HibariVocoder;
import dev.parley.engines.tts.internal.KokoroPhonemes;
import dev.parley.engines.tts.internal.Samples;
import dev.parley.engines.tts.internal.Silence;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * hibari: a Kokoro-82M student distilled from Kokoro's {@code af_heart} voice (int8 ONNX, 7.9 MB, PyPI
 * {@code hibari-tts}), American English, 24 kHz, about a hundred times faster than real time on one core. The model
 * takes Kokoro's phoneme ids ({@code ids} [1, L], the same vocabulary: {@link KokoroPhonemes}, padded with 0 at both
 * ends; espeak-ng's phonemes rewritten in misaki's alphabet, {@link KokoroPhonemes#misakiAmerican}) and {@code speed}, and predicts per-frame vocoder parameters that {@link HibariVocoder} turns into audio.
 *
 * <p>The model surrounds every chunk with about 300 ms and 470 ms of silence; it is trimmed ({@link Silence}), so the
 * first word comes at once and chunks are separated by {@link #gapAfterMs}.
 *
 * <p>One voice, {@value #VOICE}. Prosody: rate is the model's {@code speed} (0.5 to 2), pitch scales F0 (formants
 * stay), whisper replaces the pulse train by noise, volume is a gain; so API voices on this engine differ by pitch
 * and rate ({@link VoiceProfile}).
 *
 * <p>The vocoder's noise is seeded from the chunk, so a request's audio is the same every time.
 *
 * <p>Thread-safe: one shared session with the runtime's intra-op threads; each call's native work (inference and the
 * vocoder's FFTs) runs on an inference thread.
 */
public final class HibariEngine implements TtsEngine {
    /** The model file inside its model directory. */
    public static final String FILE = "hibari.onnx";
    /** The one voice. */
    public static final String VOICE = "heart";

    private final OrtSession session;
    private final Native nat;

    /**
     * Loads {@value #FILE} from {@code modelDir}.
     *
     * @throws EngineUnavailableException when the model or espeak-ng (the phonemes) is missing
     */
    public HibariEngine(Path modelDir, Native nat) {
        Path model = modelDir.resolve(FILE);
        if (!Files.isRegularFile(model)) {
            throw new EngineUnavailableException("hibari model missing: " + model + " (run ./parley models fetch)");
        }
        dev.parley.engines.tts.internal.Espeak.get();
        this.nat = nat;
        this.session = nat.onnx(model);
    }

    @Override
    public int sampleRate() {
        return HibariVocoder.SAMPLE_RATE;
    }

    @Override
    public List<String> voices() {
        return List.of(VOICE);
    }

    @Override
    public boolean supports(Language language) {
        return language.english();
    }

    /** The one voice, whatever the profile asks for: API voices differ by the profile's pitch and rate. */
    @Override
    public String voiceFor(VoiceProfile profile, Language language) {
        if (!supports(language)) throw new UnsupportedLanguageException(language.code(), List.of("en"));
        return VOICE;
    }

    @Override
    public float[] synthesize(String text, String voice, Prosody prosody, Language language) {
        if (!VOICE.equals(voice)) throw new UnknownVoiceException(voice, voices());
        if (!supports(language)) throw new UnsupportedLanguageException(language.code(), List.of("en"));
        float speed = (float) Math.max(0.5, Math.min(2.0, prosody.rate()));
        return nat.run(() -> {
            int[] tokens = KokoroPhonemes.tokens(phonemes(text, language));
            List<float[]> parts = new ArrayList<>();
            for (int[] chunk : KokoroPhonemes.chunks(tokens)) {
                parts.add(Silence.trim(HibariVocoder.synthesize(frames(chunk, speed), prosody.pitch(),
                        prosody.whisper(), noise(chunk, speed, prosody)), HibariVocoder.SAMPLE_RATE));
            }
            return Gain.apply(Samples.concat(parts), prosody.volume());
        });
    }

    /**
     * The vocoder's random source, seeded from everything that shapes the chunk, so the same request gives the same
     * audio (as Kokoro and Piper do): a client may compare or cache it, and a streamed and a buffered response match.
     */
    private static SplittableRandom noise(int[] tokens, float speed, Prosody prosody) {
        long seed = java.util.Arrays.hashCode(tokens);
        seed = seed * 31 + Float.floatToIntBits(speed);
        seed = seed * 31 + Double.hashCode(prosody.pitch());
        return new SplittableRandom(seed * 31 + (prosody.whisper() ? 1 : 0));
    }

    /**
     * 32 characters (about 2 s of speech, synthesised in about 40 ms on one core here): the request's default of 48
     * would put the first audio at the edge of the 100 ms hibari's voices have.
     */
    @Override
    public int firstChunkChars() {
        return 32;
    }

    /** The phonemes the model is fed: espeak-ng's, as Kokoro gets them, in misaki's alphabet (visible for tests). */
    static String phonemes(String text, Language language) {
        return KokoroPhonemes.misakiAmerican(KokoroPhonemes.phonemize(text, language));
    }

    /** The model's vocoder frames for one token sequence (visible for tests). */
    HibariVocoder.Frames frames(int[] tokens, float speed) {
        if (tokens.length == 0) return new HibariVocoder.Frames(new float[0], new float[0], new float[0],
                new float[0], new float[0], new float[0]);
        long[] ids = new long[tokens.length + 2];
        for (int i = 0; i < tokens.length; i++) ids[i + 1] = tokens[i];
        OrtEnvironment env = Native.ortEnvironment();
        try (OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[]{1, ids.length});
             OnnxTensor sp = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{speed}), new long[]{1});
             OrtSession.Result r = session.run(Map.of("ids", in, "speed", sp))) {
            return new HibariVocoder.Frames(floats(r, "lh"), floats(r, "theta"), floats(r, "ln"), floats(r, "lr"),
                    floats(r, "phi"), floats(r, "f0"));
        } catch (OrtException e) {
            throw new TtsException("hibari inference failed: " + e.getMessage(), e);
        }
    }

    private static float[] floats(OrtSession.Result r, String name) {
        FloatBuffer fb = ((OnnxTensor) r.get(name).orElseThrow(
                () -> new TtsException("hibari model has no output " + name))).getFloatBuffer();
        float[] a = new float[fb.remaining()];
        fb.get(a);
        return a;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new TtsException("closing the hibari session failed", e);
        }
    }
}
