package dev.parley.models.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts named entries of a package archive: zip-based (wheel, aar, jar, zip) or gzip-compressed tar (npm
 * tarball). The format is detected from the file's first bytes, not its name.
 *
 * <p>Entries are written to {@code <outDir>/<n>.part} (n = position in the requested list), never to a path taken
 * from the archive, so a hostile archive cannot write outside {@code outDir}.
 */
public final class Archives {
    private Archives() {}

    /**
     * Extracts the given entries.
     *
     * @return entry name to extracted file, one per requested entry
     * @throws IOException when the archive is unreadable, of an unknown format, or lacks an entry (the message
     *                     names the missing entries)
     */
    public static Map<String, Path> extract(Path archive, List<String> entries, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Map<String, Path> targets = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) targets.putIfAbsent(entries.get(i), outDir.resolve(i + ".part"));
        Map<String, Path> done = switch (format(archive)) {
            case ZIP -> zip(archive, targets);
            case TGZ -> tgz(archive, targets);
        };
        if (done.size() != targets.size()) {
            List<String> missing = targets.keySet().stream().filter(e -> !done.containsKey(e)).sorted().toList();
            throw new IOException(archive.getFileName() + " has no entry " + String.join(", ", missing));
        }
        return done;
    }

    private enum Format { ZIP, TGZ }

    private static Format format(Path archive) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(archive)) {
            int n = in.readNBytes(head, 0, 4);
            if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return Format.ZIP;
            if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return Format.TGZ;
        }
        throw new IOException(archive.getFileName() + " is neither a zip (wheel, aar) nor a gzip tar (npm) archive");
    }

    private static Map<String, Path> zip(Path archive, Map<String, Path> targets) throws IOException {
        Map<String, Path> done = new HashMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (Map.Entry<String, Path> t : targets.entrySet()) {
                ZipEntry e = zip.getEntry(t.getKey());
                if (e == null || e.isDirectory()) continue;
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, t.getValue(), StandardCopyOption.REPLACE_EXISTING);
                }
                done.put(t.getKey(), t.getValue());
            }
        }
        return done;
    }

    private static Map<String, Path> tgz(Path archive, Map<String, Path> targets) throws IOException {
        Map<String, Path> done = new HashMap<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null && done.size() < targets.size(); ) {
                if (!e.isFile()) continue;
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                Path target = targets.get(name);
                if (target == null || done.containsKey(name)) continue;
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                done.put(name, target);
            }
        }
        return done;
    }

    /** Lists the file entries of an archive (for error messages and tests). */
    public static List<String> list(Path archive) throws IOException {
        return switch (format(archive)) {
            case ZIP -> {
                try (ZipFile zip = new ZipFile(archive.toFile())) {
                    List<String> names = new java.util.ArrayList<>();
                    for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                        ZipEntry e = en.nextElement();
                        if (!e.isDirectory()) names.add(e.getName());
                    }
                    yield names;
                }
            }
            case TGZ -> {
                try (TarArchiveInputStream tar = new TarArchiveInputStream(
                        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive))))) {
                    List<String> names = new java.util.ArrayList<>();
                    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) if (e.isFile()) names.add(e.getName());
                    yield names;
                }
            }
        };
    }
}
