package dev.parley.engines.tts;

import dev.parley.engines.EngineUnavailableException;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.parley.engines.text.Language;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.text.UnsupportedLanguageException;
import dev.parley.engines.runtime.Native;
import dev.parley.engines.tts.internal.Espeak;
import dev.parley.engines.tts.internal.Gain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Piper (VITS) voice {@code en_US-joe-medium} on ONNX Runtime: one US English male speaker at 22050 Hz.
 *
 * <p>Phonemes as piper-phonemize makes them: espeak-ng IPA with stress marks (voice from the model's json),
 * clause punctuation appended ({@code , : ;} followed by a space), NFD-decomposed, one id per code point from
 * {@code phoneme_id_map}, sequence {@code ^ _ (id _)* $}. Inputs {@code input} [1,n], {@code input_lengths} [1],
 * {@code scales} [noise_scale, length_scale / rate, noise_w]. Volume is a gain; pitch is ignored.
 *
 * <p>Thread-safe: one shared session.
 */
public final class PiperEngine implements TtsEngine {
    /** The single voice. */
    public static final String VOICE = "en_US-joe-medium";

    private final OrtSession session;
    private final Map<Integer, long[]> idMap = new HashMap<>();
    private final int sampleRate;
    private final float noiseScale;
    private final float lengthScale;
    private final float noiseW;
    private final String espeakVoice;
    private final Native nat;

    /**
     * Loads the voice from its model directory.
     *
     * @throws EngineUnavailableException when the model files or espeak-ng are missing
     */
    public PiperEngine(Path dir, Native nat) {
        this.nat = nat;
        Path onnx = dir.resolve(VOICE + ".onnx");
        Path json = dir.resolve(VOICE + ".onnx.json");
        if (!Files.isRegularFile(onnx) || !Files.isRegularFile(json)) {
            throw new EngineUnavailableException("Piper model missing in " + dir + " (run ./parley models fetch)");
        }
        Espeak.get();
        try {
            JsonNode cfg = new ObjectMapper().readTree(Files.readString(json));
            this.sampleRate = cfg.path("audio").path("sample_rate").asInt(22050);
            JsonNode inf = cfg.path("inference");
            this.noiseScale = (float) inf.path("noise_scale").asDouble(0.667);
            this.lengthScale = (float) inf.path("length_scale").asDouble(1.0);
            this.noiseW = (float) inf.path("noise_w").asDouble(0.8);
            this.espeakVoice = cfg.path("espeak").path("voice").asString("en-us");
            for (var e : cfg.path("phoneme_id_map").properties()) {
                String key = e.getKey();
                if (key.codePointCount(0, key.length()) != 1) continue;
                JsonNode arr = e.getValue();
                long[] ids = new long[arr.size()];
                for (int i = 0; i < ids.length; i++) ids[i] = arr.get(i).asLong();
                idMap.put(key.codePointAt(0), ids);
            }
        } catch (IOException | RuntimeException e) {
            throw new EngineUnavailableException("cannot read " + json + ": " + e.getMessage(), e);
        }
        for (int c : new int[]{'_', '^', '$'}) {
            if (!idMap.containsKey(c)) throw new EngineUnavailableException(json + " lacks the id of '" + (char) c + "'");
        }
        this.session = nat.onnx(onnx);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public List<String> voices() {
        return List.of(VOICE);
    }

    @Override
    public boolean supports(Language language) {
        return language.english();
    }

    /** The one voice, whatever the profile asks for: voices differ by the profile's rate only. */
    @Override
    public String voiceFor(VoiceProfile profile, Language language) {
        if (!supports(language)) throw new UnsupportedLanguageException(language.code(), List.of("en"));
        return VOICE;
    }

    /**
     * 24 characters (about 1.5 s of speech, synthesised in about 0.1 s on one core here), so the male voices' first
     * audio comes within the 150 ms a built-in voice has.
     */
    @Override
    public int firstChunkChars() {
        return 24;
    }

    /** Phoneme ids for {@code text}, exactly what the model is fed (visible for tests). */
    public long[] phonemeIds(String text) {
        List<Espeak.Clause> clauses = Espeak.get().phonemize(text, espeakVoice);
        StringBuilder ph = new StringBuilder();
        for (int i = 0; i < clauses.size(); i++) {
            Espeak.Clause c = clauses.get(i);
            ph.append(c.ipa());
            switch (c.terminator()) {
                case '.', '?', '!' -> ph.append(c.terminator());
                case ',', ':', ';' -> ph.append(c.terminator()).append(' ');
                default -> {
                    if (i + 1 < clauses.size()) ph.append(' ');
                }
            }
        }
        String nfd = Normalizer.normalize(ph.toString().strip(), Normalizer.Form.NFD);
        List<Long> ids = new ArrayList<>();
        long[] pad = idMap.get((int) '_');
        add(ids, idMap.get((int) '^'));
        add(ids, pad);
        nfd.codePoints().forEach(cp -> {
            long[] m = idMap.get(cp);
            if (m == null) return; // piper-phonemize skips phonemes missing from the map
            add(ids, m);
            add(ids, pad);
        });
        add(ids, idMap.get((int) '$'));
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static void add(List<Long> ids, long[] m) {
        for (long v : m) ids.add(v);
    }

    @Override
    public float[] synthesize(String text, String voice, Prosody prosody, Language language) {
        if (!VOICE.equals(voice)) throw new UnknownVoiceException(voice, voices());
        if (!supports(language)) throw new UnsupportedLanguageException(language.code(), List.of("en"));
        return nat.run(() -> {
            long[] ids = phonemeIds(text);
            if (ids.length <= 4) return new float[0];
            float[] scales = {noiseScale, (float) (lengthScale / prosody.rate()), noiseW};
            OrtEnvironment env = Native.ortEnvironment();
            try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[]{1, ids.length});
                 OnnxTensor lengths = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[]{ids.length}), new long[]{1});
                 OnnxTensor sc = OnnxTensor.createTensor(env, FloatBuffer.wrap(scales), new long[]{3});
                 OrtSession.Result r = session.run(Map.of("input", input, "input_lengths", lengths, "scales", sc))) {
                FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                return Gain.apply(out, prosody.volume());
            } catch (OrtException e) {
                throw new TtsException("Piper inference failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new TtsException("closing Piper session failed", e);
        }
    }
}
