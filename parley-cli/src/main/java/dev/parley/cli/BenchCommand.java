package dev.parley.cli;

import dev.parley.audio.bench.AudioBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley bench ...}: the benchmarks that back the figures in the README. Each subcommand prints its own
 * report (medians and p95) to standard output. Run them on an otherwise idle machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.Audio.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Resampler, G.711 and PCM16 cost per 20 ms frame. */
    @Command(name = "audio", mixinStandardHelpOptions = true,
            description = "Per-20 ms-frame cost of the audio hot path (resampler, G.711, PCM16).")
    static final class Audio implements Callable<Integer> {
        @Option(names = "--iterations", defaultValue = "5000", description = "Timed samples per case (default ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() {
            System.out.println(AudioBench.run(iterations));
            return 0;
        }
    }
}
