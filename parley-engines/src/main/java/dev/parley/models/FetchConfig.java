package dev.parley.models;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How packages are downloaded.
 *
 * @param mirror          when set, every package is fetched as {@code <mirror>/<package file name>} over http(s)
 *                        instead of from its registry (for hosts that mirror the package files); {@code null} for none
 * @param mavenRepository root of the Maven repository for {@code maven} sources
 * @param npmCommand      the npm command ({@code npm pack} runs it), or empty to look up {@code npm} on the PATH
 * @param pipCommand      the pip command ({@code pip download} runs it), or empty to use {@code python3 -m pip},
 *                        {@code pip3} or {@code pip} from the PATH
 */
public record FetchConfig(URI mirror, URI mavenRepository, List<String> npmCommand, List<String> pipCommand) {
    /** Maven Central. */
    public static final URI MAVEN_CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");

    public FetchConfig {
        mirror = mirror == null ? null : withSlash(mirror);
        mavenRepository = withSlash(mavenRepository == null ? MAVEN_CENTRAL : mavenRepository);
        npmCommand = npmCommand == null ? List.of() : List.copyOf(npmCommand);
        pipCommand = pipCommand == null ? List.of() : List.copyOf(pipCommand);
    }

    /** The registries themselves, tools from the PATH. */
    public static FetchConfig defaults() {
        return new FetchConfig(null, null, List.of(), List.of());
    }

    /**
     * From the environment: {@code PARLEY_MODELS_MIRROR} (or system property {@code parley.models.mirror}),
     * {@code PARLEY_MAVEN_REPOSITORY}, {@code PARLEY_NPM} and {@code PARLEY_PIP} (commands, split on spaces).
     */
    public static FetchConfig fromEnvironment() {
        return from(System.getenv(), System.getProperty("parley.models.mirror"));
    }

    static FetchConfig from(Map<String, String> env, String mirrorProperty) {
        String mirror = firstNonBlank(env.get("PARLEY_MODELS_MIRROR"), mirrorProperty);
        String maven = env.get("PARLEY_MAVEN_REPOSITORY");
        return new FetchConfig(mirror == null ? null : URI.create(mirror),
                maven == null || maven.isBlank() ? null : URI.create(maven),
                words(env.get("PARLEY_NPM")), words(env.get("PARLEY_PIP")));
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) return a.trim();
        if (b != null && !b.isBlank()) return b.trim();
        return null;
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    private static URI withSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + '/');
    }
}
