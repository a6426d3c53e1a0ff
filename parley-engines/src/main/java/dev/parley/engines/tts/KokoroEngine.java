package dev.parley.engines.tts;

import dev.parley.engines.EngineUnavailableException;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.parley.engines.text.Language;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.text.UnsupportedLanguageException;
import dev.parley.engines.runtime.Inference;
import dev.parley.engines.runtime.Native;
import dev.parley.engines.text.Languages;
import dev.parley.engines.tts.internal.Gain;
import dev.parley.engines.tts.internal.KokoroPhonemes;
import dev.parley.engines.tts.internal.Samples;
import dev.parley.engines.tts.internal.Silence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Kokoro-82M v1.0 (int8 ONNX) with the kokoro-js voices: 24 kHz, many voices in English (American {@code a*},
 * British {@code b*}), Spanish, French, Hindi, Italian, Japanese, Portuguese and Chinese. Phonemes from espeak-ng as
 * kokoro-js makes them ({@link KokoroPhonemes}); the style vector is row {@code min(tokens, 509)} of the voice's
 * 510x256 table; {@code speed} is the prosody rate; volume is a gain; pitch is ignored.
 *
 * <p>Each model call's ~300 ms of leading and ~470 ms of trailing silence is trimmed ({@link Silence}): the first
 * word comes at once, and chunks are separated by {@link #gapAfterMs}.
 *
 * <p>Note: Kokoro's own G2P for Japanese and Chinese (misaki with pyopenjtalk / pypinyin) is not available on the
 * JVM, so those languages use espeak-ng phonemes, which Kokoro renders with a strong accent.
 *
 * <h2>Cores</h2>
 * The model is loaded twice (when the inference pool has more threads than {@code inference.onnx_threads}): a
 * session with {@code inference.onnx_threads} intra-op threads (1 by default) and a <em>wide</em> one with as many
 * intra-op threads as the inference pool has threads. Each inference call (one chunk of text) chooses when it starts:
 * the wide session when it is the only task running on the pool ({@link Inference#running()} is 1), so a lone
 * synthesis uses every core the pool was given, else the narrow one, so syntheses and transcriptions side by side never
 * ask for more threads than the pool has. A task that starts during a wide call shares the cores with it until that
 * call ends (one chunk); the VAD pool's 32 ms frames are not counted. The wide session costs a second copy of the
 * model in memory.
 *
 * <p>Thread-safe: the sessions are shared by every caller; voice tables are loaded once and cached.
 */
public final class KokoroEngine implements TtsEngine {
    /** The model file inside its model directory. */
    public static final String FILE = "kokoro.onnx";
    /**
     * For languages other than American English: the Kokoro voice-name prefix letter to the {female, male} voice of
     * that language, chosen by a profile's gender.
     */
    static final Map<Character, List<String>> BY_LANGUAGE = Map.of(
            'a', List.of("af_heart", "am_michael"),
            'b', List.of("bf_emma", "bm_george"),
            'e', List.of("ef_dora", "em_alex"),
            'f', List.of("ff_siwis", "ff_siwis"),
            'h', List.of("hf_alpha", "hm_omega"),
            'i', List.of("if_sara", "im_nicola"),
            'j', List.of("jf_alpha", "jm_kumo"),
            'p', List.of("pf_dora", "pm_alex"),
            'z', List.of("zf_xiaoxiao", "zm_yunxi"));
    /**
     * The first chunk of a Kokoro utterance: 20 characters, three or four words (under two seconds of audio with the
     * short silence Kokoro puts at each end of a chunk). Kokoro takes about as long as the audio lasts, so the default
     * 48-character first chunk kept the first byte waiting half as long again; the price is one more chunk boundary,
     * and its silence, after those first words.
     */
    static final int FIRST_CHUNK_CHARS = 20;
    private static final int STYLE = 256;
    private static final int ROWS = 510;

    /** {@code inference.onnx_threads} intra-op threads: calls beside other native work. */
    private final OrtSession session;
    /** As many intra-op threads as the pool has threads ({@link #session} itself when that is no more): lone calls. */
    private final OrtSession wide;
    private final AtomicLong wideCalls = new AtomicLong();
    private final Path voicesDir;
    private final List<String> voices;
    private final Map<String, float[]> styles = new ConcurrentHashMap<>();
    private final String tokensInput;
    private final Native nat;

    /**
     * Loads {@value #FILE} from {@code modelDir} and the voice tables from {@code voicesDir}.
     *
     * @throws EngineUnavailableException when the model, the voices or espeak-ng are missing
     */
    public KokoroEngine(Path modelDir, Path voicesDir, Native nat) {
        Path model = modelDir.resolve(FILE);
        this.nat = nat;
        if (!Files.isRegularFile(model)) {
            throw new EngineUnavailableException("Kokoro model missing: " + model + " (run ./parley models fetch)");
        }
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(voicesDir)) {
            try (Stream<Path> s = Files.list(voicesDir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin"))
                        .map(n -> n.substring(0, n.length() - 4)).sorted().forEach(names::add);
            } catch (IOException e) {
                throw new EngineUnavailableException("cannot list " + voicesDir + ": " + e.getMessage(), e);
            }
        }
        if (names.isEmpty()) {
            throw new EngineUnavailableException("Kokoro voices missing in " + voicesDir + " (run ./parley models fetch)");
        }
        dev.parley.engines.tts.internal.Espeak.get();
        this.voicesDir = voicesDir;
        this.voices = List.copyOf(names);
        this.session = nat.onnx(model);
        int poolThreads = nat.inference().threads();
        this.wide = poolThreads > nat.onnxThreads() ? nat.onnx(model, poolThreads) : session;
        this.tokensInput = session.getInputNames().contains("input_ids") ? "input_ids" : "tokens";
    }

    @Override
    public int sampleRate() {
        return 24000;
    }

    @Override
    public List<String> voices() {
        return voices;
    }

    /** {@value #FIRST_CHUNK_CHARS} characters: Kokoro is slow enough that its first chunk must be short. */
    @Override
    public int firstChunkChars() {
        return FIRST_CHUNK_CHARS;
    }

    @Override
    public boolean supports(Language language) {
        if (!language.hasKokoro()) return false;
        char p = language.kokoroPrefix();
        return voices.stream().anyMatch(v -> v.charAt(0) == p);
    }

    /**
     * American English: the profile's voice when it is one of the tables; any other language: the
     * {@link #BY_LANGUAGE} voice of the profile's gender, else the first voice of the language.
     */
    @Override
    public String voiceFor(VoiceProfile profile, Language language) {
        char prefix = language.kokoroPrefix();
        if (!language.hasKokoro()) throw new UnsupportedLanguageException(language.code(), Languages.supported());
        if (prefix == 'a' && profile.voice() != null && voices.contains(profile.voice())) return profile.voice();
        List<String> pair = BY_LANGUAGE.get(prefix);
        if (pair != null) {
            String pick = pair.get(profile.female() ? 0 : 1);
            if (voices.contains(pick)) return pick;
        }
        return voices.stream().filter(n -> n.charAt(0) == prefix).findFirst().orElseThrow(
                () -> new UnsupportedLanguageException(language.code(), Languages.supported()));
    }

    private float[] style(String voice) {
        return styles.computeIfAbsent(voice, v -> {
            Path p = voicesDir.resolve(v + ".bin");
            try {
                byte[] b = Files.readAllBytes(p);
                if (b.length != ROWS * STYLE * 4) throw new TtsException("voice table " + p + " has " + b.length
                        + " bytes, expected " + ROWS * STYLE * 4);
                float[] f = new float[ROWS * STYLE];
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
                return f;
            } catch (IOException e) {
                throw new TtsException("cannot read voice table " + p + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public float[] synthesize(String text, String voice, Prosody prosody, Language language) {
        if (!voices.contains(voice)) throw new UnknownVoiceException(voice, voices);
        if (!language.hasKokoro()) {
            throw new UnsupportedLanguageException(language.code(), List.of("en", "en-GB", "es-ES", "es-MX", "fr",
                    "hi", "it", "ja", "pt-BR", "pt-PT", "zh"));
        }
        float[] table = style(voice);
        // Kokoro's useful speed range; beyond it the model garbles.
        float speed = (float) Math.max(0.5, Math.min(2.0, prosody.rate()));
        return nat.run(() -> {
            int[] tokens = KokoroPhonemes.tokens(KokoroPhonemes.phonemize(text, language));
            List<float[]> parts = new ArrayList<>();
            for (int[] chunk : KokoroPhonemes.chunks(tokens)) {
                parts.add(Silence.trim(infer(chunk, table, speed), sampleRate()));
            }
            return Gain.apply(Samples.concat(parts), prosody.volume());
        });
    }

    private float[] infer(int[] tokens, float[] table, float speed) {
        if (tokens.length == 0) return new float[0];
        long[] ids = new long[tokens.length + 2];
        for (int i = 0; i < tokens.length; i++) ids[i + 1] = tokens[i];
        int row = Math.min(tokens.length, ROWS - 1);
        float[] style = java.util.Arrays.copyOfRange(table, row * STYLE, row * STYLE + STYLE);
        OrtSession s = session;
        if (wide != session && nat.inference().running() <= 1) {
            s = wide;
            wideCalls.incrementAndGet();
        }
        OrtEnvironment env = Native.ortEnvironment();
        try (OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[]{1, ids.length});
             OnnxTensor st = OnnxTensor.createTensor(env, FloatBuffer.wrap(style), new long[]{1, STYLE});
             OnnxTensor sp = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{speed}), new long[]{1});
             OrtSession.Result r = s.run(Map.of(tokensInput, in, "style", st, "speed", sp))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        } catch (OrtException e) {
            throw new TtsException("Kokoro inference failed: " + e.getMessage(), e);
        }
    }

    /** Inference calls that ran on the wide session so far (tests, benchmarks). */
    long wideCalls() {
        return wideCalls.get();
    }

    @Override
    public void close() {
        try {
            if (wide != session) wide.close();
            session.close();
        } catch (OrtException e) {
            throw new TtsException("closing Kokoro session failed", e);
        }
    }
}
