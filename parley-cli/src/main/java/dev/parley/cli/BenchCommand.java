package dev.parley.cli;

import dev.parley.audio.bench.AudioBench;
import dev.parley.engines.diarize.DiarizationBench;
import dev.parley.engines.stt.SttBench;
import dev.parley.server.realtime.RealtimeBench;
import dev.parley.server.stt.SttApiBench;
import dev.parley.server.tts.TtsApiBench;
import dev.parley.engines.tts.TtsBench;
import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.voices.VoiceCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley bench ...}: the benchmarks that back the figures in the README. Each subcommand prints its own
 * report (medians and p95) to standard output. Run them on an otherwise idle machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.Audio.class, BenchCommand.Tts.class, BenchCommand.Stt.class,
            BenchCommand.Realtime.class, BenchCommand.Diarize.class, BenchCommand.Client.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Resampler, G.711 and PCM16 cost per 20 ms frame; the streaming encoders' cost per audio second. */
    @Command(name = "audio", mixinStandardHelpOptions = true,
            description = {"Per-20 ms-frame cost of the audio hot path (resampler, G.711, PCM16),",
                "and ms of encoding per audio second of the streaming encoders (MP3, Ogg Opus, AAC, FLAC)."})
    static final class Audio implements Callable<Integer> {
        @Option(names = "--iterations", defaultValue = "5000", description = "Timed samples per case (default ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() {
            System.out.println(AudioBench.run(iterations));
            return 0;
        }
    }

    /**
     * {@code --speech DIR}: the shared speech set, else {@code $PARLEY_HOME/../shared/speech} (the launcher sets
     * {@code PARLEY_HOME} to the repository), else {@code ../shared/speech}.
     */
    static final class SpeechSet {
        @Option(names = "--speech", paramLabel = "DIR", description = "Speech set with manifest.tsv (default ../shared/speech).")
        Path option;

        Path dir() {
            if (option != null) return option;
            String home = System.getenv("PARLEY_HOME");
            Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
            Path dir = base.resolve("../shared/speech").normalize();
            if (!Files.isRegularFile(dir.resolve("manifest.tsv"))) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new BenchCommand()),
                        "no speech set at " + dir + " (manifest.tsv); pass --speech DIR");
            }
            return dir;
        }
    }

    /**
     * TTS: per engine and voice, time to first audio (engine level), real-time factor and round-trip WER through the
     * project's STT; then time to the first audio byte over the API (REST streaming and WebSocket).
     */
    @Command(name = "tts", mixinStandardHelpOptions = true,
            description = {"Engine: per engine and voice, time to first audio p50/p95, real-time factor, round-trip WER.",
                "API: time to first audio byte p50/p95 over REST streaming and the WebSocket."})
    static final class Tts implements Callable<Integer> {
        @Mixin
        SpeechSet speech;

        @Option(names = "--engines", split = ",", defaultValue = "kokoro,piper", description = "Engines (default ${DEFAULT-VALUE}).")
        List<String> engines;

        @Option(names = "--voices", split = ",", defaultValue = "eve,ara,rex,sal,leo", description = "API voices (default ${DEFAULT-VALUE}).")
        List<String> voices;

        @Option(names = "--max", defaultValue = "8", description = "Utterances per voice (default ${DEFAULT-VALUE}).")
        int max;

        @Option(names = "--part", defaultValue = "all", description = "engine, api or all (default ${DEFAULT-VALUE}).")
        String part;

        @Override
        public Integer call() throws Exception {
            Path dir = speech.dir();
            if (!part.equals("api")) {
                ParleyConfig config = Settings.load(null, System.getenv(), Map.of());
                try (EngineRuntime runtime = EngineRuntime.create(config.runtimeConfig())) {
                    System.out.println(TtsBench.run(runtime, VoiceCatalog.from(config).mapping(), dir, engines, voices,
                            max));
                }
            }
            if (!part.equals("engine")) System.out.println(TtsApiBench.run(dir));
            return 0;
        }
    }

    /**
     * STT: word error rate per set and overall and the file engine's real-time factor (engine level), then the API
     * figures over a real socket (REST real-time factor, end of speech to {@code speech_final}, interim cadence,
     * concurrent real-time streams).
     */
    @Command(name = "stt", mixinStandardHelpOptions = true,
            description = {"Engine: WER per set and overall on the English sets, real-time factor.",
                "API: REST real-time factor, end-of-speech -> speech_final p50/p95, interim cadence, concurrent streams."})
    static final class Stt implements Callable<Integer> {
        @Mixin
        SpeechSet speech;

        @Option(names = "--part", defaultValue = "all", description = "engine, api or all (default ${DEFAULT-VALUE}).")
        String part;

        @Override
        public Integer call() {
            Path dir = speech.dir();
            if (!part.equals("api")) {
                ParleyConfig config = Settings.load(null, System.getenv(), Map.of());
                try (EngineRuntime runtime = EngineRuntime.create(config.runtimeConfig())) {
                    System.out.println(SttBench.run(runtime, dir));
                }
            }
            if (!part.equals("engine")) System.out.println(SttApiBench.run(dir));
            return 0;
        }
    }

    /**
     * Voice agent over a real socket: speech_stopped -> first audio, voice-to-voice, barge-in stop latency, and the
     * number of concurrent sessions that keep p95 within 1.5x of one session.
     */
    @Command(name = "realtime", mixinStandardHelpOptions = true,
            description = "Voice agent: processing and voice-to-voice latency p50/p95, barge-in stop latency, concurrent sessions.")
    static final class Realtime implements Callable<Integer> {
        @Mixin
        SpeechSet speech;

        @Override
        public Integer call() throws Exception {
            System.out.println(RealtimeBench.run(speech.dir()));
            return 0;
        }
    }

    /**
     * The Java SDK end to end against an in-process server, A/B against a raw java.net.http client in the same run:
     * TTS REST and WebSocket time to first audio, STT REST real-time factor and WER, STT WebSocket end of audio to
     * transcript.done, realtime voice-to-voice.
     */
    @Command(name = "client", mixinStandardHelpOptions = true,
            description = {"Java SDK vs raw java.net.http (A/B, interleaved): TTS REST/WebSocket time to first audio,",
                "STT REST RTF and WER, STT WebSocket end of audio -> transcript.done, realtime voice-to-voice; p50/p95."})
    static final class Client implements Callable<Integer> {
        @Mixin
        SpeechSet speech;

        @Option(names = "--iterations", defaultValue = "20", description = "Timed requests per side for each TTS figure (default ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--max", defaultValue = "5", description = "Recordings (English, 1.5-8 s) for the STT and realtime figures (default ${DEFAULT-VALUE}).")
        int max;

        @Override
        public Integer call() throws Exception {
            System.out.println(ClientBench.run(speech.dir(), new ClientBench.Options(iterations, max)));
            return 0;
        }
    }

    /** Classical diarization: diarization error rate on the multi-speaker files and cost per second of audio. */
    @Command(name = "diarize", mixinStandardHelpOptions = true,
            description = "Diarization error rate (0.25 s collar) on the multi-speaker files, and time per audio second.")
    static final class Diarize implements Callable<Integer> {
        @Mixin
        SpeechSet speech;

        @Override
        public Integer call() {
            System.out.println(DiarizationBench.run(speech.dir()));
            return 0;
        }
    }
}
