package dev.parley.cli;

import dev.parley.models.FetchConfig;
import dev.parley.models.ModelCatalog;
import dev.parley.models.ModelManager;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The server-side commands' view of the configuration: the process environment and an optional config file, read by
 * {@link ConfigLoader} (the only reader of settings), plus what the model fetcher needs from the environment
 * ({@code PATH}, {@code HTTPS_PROXY}) that is not a Parley setting.
 */
final class Settings {
    private Settings() {}

    /**
     * The effective configuration: embedded defaults, {@code file} (or {@code $PARLEY_CONFIG}), {@code PARLEY_*}
     * variables of {@code env}, then {@code flags}.
     *
     * @throws dev.parley.server.config.ConfigException listing every problem
     */
    static ParleyConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        return ConfigLoader.load(file, env, flags);
    }

    /** The model cache of {@code config}, fetching as {@code models.*} says, with the tools of {@code env}'s PATH. */
    static ModelManager models(ParleyConfig config, Map<String, String> env) {
        ParleyConfig.Models m = config.models();
        String proxy = env.get("HTTPS_PROXY") != null ? env.get("HTTPS_PROXY") : env.get("https_proxy");
        return new ModelManager(Path.of(m.dir()), ModelCatalog.builtin(),
                FetchConfig.of(m.mirror(), m.mavenRepository(), m.npm(), m.pip(), env.get("PATH"), proxy));
    }
}
