package dev.parley.server.playground.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The playground's static files, read from the classpath folder {@code playground/} (committed plain HTML, CSS and
 * JavaScript; no build step). Names are flat ({@code app.js}, no folders) and checked against a strict pattern
 * before any lookup, so a request can never leave the folder. Files found are cached; the cache is bounded by the
 * number of files in the folder (misses are not cached). Thread-safe.
 */
public final class Assets {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}\\.(html|js|css|svg|png|ico)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    /** A file: bytes (do not modify) and content type. */
    public record Asset(byte[] bytes, String contentType) {}

    private final ClassLoader loader;
    private final String folder;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    /** Files under classpath folder {@code folder} (no trailing slash). */
    public Assets(ClassLoader loader, String folder) {
        this.loader = loader;
        this.folder = folder;
    }

    /** The file {@code name}, or empty when the name is not allowed or no such file exists. */
    public Optional<Asset> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) return Optional.empty();
        Asset a = cache.get(name);
        if (a != null) return Optional.of(a);
        try (InputStream in = loader.getResourceAsStream(folder + "/" + name)) {
            if (in == null) return Optional.empty();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            a = new Asset(in.readAllBytes(), TYPES.get(ext));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read playground asset " + name, e);
        }
        cache.putIfAbsent(name, a);
        return Optional.of(a);
    }
}
