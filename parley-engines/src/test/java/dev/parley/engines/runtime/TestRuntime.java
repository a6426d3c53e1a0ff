package dev.parley.engines.runtime;

import dev.parley.engines.tts.VoiceMapping;
import dev.parley.engines.tts.VoiceProfile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine runtime of a test JVM: one per JVM, over the installed models ({@code PARLEY_MODELS_DIR}, else
 * {@code ~/.cache/parley/models}), so every test class shares one load of each model, as the server does. Engines
 * fail naming {@code ./parley models fetch} when a model is missing. Closed when the JVM exits.
 */
public final class TestRuntime {
    private TestRuntime() {}

    private static EngineRuntime runtime;

    /** The model cache the tests use. */
    public static Path modelsDir() {
        String env = System.getenv("PARLEY_MODELS_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "parley", "models");
    }

    /** The shared runtime (every engine loads on first use). */
    public static synchronized EngineRuntime get() {
        if (runtime == null) {
            EngineRuntime r = EngineRuntime.create(RuntimeConfig.defaults(modelsDir()));
            Runtime.getRuntime().addShutdownHook(new Thread(r::close, "test-runtime-close"));
            runtime = r;
        }
        return runtime;
    }

    /**
     * Two voices for engine tests (the server's five come from its configuration): {@code eve}, female, Kokoro
     * {@code af_bella}, Piper at rate 1.05, espeak-ng {@code f3}; {@code rex}, male, Kokoro {@code am_michael},
     * espeak-ng {@code m3}.
     */
    public static VoiceMapping voices() {
        Map<String, VoiceMapping.Voice> v = new LinkedHashMap<>();
        v.put("eve", new VoiceMapping.Voice("female", true, "kokoro", Map.of(
                "kokoro", new VoiceProfile("af_bella", true, 1.0),
                "piper", new VoiceProfile(null, true, 1.05),
                "espeak", new VoiceProfile("f3", true, 1.0))));
        v.put("rex", new VoiceMapping.Voice("male", false, "kokoro", Map.of(
                "kokoro", new VoiceProfile("am_michael", false, 1.0),
                "espeak", new VoiceProfile("m3", false, 1.0))));
        return new VoiceMapping(v);
    }
}
