package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared test data and the bundled ffmpeg binary (used only to make fixtures). */
final class TestAudio {
    private TestAudio() {}

    static Path sharedDir() {
        String p = System.getProperty("parley.shared.dir");
        if (p != null && Files.isDirectory(Path.of(p))) return Path.of(p);
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("../shared/speech"))) return dir.resolve("../shared").normalize();
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared test data not found: set -Dparley.shared.dir");
    }

    static Path speech(String relative) {
        Path p = sharedDir().resolve("speech").resolve(relative);
        assertThat(p).as("shared speech file").exists();
        return p;
    }

    /** Runs the ffmpeg binary bundled with bytedeco (loglevel error, overwrite) and fails on a non-zero exit. */
    static void ffmpeg(String... args) throws IOException, InterruptedException {
        String bin = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        List<String> cmd = new ArrayList<>(List.of(bin, "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", Path.of(bin).getParent().toString());
        Process p = pb.start();
        byte[] log = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ffmpeg %s: %s", String.join(" ", args), new String(log)).isZero();
    }

    /** RMS per {@code window}-sample block. */
    static double[] envelope(float[] x, int window) {
        double[] e = new double[x.length / window];
        for (int w = 0; w < e.length; w++) {
            double s = 0;
            for (int i = w * window; i < (w + 1) * window; i++) s += x[i] * x[i];
            e[w] = Math.sqrt(s / window);
        }
        return e;
    }

    /** Best Pearson correlation of the two envelopes over lags of up to {@code maxLag} windows. */
    static double envelopeCorrelation(float[] a, float[] b, int window, int maxLag) {
        double[] ea = envelope(a, window), eb = envelope(b, window);
        double best = -1;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            int from = Math.max(0, -lag), to = Math.min(ea.length, eb.length - lag);
            if (to - from < 10) continue;
            double ma = 0, mb = 0;
            for (int i = from; i < to; i++) { ma += ea[i]; mb += eb[i + lag]; }
            ma /= to - from; mb /= to - from;
            double sab = 0, saa = 0, sbb = 0;
            for (int i = from; i < to; i++) {
                double da = ea[i] - ma, db = eb[i + lag] - mb;
                sab += da * db; saa += da * da; sbb += db * db;
            }
            best = Math.max(best, sab / Math.sqrt(saa * sbb));
        }
        return best;
    }
}
