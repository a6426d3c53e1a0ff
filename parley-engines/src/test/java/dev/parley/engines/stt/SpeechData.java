package dev.parley.engines.stt;

import dev.parley.engines.stt.internal.WavFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test access to {@code shared/speech} and to the default models, each model loaded once per test JVM. */
public final class SpeechData {
    private SpeechData() {}

    /** {@code shared/speech}: system property {@code parley.shared.dir}, else {@code ../shared} up from here. */
    public static Path speechDir() {
        String prop = System.getProperty("parley.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "speech"))) return Path.of(prop, "speech");
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolveSibling("shared").resolve("speech");
            if (Files.isDirectory(c)) return c;
        }
        throw new IllegalStateException("shared/speech not found; set -Dparley.shared.dir");
    }

    /** A file of the speech set as 16 kHz mono float. */
    public static float[] audio16k(String file) {
        try {
            return WavFiles.readMono(speechDir().resolve(file)).at16k();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file at its own rate. */
    public static WavFiles.Mono audio(String file) {
        try {
            return WavFiles.readMono(speechDir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** English manifest items of one set. */
    public static List<SttBench.Item> items(String set) {
        return SttBench.englishItems(speechDir()).stream().filter(i -> i.set().equals(set)).toList();
    }

    /** The manifest transcript of a file. */
    public static String transcript(String file) {
        return SttBench.englishItems(speechDir()).stream().filter(i -> i.file().equals(file)).findFirst()
                .orElseThrow().transcript();
    }

    /**
     * The test runtime's transcriber (VAD, Moonshine, Vosk), loaded once per JVM; fails naming
     * {@code ./parley models fetch} when a model is absent.
     */
    public static MoonshineVosk engine() {
        return (MoonshineVosk) dev.parley.engines.runtime.TestRuntime.get().fileTranscriber();
    }
}
