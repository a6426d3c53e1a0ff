package dev.parley.cli;

import dev.parley.bench.SpeechSet;
import dev.parley.bench.api.ApiServer;
import dev.parley.bench.api.ClientBench;
import dev.parley.bench.api.FirstClauseBench;
import dev.parley.bench.api.RealtimeBench;
import dev.parley.bench.api.SocketFuzzer;
import dev.parley.bench.api.Soak;
import dev.parley.bench.api.SttApiBench;
import dev.parley.bench.api.TtsApiBench;
import dev.parley.bench.api.TtsStreamsBench;
import dev.parley.bench.audio.AudioBench;
import dev.parley.bench.engine.DiarizationBench;
import dev.parley.bench.engine.HibariPythonBench;
import dev.parley.bench.engine.SttBench;
import dev.parley.bench.engine.TtsBench;
import dev.parley.cli.bench.LocalDiarizer;
import dev.parley.cli.bench.LocalEngines;
import dev.parley.cli.bench.LocalServer;
import dev.parley.cli.bench.LocalStt;
import dev.parley.cli.bench.LocalTts;
import dev.parley.engines.tts.PiperEngine;
import dev.parley.engines.tts.VoiceMapping;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.realtime.RealtimeFeature;
import dev.parley.server.stt.SttFeature;
import dev.parley.server.tts.TtsFeature;
import dev.parley.server.voices.VoiceCatalog;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley bench ...}: the benchmarks that back the figures in the README ({@code parley-bench}), wired to this
 * machine's engines and to in-process servers. Each subcommand prints its own report (medians and p95) to standard
 * output. Run them on an otherwise idle machine. The API benchmarks take {@code --url} to measure a running server
 * instead.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.Audio.class, BenchCommand.Tts.class, BenchCommand.Stt.class,
            BenchCommand.Realtime.class, BenchCommand.FirstClause.class, BenchCommand.Diarize.class,
            BenchCommand.Client.class, BenchCommand.Fuzz.class, BenchCommand.SoakRun.class})
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

    /** The engines of this command: the configuration from the environment and {@code PARLEY_CONFIG}, one runtime. */
    static LocalEngines engines() {
        return new LocalEngines(Settings.load(null, System.getenv(), Map.of()));
    }

    /**
     * {@code --speech DIR}: the shared speech set, else {@code $PARLEY_HOME/../shared/speech} (the launcher sets
     * {@code PARLEY_HOME} to the repository), else {@code ../shared/speech}.
     */
    static final class Speech {
        @Option(names = "--speech", paramLabel = "DIR", description = "Speech set with manifest.tsv (default ../shared/speech).")
        Path option;

        SpeechSet set() {
            if (option != null) return SpeechSet.at(option);
            String home = System.getenv("PARLEY_HOME");
            Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
            Path dir = base.resolve("../shared/speech").normalize();
            if (!Files.isRegularFile(dir.resolve("manifest.tsv"))) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new BenchCommand()),
                        "no speech set at " + dir + " (manifest.tsv); pass --speech DIR");
            }
            return SpeechSet.at(dir);
        }
    }

    /**
     * {@code --url} and {@code --key}: measure a running server instead of one started in this process. The key
     * defaults to {@code $PARLEY_API_KEY}, else {@code $XAI_API_KEY}.
     */
    static final class Target {
        @Option(names = "--url", paramLabel = "URL",
                description = "Measure the API of this running server instead of an in-process one.")
        URI url;

        @Option(names = "--key", paramLabel = "KEY", description = "API key for --url (default: $PARLEY_API_KEY, else $XAI_API_KEY).")
        String key;

        /** The remote server, or null when the benchmark starts its own. */
        ApiServer remote() {
            if (url == null) return null;
            String k = key != null ? key : System.getenv("PARLEY_API_KEY");
            return ApiServer.remote(url, k != null ? k : System.getenv("XAI_API_KEY"));
        }
    }

    /**
     * TTS, in four parts ({@code --part}): the engines (time to first audio, real-time factor and round-trip WER per
     * engine and voice, and the five voices each on its own engine); the API (time to the first audio byte of REST
     * per voice and of the WebSocket on the default server, and Kokoro when asked); Parley's hibari engine against the
     * {@code hibari-tts} Python package; concurrent real-time REST streams per engine.
     */
    @Command(name = "tts", mixinStandardHelpOptions = true,
            description = {"engine: per engine and voice, time to first audio p50/p95, real-time factor, round-trip WER;",
                "  then the five voices each on its own engine, pooled.",
                "api: time to the first audio byte p50/p95 of REST for every voice and of the WebSocket for eve,",
                "  on the default server (every voice on its own engine); with --kokoro also eve on Kokoro.",
                "python: Parley's hibari engine vs the hibari-tts " + HibariPythonBench.PACKAGE_VERSION
                    + " Python package on the same sentences",
                "  (synthesis ms p50/p95, RTF; a throwaway venv, pip from PyPI).",
                "streams: N concurrent REST streams of a ~15 s text per engine (hibari via eve, piper via rex,",
                "  kokoro with --kokoro), each played on a real-time clock: TTFA p50/p95, stalls, the largest N",
                "  without a stall."})
    static final class Tts implements Callable<Integer> {
        /** The parts, in the order {@code all} runs them. */
        static final List<String> PARTS = List.of("engine", "api", "python", "streams");
        static final int KOKORO_API_TEXTS = 5;
        static final int PYTHON_SENTENCES = 20;
        static final int ENGINE_UTTERANCES = 8;
        /** Voice eve on Kokoro's {@code af_bella}: the opt-in quality setup. */
        private static final Map<String, String> EVE_ON_KOKORO = Map.of("voices.eve.engine", "kokoro",
                "voices.eve.engine_voice", "af_bella");

        @Mixin
        Speech speech;

        @Mixin
        Target target;

        @Option(names = "--engines", split = ",", defaultValue = "hibari,piper",
                description = "Engines of the engine part (default ${DEFAULT-VALUE}; kokoro takes ~2 s a sentence).")
        List<String> engines;

        @Option(names = "--voices", split = ",", defaultValue = "eve,ara,rex,sal,leo", description = "API voices (default ${DEFAULT-VALUE}).")
        List<String> voices;

        @Option(names = "--kokoro", description = "Also measure Kokoro in the api and streams parts (voice eve on "
                + "Kokoro); implied by --engines containing kokoro.")
        boolean kokoro;

        @Option(names = "--max", paramLabel = "N", description = "At most N texts per voice in each part (defaults: "
                + "engine " + ENGINE_UTTERANCES + ", api " + TtsApiBench.TEXTS + " and " + KOKORO_API_TEXTS
                + " on Kokoro, python " + PYTHON_SENTENCES + ").")
        Integer max;

        @Option(names = "--streams", split = ",", paramLabel = "N", defaultValue = "1,5,10,20,30",
                description = "Concurrent stream counts of the streams part (default ${DEFAULT-VALUE}).")
        List<Integer> streams;

        @Option(names = "--venv", paramLabel = "DIR", description = "Python virtual environment of the python part, "
                + "made if missing and kept (default: a temporary one, removed).")
        Path venv;

        @Option(names = "--python", defaultValue = "python3", description = "Python 3 that makes the venv (default ${DEFAULT-VALUE}).")
        String python;

        @Option(names = "--part", split = ",", defaultValue = "all",
                description = "engine, api, python, streams or all; comma separated (default ${DEFAULT-VALUE}).")
        List<String> part;

        @Override
        public Integer call() throws Exception {
            List<String> parts = part.contains("all") ? PARTS : part;
            for (String p : parts) {
                if (!PARTS.contains(p)) usage("--part: unknown part '" + p + "'; one of " + PARTS + " or all");
            }
            if (streams.stream().anyMatch(n -> n < 1)) usage("--streams: counts must be at least 1, got " + streams);
            if (max != null && max < 1) usage("--max: must be at least 1, got " + max);
            boolean withKokoro = kokoro || engines.contains("kokoro");
            SpeechSet set = speech.set();
            try (LocalEngines local = engines()) {
                LocalTts tts = new LocalTts(local);
                if (parts.contains("engine")) {
                    System.out.println(TtsBench.run(set, tts, new LocalStt(local), engines, voices,
                            limit(ENGINE_UTTERANCES)));
                }
                if (parts.contains("api")) System.out.println(TtsApiBench.run(set, apiVariants(local, withKokoro)));
                if (parts.contains("python")) {
                    List<String> sentences = TtsBench.englishTranscripts(set);
                    sentences = sentences.subList(0, Math.min(limit(PYTHON_SENTENCES), sentences.size()));
                    System.out.println(HibariPythonBench.run(sentences, tts, new HibariPythonBench.Python(python, venv)));
                }
                if (parts.contains("streams")) System.out.println(streams(set, local, withKokoro));
            }
            return 0;
        }

        private void usage(String message) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), message);
        }

        private int limit(int partDefault) {
            return max != null ? max : partDefault;
        }

        /**
         * The default server (every voice on its own engine: REST for each of {@code --voices}, WebSocket for eve),
         * then with Kokoro eve on Kokoro; or --url's server with the same voices.
         */
        private List<TtsApiBench.Variant> apiVariants(LocalEngines local, boolean withKokoro) {
            ApiServer remote = target.remote();
            if (remote != null) {
                Map<String, String> unknown = new LinkedHashMap<>();
                for (String v : voices) unknown.put(v, "-");
                return List.of(new TtsApiBench.Variant("server", unknown, "eve", limit(TtsApiBench.TEXTS), () -> remote));
            }
            Map<String, String> own = new LinkedHashMap<>();
            for (String v : voices) own.put(v, engineOf(v, Map.of()));
            List<TtsApiBench.Variant> variants = new ArrayList<>();
            variants.add(new TtsApiBench.Variant("default", own, "eve", limit(TtsApiBench.TEXTS),
                    () -> ttsServer(local, Map.of())));
            if (withKokoro) {
                variants.add(new TtsApiBench.Variant("kokoro", Map.of("eve", "kokoro"), "eve",
                        limit(KOKORO_API_TEXTS), () -> ttsServer(local, EVE_ON_KOKORO)));
            }
            return variants;
        }

        /**
         * Hibari through eve and Piper through rex on the default server (Kokoro through eve on its own server when
         * asked), the server's REST limits raised to the largest count; or the same voices on --url's server.
         */
        private String streams(SpeechSet set, LocalEngines local, boolean withKokoro) throws Exception {
            int most = streams.stream().mapToInt(Integer::intValue).max().orElse(1);
            ApiServer remote = target.remote();
            if (remote != null) {
                try (remote) {
                    return TtsStreamsBench.run(set, List.of(new TtsStreamsBench.Lane("server", "eve", remote),
                            new TtsStreamsBench.Lane("server", "rex", remote)), streams, "Server " + remote.baseUrl()
                            + " with its own limits: a refused stream counts as failed.");
                }
            }
            ParleyConfig.Limits defaults = ConfigLoader.defaults().limits();
            int perKey = Math.max(defaults.requestsPerKey(), most);
            int all = Math.max(defaults.requests(), most);
            Map<String, String> limits = Map.of("limits.requests_per_key", String.valueOf(perKey),
                    "limits.requests", String.valueOf(all));
            String setup = "In-process default server, one API key; REST limits for this run: requests_per_key " + perKey
                    + ", requests " + all + " (defaults " + defaults.requestsPerKey() + " and " + defaults.requests()
                    + ", raised to the largest n where it is over them).";
            try (LocalServer server = ttsServer(local, limits)) {
                List<TtsStreamsBench.Lane> lanes = new ArrayList<>(List.of(
                        new TtsStreamsBench.Lane(engineOf("eve", limits), "eve", server),
                        new TtsStreamsBench.Lane(engineOf("rex", limits), "rex", server)));
                if (!withKokoro) return TtsStreamsBench.run(set, lanes, streams, setup);
                Map<String, String> kokoroFlags = new HashMap<>(limits);
                kokoroFlags.putAll(EVE_ON_KOKORO);
                try (LocalServer kokoroServer = ttsServer(local, kokoroFlags)) {
                    lanes.add(new TtsStreamsBench.Lane("kokoro", "eve", kokoroServer));
                    return TtsStreamsBench.run(set, lanes, streams, setup + " Kokoro: eve on af_bella, a server of "
                            + "its own with the same limits.");
                }
            }
        }

        /** The engine that speaks {@code voice} in the config of {@link #ttsServer} with {@code flags}; "-" for none. */
        private static String engineOf(String voice, Map<String, String> flags) {
            VoiceMapping.Voice v = VoiceCatalog.from(ConfigLoader.load(null, Map.of(), flags)).mapping().get(voice);
            return v == null || v.engine() == null ? "-" : v.engine();
        }

        /** A server with the TTS feature only, the default config plus {@code flags}, over the command's engines. */
        private static LocalServer ttsServer(LocalEngines local, Map<String, String> flags) throws Exception {
            return LocalServer.start(local, Map.of(), flags,
                    b -> b.standardFeatures(false).feature(new TtsFeature(local.config().tts())));
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
        Speech speech;

        @Mixin
        Target target;

        @Option(names = "--part", defaultValue = "all", description = "engine, api or all (default ${DEFAULT-VALUE}).")
        String part;

        @Override
        public Integer call() throws Exception {
            SpeechSet set = speech.set();
            try (LocalEngines local = engines()) {
                if (!part.equals("api")) System.out.println(SttBench.run(set, new LocalStt(local)));
                if (!part.equals("engine")) {
                    ApiServer remote = target.remote();
                    try (ApiServer server = remote != null ? remote : LocalServer.start(local, Map.of(), Map.of(),
                            b -> b.standardFeatures(false).feature(new SttFeature(local.config().stt())))) {
                        System.out.println(SttApiBench.run(set, server, SttApiBench.Bounds.defaults()));
                    }
                }
            }
            return 0;
        }
    }

    /**
     * Voice agent over a real socket: speech_stopped -> first audio, voice-to-voice, barge-in stop latency, and the
     * number of concurrent sessions that keep p95 within 1.5x of one session. The in-process server takes this
     * machine's config from the environment ({@code PARLEY_LLM_*} …) and is used once ready.
     */
    @Command(name = "realtime", mixinStandardHelpOptions = true,
            description = "Voice agent: processing and voice-to-voice latency p50/p95, barge-in stop latency, concurrent sessions.")
    static final class Realtime implements Callable<Integer> {
        @Mixin
        Speech speech;

        @Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            SpeechSet set = speech.set();
            ApiServer remote = target.remote();
            try (LocalEngines local = engines()) {
                LocalTts tts = new LocalTts(local);
                if (remote != null) {
                    // the server's pipeline is its own; the synthesized questions are spoken here with Piper
                    try (remote) {
                        String of = "of " + remote.baseUrl();
                        System.out.println(RealtimeBench.run(set, remote, new RealtimeBench.Setup(of,
                                "the server's engine", "piper", tts)));
                    }
                    return 0;
                }
                try (LocalServer server = LocalServer.start(local, System.getenv(), Map.of(),
                        b -> b.standardFeatures(false).feature(new RealtimeFeature(local.config().realtime())))) {
                    ParleyConfig config = server.config();
                    String llm = config.llm().backend().equals("openai") ? "openai:" + config.llm().model()
                            : "embedded SmolLM2-135M";
                    // the agent speaks its voice with that voice's own engine; the questions are spoken with it too
                    ParleyConfig.Voice voice = config.voices().get(RealtimeBench.VOICE);
                    if (voice == null) throw new IllegalStateException("voice " + RealtimeBench.VOICE + " is not configured");
                    String engine = voice.engine();
                    System.out.println(RealtimeBench.run(set, server, new RealtimeBench.Setup(llm, engine, engine, tts)));
                }
            }
            return 0;
        }
    }

    /**
     * Time to the first and to the last audio delta of a long first clause the voice agent speaks
     * ({@code force_message}), on this build's server started here and on any {@code --url} servers, interleaved (A/B
     * in one run: e.g. {@code --url before=http://127.0.0.1:9000} running an older build).
     */
    @Command(name = "first-clause", mixinStandardHelpOptions = true,
            description = {"Voice agent: ms to the first and the last audio delta of one long clause (force_message),",
                "p50/p95, on this build and on --url LABEL=URL servers, interleaved."})
    static final class FirstClause implements Callable<Integer> {
        @Option(names = "--url", paramLabel = "LABEL=URL", description = "Also measure this running server (repeatable).")
        Map<String, URI> remotes = new java.util.LinkedHashMap<>();

        @Option(names = "--key", paramLabel = "KEY", description = "API key of the --url servers (default: $PARLEY_API_KEY).")
        String key;

        @Option(names = "--iterations", defaultValue = "10", description = "Runs per server (default ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--voice", defaultValue = "eve", description = "API voice (default ${DEFAULT-VALUE}).")
        String voice;

        @Option(names = "--text", description = "The clause (default: a 208-character sentence without a clause break).")
        String text = FirstClauseBench.LONG_CLAUSE;

        @Override
        public Integer call() throws Exception {
            String k = key != null ? key : System.getenv("PARLEY_API_KEY");
            try (LocalEngines local = engines();
                 LocalServer server = LocalServer.start(local, System.getenv(), Map.of(),
                         b -> b.standardFeatures(false).feature(new RealtimeFeature(local.config().realtime())))) {
                List<FirstClauseBench.Target> targets = new java.util.ArrayList<>();
                remotes.forEach((label, url) -> targets.add(new FirstClauseBench.Target(label, ApiServer.remote(url, k))));
                targets.add(new FirstClauseBench.Target("this build", server));
                System.out.println(FirstClauseBench.run(targets, text, voice, iterations));
            }
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
        Speech speech;

        @Mixin
        Target target;

        @Option(names = "--iterations", defaultValue = "20", description = "Timed requests per side for each TTS figure (default ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--max", defaultValue = "5", description = "Recordings (English, 1.5-8 s) for the STT and realtime figures (default ${DEFAULT-VALUE}).")
        int max;

        @Override
        public Integer call() throws Exception {
            System.out.println(run(speech.set(), target.remote(), new ClientBench.Options(iterations, max)));
            return 0;
        }

        /**
         * The client benchmark against {@code remote}, or against a Parley started here with every feature and the
         * default models, voice {@code eve} speaking with Piper.
         */
        static String run(SpeechSet set, ApiServer remote, ClientBench.Options options) throws Exception {
            if (remote != null) {
                try (remote) {
                    String of = "of " + remote.baseUrl();
                    return ClientBench.run(set, remote, new ClientBench.Setup("the server's engine", of), options);
                }
            }
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("PARLEY_SHUTDOWN_GRACE_SECONDS", "1");
            try (LocalEngines local = engines();
                 LocalServer server = LocalServer.start(local, env, Map.of("voices." + ClientBench.VOICE + ".engine",
                         "piper", "voices." + ClientBench.VOICE + ".engine_voice", PiperEngine.VOICE), b -> b)) {
                ParleyConfig config = server.config();
                String llm = config.llm().model() == null ? config.llm().backend()
                        : config.llm().backend() + ":" + config.llm().model();
                return ClientBench.run(set, server, new ClientBench.Setup("Piper " + PiperEngine.VOICE, llm), options);
            }
        }
    }

    /**
     * The WebSocket fuzzer against a server started here with every feature (or {@code --url}): mutated event streams
     * on the three sockets for {@code --seconds}; exit status 1 when a case failed or the server did not return to idle.
     */
    @Command(name = "fuzz", mixinStandardHelpOptions = true,
            description = {"Seeded WebSocket fuzzing of /v1/realtime, /v1/tts and /v1/stt: mutated event streams,",
                "each followed by a probe the session must answer; failures printed with the seed and minimal steps."})
    static final class Fuzz implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--seconds", defaultValue = "60", description = "How long to fuzz (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--seed", defaultValue = "20261203", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            SocketFuzzer.Options o = new SocketFuzzer.Options(seed, java.time.Duration.ofSeconds(seconds));
            ApiServer remote = target.remote();
            SocketFuzzer.Report r;
            if (remote != null) {
                r = SocketFuzzer.run(remote, o);
            } else {
                try (LocalEngines local = engines();
                     LocalServer server = LocalServer.start(local, System.getenv(), Map.of(), b -> b)) {
                    r = SocketFuzzer.run(server, o);
                }
            }
            System.out.print(r.text());
            return r.clean() ? 0 : 1;
        }
    }

    /**
     * The soak against a server started here with every feature (or {@code --url}): TTS, STT and the agent at a set
     * load for {@code --minutes}, the server's memory, threads, descriptors and sessions every 30 s.
     */
    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = {"TTS, STT (REST and WebSocket) and the voice agent at a set load; every 30 s the server's RSS,",
                "JVM and native memory, threads, fds, sessions and the latency p50/p95; then the drain back to idle."})
    static final class SoakRun implements Callable<Integer> {
        @Mixin
        Speech speech;

        @Mixin
        Target target;

        @Option(names = "--minutes", defaultValue = "30", description = "How long the load runs (default ${DEFAULT-VALUE}).")
        int minutes;

        @Option(names = "--tts-loops", defaultValue = "2", description = "Concurrent TTS REST loops (default ${DEFAULT-VALUE}).")
        int ttsLoops;

        @Option(names = "--stt-loops", defaultValue = "1", description = "Concurrent STT REST loops (default ${DEFAULT-VALUE}).")
        int sttLoops;

        @Override
        public Integer call() throws Exception {
            Soak.Options o = new Soak.Options(java.time.Duration.ofMinutes(minutes), java.time.Duration.ofSeconds(30),
                    ttsLoops, sttLoops);
            ApiServer remote = target.remote();
            Soak.Report r;
            if (remote != null) {
                r = Soak.run(remote, speech.set(), o, null);
            } else {
                try (LocalEngines local = engines();
                     LocalServer server = LocalServer.start(local, System.getenv(), Map.of(), b -> b)) {
                    r = Soak.run(server, speech.set(), o, System::gc);
                }
            }
            System.out.print(r.text());
            return r.totalFailed() == 0 ? 0 : 1;
        }
    }

    /** Classical diarization: diarization error rate on the multi-speaker files and cost per second of audio. */
    @Command(name = "diarize", mixinStandardHelpOptions = true,
            description = "Diarization error rate (0.25 s collar) on the multi-speaker files, and time per audio second.")
    static final class Diarize implements Callable<Integer> {
        @Mixin
        Speech speech;

        @Override
        public Integer call() {
            System.out.println(DiarizationBench.run(speech.set(), new LocalDiarizer()));
            return 0;
        }
    }
}
