package dev.parley.cli.bench;

import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.tts.VoiceMapping;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.voices.VoiceCatalog;

/**
 * The engines of one benchmark command: one {@link EngineRuntime} over the command's configuration, shared by the
 * engine-level adapters ({@link LocalTts}, {@link LocalStt}) and by every in-process server the command starts
 * ({@link LocalServer}), so each model loads once per command as it does once per server process. Models load on
 * first use; {@link #close()} frees them.
 *
 * <p>Threading: the runtime's; see {@link EngineRuntime}.
 */
public final class LocalEngines implements AutoCloseable {
    private final ParleyConfig config;
    private final EngineRuntime runtime;

    /** The engines {@code config} names (model directory, inference threads, TTS order, chat backend). */
    public LocalEngines(ParleyConfig config) {
        this.config = config;
        this.runtime = EngineRuntime.create(config.runtimeConfig());
    }

    /** The configuration the engines come from. */
    public ParleyConfig config() {
        return config;
    }

    /** The runtime. */
    public EngineRuntime runtime() {
        return runtime;
    }

    /** The configured API voices and what each engine speaks them with. */
    public VoiceMapping voices() {
        return VoiceCatalog.from(config).mapping();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
