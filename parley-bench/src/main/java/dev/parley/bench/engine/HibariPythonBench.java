package dev.parley.bench.engine;

import dev.parley.bench.Json;
import dev.parley.bench.Percentiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Parley's hibari engine side by side with the {@code hibari-tts} package's own Python implementation, on the same
 * sentences: per sentence the synthesis time p50/p95 and the real-time factor of each, each on one thread, after a
 * warm-up (a short phrase, then every sentence once, untimed: the JVM compiles the hot loops, the package loads its
 * lexicon). Parley's side is {@link TtsUnderTest#engineAlone} (espeak-ng phonemes, the ONNX model, the Java vocoder on
 * one inference thread); the package's side is {@code Hibari(threads=1)(text)} (its own G2P, the same model, its numpy
 * DSP) in a child process: a script written into a Python virtual environment reads the sentences from a file and
 * prints its timings as JSON.
 *
 * <p>The environment is made with {@code python3 -m venv} and {@code pip install hibari-tts==}{@value #PACKAGE_VERSION}
 * (PyPI must be reachable; {@code numpy} and {@code onnxruntime} come as its dependencies, and the report names their
 * versions): in a temporary folder that is removed afterwards, or in a given folder that is kept and reused. When
 * Python, venv or pip is missing or fails, the report says why and has Parley's side only.
 *
 * <p>The package keeps the model's silence around each sentence (about 0.8 s) that Parley trims, so its audio is
 * longer for the same work: compare the synthesis times first.
 *
 * <p>Runs on the calling thread; the child processes run one at a time, each with a time limit.
 */
public final class HibariPythonBench {
    /** The package version compared with. */
    public static final String PACKAGE_VERSION = "0.2.1";
    static final String SCRIPT = "parley_hibari_bench.py";
    private static final Duration VENV_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PIP_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final String WARM_UP = "Warm up.";

    /** What the child process runs: argv[1] is a file of JSON strings, one sentence a line. */
    static final String SCRIPT_TEXT = """
            import json, sys, time
            from importlib.metadata import version
            t0 = time.perf_counter()
            from hibari import Hibari
            tts = Hibari(threads=1)
            tts("%s")
            load_ms = (time.perf_counter() - t0) * 1e3
            with open(sys.argv[1], encoding="utf-8") as f:
                texts = [json.loads(line) for line in f if line.strip()]
            for text in texts:
                tts(text)
            runs = []
            for text in texts:
                s = time.perf_counter()
                audio = tts(text)
                runs.append({"ms": (time.perf_counter() - s) * 1e3, "samples": int(audio.shape[0])})
            print(json.dumps({"sample_rate": tts.sample_rate, "load_ms": load_ms, "hibari": version("hibari-tts"),
                              "onnxruntime": version("onnxruntime"), "numpy": version("numpy"), "runs": runs}))
            """.formatted(WARM_UP);

    private HibariPythonBench() {}

    /**
     * Where the package runs.
     *
     * @param python the Python 3 command that makes the environment ({@code python3})
     * @param venv   the virtual environment to make or reuse (kept), or null for a temporary one (removed)
     */
    public record Python(String python, Path venv) {}

    /** Per-sentence synthesis times and audio lengths of one side. */
    record Side(List<Double> ms, List<Double> audioSeconds) {
        double rtf() {
            return ms.stream().mapToDouble(Double::doubleValue).sum() / 1000
                    / audioSeconds.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /**
     * Runs both sides on {@code sentences} and returns the report.
     *
     * @param tts Parley's engines; its {@code hibari} engine must load
     */
    public static String run(List<String> sentences, TtsUnderTest tts, Python python) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "hibari: Parley's engine vs the hibari-tts %s package, %d English "
                + "transcripts, one thread each, after a warm-up pass over them%n", PACKAGE_VERSION, sentences.size()));
        String why = tts.unavailable("hibari");
        if (why != null) return out.append("Parley's hibari engine is unavailable: ").append(why).append('\n').toString();
        out.append(String.format(Locale.ROOT, "%-50s %4s %9s %9s %7s %8s%n", "implementation", "n", "synth-p50",
                "synth-p95", "rtf", "audio-s"));
        Side parley = parley(sentences, tts);
        out.append(row("parley (Java: espeak-ng phonemes, Java vocoder)", parley)).append('\n');
        Side py;
        String label;
        try {
            JsonNode r = python(sentences, python);
            py = side(r);
            label = String.format(Locale.ROOT, "hibari-tts %s (onnxruntime %s, numpy %s)", r.path("hibari").asString(),
                    r.path("onnxruntime").asString(), r.path("numpy").asString());
        } catch (Skipped e) {
            return out.append("Python side skipped: ").append(e.getMessage()).append('\n').toString();
        }
        out.append(row(label, py)).append('\n');
        List<Double> ratio = new ArrayList<>();
        for (int i = 0; i < Math.min(parley.ms().size(), py.ms().size()); i++) ratio.add(parley.ms().get(i) / py.ms().get(i));
        out.append(String.format(Locale.ROOT, "Parley's synthesis time over the package's, per sentence: p50 %.2f, "
                + "p95 %.2f. Parley trims the model's ~0.8 s of silence around each sentence and the package keeps "
                + "it, so their audio-s differ: compare synth ms first.%n", Percentiles.of(ratio, 50),
                Percentiles.of(ratio, 95)));
        return out.toString();
    }

    private static Side parley(List<String> sentences, TtsUnderTest tts) {
        tts.engineAlone("hibari", WARM_UP);
        for (String s : sentences) tts.engineAlone("hibari", s); // the JIT compiles the vocoder's loops
        List<Double> ms = new ArrayList<>();
        List<Double> audio = new ArrayList<>();
        for (String s : sentences) {
            long t0 = System.nanoTime();
            TtsUnderTest.Audio a = tts.engineAlone("hibari", s);
            ms.add((System.nanoTime() - t0) / 1e6);
            audio.add(a.seconds());
        }
        return new Side(ms, audio);
    }

    /** The package's timings as the script printed them. */
    static Side side(JsonNode result) {
        double rate = result.path("sample_rate").asDouble();
        List<Double> ms = new ArrayList<>();
        List<Double> audio = new ArrayList<>();
        for (JsonNode run : result.path("runs")) {
            ms.add(run.path("ms").asDouble());
            audio.add(run.path("samples").asDouble() / rate);
        }
        return new Side(ms, audio);
    }

    private static String row(String label, Side side) {
        return String.format(Locale.ROOT, "%-50s %4d %7.1fms %7.1fms %7.4f %8.1f", label, side.ms().size(),
                Percentiles.of(side.ms(), 50), Percentiles.of(side.ms(), 95), side.rtf(),
                side.audioSeconds().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** Why the Python side did not run. */
    static final class Skipped extends Exception {
        Skipped(String message) {
            super(message);
        }
    }

    /** Makes or reuses the environment, runs the script on {@code sentences}, returns its JSON. */
    private static JsonNode python(List<String> sentences, Python python) throws Skipped {
        Path dir = python.venv();
        boolean temporary = dir == null;
        try {
            dir = temporary ? Files.createTempDirectory("parley-hibari-venv-") : Files.createDirectories(dir);
            Path bin = dir.resolve("bin").resolve("python");
            if (!Files.isExecutable(bin)) {
                exec(List.of(python.python(), "-m", "venv", dir.toString()), dir.resolve("venv.log"), VENV_TIMEOUT,
                        python.python() + " -m venv");
            }
            if (!installed(bin, dir)) {
                exec(List.of(bin.toString(), "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
                        "hibari-tts==" + PACKAGE_VERSION), dir.resolve("pip.log"), PIP_TIMEOUT,
                        "pip install hibari-tts==" + PACKAGE_VERSION);
            }
            Path script = dir.resolve(SCRIPT);
            Files.writeString(script, SCRIPT_TEXT);
            Path texts = dir.resolve("sentences.jsonl");
            StringBuilder lines = new StringBuilder();
            for (String s : sentences) lines.append(Json.MAPPER.writeValueAsString(s)).append('\n');
            Files.writeString(texts, lines);
            Path stdout = dir.resolve("result.json");
            exec(List.of(bin.toString(), script.toString(), texts.toString()), stdout, RUN_TIMEOUT, SCRIPT);
            String json = Files.readString(stdout).strip();
            try {
                return Json.parse(json.substring(json.lastIndexOf('\n') + 1));
            } catch (RuntimeException e) {
                throw new Skipped(SCRIPT + " printed no JSON: " + tail(json));
            }
        } catch (IOException e) {
            throw new Skipped(e.getMessage());
        } finally {
            if (temporary && dir != null) delete(dir);
        }
    }

    /** Whether the environment already has the package at {@value #PACKAGE_VERSION}. */
    private static boolean installed(Path bin, Path dir) throws Skipped {
        try {
            exec(List.of(bin.toString(), "-c", "from importlib.metadata import version; import sys; "
                    + "sys.exit(version('hibari-tts') != '" + PACKAGE_VERSION + "')"), dir.resolve("check.log"),
                    VENV_TIMEOUT, "the package check");
            return true;
        } catch (Skipped e) {
            return false;
        }
    }

    /**
     * Runs {@code cmd} with standard output and error to {@code output}, its input closed, one OpenMP/BLAS thread.
     *
     * @throws Skipped when it cannot start, runs past {@code timeout} (it is killed) or exits non-zero; the message
     *                 has the end of its output
     */
    private static void exec(List<String> cmd, Path output, Duration timeout, String what) throws Skipped {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new Skipped("cannot run " + cmd.getFirst() + ": " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new Skipped(what + " did not finish within " + timeout.toMinutes() + " min");
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new Skipped(what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Skipped(what + " interrupted");
        }
        if (p.exitValue() != 0) {
            String text;
            try {
                text = Files.readString(output, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                text = "";
            }
            throw new Skipped(what + " failed (exit " + p.exitValue() + ")" + (text.isBlank() ? "" : ": " + tail(text)));
        }
    }

    /** The last few lines of a tool's output, on one line. */
    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 4), lines.length)).strip();
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing the report for
        }
    }
}
