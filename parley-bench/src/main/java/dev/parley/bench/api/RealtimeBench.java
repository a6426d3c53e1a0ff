package dev.parley.bench.api;

import dev.parley.audio.Pcm16;
import dev.parley.audio.Resampler;
import dev.parley.bench.Percentiles;
import dev.parley.bench.SpeechSet;
import dev.parley.bench.engine.TtsUnderTest;
import dev.parley.bench.ws.TestSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Voice-agent benchmark over a real socket: a server's {@code /v1/realtime} (the CLI starts a Parley with the
 * configured pipeline: {@code llm.*} and the voices; the embedded SmolLM2 by default, the agent speaking
 * {@link #VOICE} with that voice's own engine), driven by clients that stream recorded questions from the speech set
 * and questions synthesized with the project's TTS, in real time (40 ms appends, paced), followed by continuous
 * silence like an open microphone.
 *
 * <p>Reports, with server VAD at threshold 0.5, silence_duration_ms 500, prefix_padding_ms 300:
 * <ul>
 *   <li>processing latency: {@code speech_stopped} received → first {@code response.output_audio.delta} (p50/p95);</li>
 *   <li>voice-to-voice latency: the last voiced input sample (energy above 2 % of the clip's peak in 10 ms
 *       windows, at its real-time position) → first audio delta (p50/p95); it includes the 500 ms of silence the
 *       VAD waits for;</li>
 *   <li>barge-in: user speech start → {@code speech_started}, → the last audio delta of the interrupted response
 *       (0 when none follows), → its {@code response.done} (cancelled);</li>
 *   <li>concurrency: sessions 1, 2, 4, 6 at once (starts staggered by 700 ms), each asking the questions in turn;
 *       the largest count whose processing p95 stays within 1.5x of one session's.</li>
 * </ul>
 * Bounded: every turn times out after 60 s and the whole run stops starting new work after 8 minutes. Runs on the
 * calling thread (plus one virtual thread per session and microphone). Wired as {@code ./parley bench realtime}.
 */
public final class RealtimeBench {
    static final int RATE = 24000;
    static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);
    static final Duration BUDGET = Duration.ofMinutes(8);
    static final String INSTRUCTIONS = "You are a helpful voice assistant. Answer in one short sentence.";
    /** The voice the agent answers with (set in each session's {@code session.update}). */
    public static final String VOICE = "eve";
    static final List<String> RECORDED = List.of(
            "librivox/sense_and_sensibility_01_austen_64kb-0880.wav",
            "librispeech/1221-135766-0002.wav",
            "ljspeech/LJ001-0002.wav",
            "asterisk_en_8k/agent-pass.wav");
    static final List<String> SYNTHESIZED = List.of(
            "What is the capital of France?",
            "How many legs does a spider have?",
            "Can you recommend a good book to read?");

    private RealtimeBench() {}

    /**
     * What the server runs, for the report, and how to voice the synthesized questions.
     *
     * @param llm            the agent's language model, e.g. "embedded SmolLM2-135M" or "openai:grok-3"
     * @param voiceEngine    what speaks the agent's {@link #VOICE}: its own engine, e.g. "hibari"
     * @param questionEngine the engine that speaks the synthesized questions (voice {@code ara}); the agent's voice's
     *                       own when it runs here
     * @param tts            the local TTS with that engine
     */
    public record Setup(String llm, String voiceEngine, String questionEngine, TtsUnderTest tts) {}

    /** A question: 24 kHz PCM and where its voiced part starts and ends (samples). */
    record Question(String label, byte[] pcm, int firstVoiced, int lastVoiced) {}

    /** One answered turn. */
    record Turn(double processingMs, double voiceToVoiceMs) {}

    /** Runs the benchmark against {@code server} (ready to answer) and returns the report. */
    public static String run(SpeechSet speech, ApiServer server, Setup setup) throws Exception {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        URI uri = URI.create(server.baseUrl() + "/v1/realtime?model=grok-voice-latest");
        String key = server.apiKey();
        List<Question> questions = questions(speech, setup);
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "realtime bench: llm %s, voice %s on %s, %d cores; %d questions (%d recorded, %d synthesized)%n",
                setup.llm(), VOICE, setup.voiceEngine(), Runtime.getRuntime().availableProcessors(), questions.size(),
                RECORDED.size(), SYNTHESIZED.size()));
        report.append("server VAD: threshold 0.5, silence_duration_ms 500, prefix_padding_ms 300; input streamed in real time, 40 ms appends\n");

        warmUp(uri, key, questions.getFirst());
        List<Turn> single = session(uri, key, questions, deadline, 0);
        double p95one = Percentiles.of(single.stream().mapToDouble(Turn::processingMs).toArray(), 95);
        report.append(line("1 session", single));

        List<double[]> barge = new ArrayList<>();
        for (int i = 0; i < 3 && System.nanoTime() < deadline; i++) {
            double[] b = bargeIn(uri, key, questions.get(i % questions.size()));
            if (b != null) barge.add(b);
        }
        if (!barge.isEmpty()) {
            report.append(String.format(Locale.ROOT,
                    "barge-in (%d trials): speech start -> speech_started p50 %.0f ms; -> last audio delta of the "
                            + "interrupted response p50 %.0f ms, max %.0f ms; -> response.done (cancelled) p50 %.0f ms%n",
                    barge.size(), Percentiles.of(col(barge, 0), 50), Percentiles.of(col(barge, 1), 50),
                    Percentiles.of(col(barge, 1), 100), Percentiles.of(col(barge, 2), 50)));
        }

        int held = 1;
        int previous = 1;
        for (int n : new int[] {2, 4, 6}) {
            if (System.nanoTime() > deadline) {
                report.append(n).append(" sessions: skipped (time budget)\n");
                break;
            }
            List<Turn> turns = concurrent(uri, key, questions, n, deadline);
            double p95 = Percentiles.of(turns.stream().mapToDouble(Turn::processingMs).toArray(), 95);
            report.append(line(n + " sessions", turns));
            if (!turns.isEmpty() && p95 <= 1.5 * p95one && held == previous) held = n;
            previous = n;
        }
        report.append(String.format(Locale.ROOT,
                "concurrency: %d session(s) keep processing p95 within 1.5x of one session (%.0f ms)%n", held, 1.5 * p95one));
        return report.toString();
    }

    static String line(String label, List<Turn> turns) {
        if (turns.isEmpty()) return label + ": no completed turns\n";
        double[] p = turns.stream().mapToDouble(Turn::processingMs).toArray();
        double[] v = turns.stream().mapToDouble(Turn::voiceToVoiceMs).toArray();
        return String.format(Locale.ROOT,
                "%s: %d turns; processing (speech_stopped -> first audio) p50 %.0f ms, p95 %.0f ms; "
                        + "voice-to-voice (last voiced sample -> first audio) p50 %.0f ms, p95 %.0f ms%n",
                label, turns.size(), Percentiles.of(p, 50), Percentiles.of(p, 95), Percentiles.of(v, 50),
                Percentiles.of(v, 95));
    }

    // ------------------------------------------------------------------------------------------------ sessions

    private static TestSocket open(URI uri, String key, String instructions, int maxTokens) throws InterruptedException {
        TestSocket c = TestSocket.to(uri).bearer(key).connect();
        c.send("{\"type\":\"session.update\",\"session\":{\"voice\":\"" + VOICE + "\",\"instructions\":\"" + instructions
                + "\",\"temperature\":0,"
                + "\"max_output_tokens\":" + maxTokens + ",\"turn_detection\":{\"type\":\"server_vad\",\"threshold\":0.5,"
                + "\"silence_duration_ms\":500,\"prefix_padding_ms\":300}}}");
        if (c.await("session.updated", TURN_TIMEOUT, null) == null) {
            c.close();
            throw new IllegalStateException("no session.updated");
        }
        return c;
    }

    private static void warmUp(URI uri, String key, Question q) throws InterruptedException {
        try (TestSocket c = open(uri, key, INSTRUCTIONS, 40)) {
            turn(c, q);
        }
    }

    /** One session asking every question in turn. */
    static List<Turn> session(URI uri, String key, List<Question> questions, long deadline, int offset) throws InterruptedException {
        List<Turn> out = new ArrayList<>();
        try (TestSocket c = open(uri, key, INSTRUCTIONS, 40)) {
            for (int i = 0; i < questions.size() && System.nanoTime() < deadline; i++) {
                Turn t = turn(c, questions.get((i + offset) % questions.size()));
                if (t != null) out.add(t);
            }
        }
        return out;
    }

    static List<Turn> concurrent(URI uri, String key, List<Question> questions, int n, long deadline) throws InterruptedException {
        ConcurrentLinkedQueue<Turn> all = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int idx = i;
            threads.add(Thread.ofVirtual().name("bench-session-" + i).start(() -> {
                try {
                    Thread.sleep(700L * idx);
                    all.addAll(session(uri, key, questions, deadline, idx));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    System.err.println("bench session " + idx + " failed: " + e);
                }
            }));
        }
        for (Thread t : threads) t.join();
        return List.copyOf(all);
    }

    /**
     * Streams one question in real time, then silence until its answer is done. Null when no answer came in time.
     */
    static Turn turn(TestSocket c, Question q) throws InterruptedException {
        c.drain();
        AtomicBoolean stop = new AtomicBoolean();
        long t0 = System.nanoTime();
        Thread sender = Thread.ofVirtual().name("bench-mic").start(() -> stream(c, q.pcm(), t0, stop));
        long lastVoicedNanos = t0 + (long) (q.lastVoiced() * 1e9 / RATE);
        long end = System.nanoTime() + TURN_TIMEOUT.toNanos();
        String answering = null;
        TestSocket.Message firstAudio = null;
        TestSocket.Message lastStopped = null;
        try {
            while (System.nanoTime() < end) {
                TestSocket.Message e = c.poll(Duration.ofMillis(200));
                if (e == null || e.type() == null) continue;
                switch (e.type()) {
                    case "input_audio_buffer.speech_stopped" -> lastStopped = e;
                    case "response.created" -> {
                        if (e.nanos() >= lastVoicedNanos) answering = e.json().at("/response/id").stringValue();
                    }
                    case "response.output_audio.delta" -> {
                        if (firstAudio == null && e.json().get("response_id").stringValue().equals(answering)) firstAudio = e;
                    }
                    case "response.done" -> {
                        if (e.json().at("/response/id").stringValue().equals(answering)) {
                            if (firstAudio == null || lastStopped == null) return null;
                            return new Turn((firstAudio.nanos() - lastStopped.nanos()) / 1e6,
                                    (firstAudio.nanos() - lastVoicedNanos) / 1e6);
                        }
                    }
                    default -> { }
                }
            }
            return null;
        } finally {
            stop.set(true);
            sender.join();
        }
    }

    /** Sends {@code pcm} paced in real time from {@code t0}, then silence until {@code stop} (30 s at most). */
    private static void stream(TestSocket c, byte[] pcm, long t0, AtomicBoolean stop) {
        Voicing.microphone(pcm, RATE, t0, stop, 30_000, c::appendAudio);
    }

    /**
     * A long answer interrupted by a recorded question: {speech start → speech_started, → last audio delta of the
     * interrupted response, → its response.done}, in ms; null when the trial did not complete.
     */
    static double[] bargeIn(URI uri, String key, Question q) throws InterruptedException {
        try (TestSocket c = open(uri, key, "You are a storyteller. Tell long, detailed stories.", 300)) {
            c.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"input_text\",\"text\":\"Tell me a story about a brave dragon.\"}]}}");
            c.send("{\"type\":\"response.create\"}");
            TestSocket.Message created = c.await("response.created", TURN_TIMEOUT, null);
            if (created == null) return null;
            String resp = created.json().at("/response/id").stringValue();
            if (c.await("response.output_audio.delta", TURN_TIMEOUT, null) == null) return null;
            Thread.sleep(500); // the answer is streaming
            AtomicBoolean stop = new AtomicBoolean();
            long t0 = System.nanoTime();
            long speechStart = t0 + (long) (q.firstVoiced() * 1e9 / RATE);
            Thread sender = Thread.ofVirtual().start(() -> stream(c, q.pcm(), t0, stop));
            try {
                long started = 0;
                long lastAudio = speechStart;
                long end = System.nanoTime() + TURN_TIMEOUT.toNanos();
                while (System.nanoTime() < end) {
                    TestSocket.Message e = c.poll(Duration.ofMillis(200));
                    if (e == null || e.type() == null) continue;
                    String type = e.type();
                    if (type.equals("input_audio_buffer.speech_started") && started == 0) started = e.nanos();
                    if (type.equals("response.output_audio.delta") && e.json().get("response_id").stringValue().equals(resp)) {
                        lastAudio = Math.max(lastAudio, e.nanos());
                    }
                    if (type.equals("response.done") && e.json().at("/response/id").stringValue().equals(resp)) {
                        if (started == 0 || !"cancelled".equals(e.json().at("/response/status").stringValue())) return null;
                        return new double[] {(started - speechStart) / 1e6, (lastAudio - speechStart) / 1e6,
                                (e.nanos() - speechStart) / 1e6};
                    }
                }
                return null;
            } finally {
                stop.set(true);
                sender.join();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ audio

    static List<Question> questions(SpeechSet speech, Setup setup) {
        List<Question> out = new ArrayList<>();
        for (String f : RECORDED) {
            if (Files.isRegularFile(speech.path(f))) out.add(question(f, speech.mono(f, RATE)));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no recorded questions under " + speech.dir());
        for (String text : SYNTHESIZED) {
            TtsUnderTest.Speech a = setup.tts().synthesize(setup.questionEngine(), "ara", text);
            out.add(question("tts: " + text, Resampler.resample(a.samples(), a.sampleRate(), RATE)));
        }
        return out;
    }

    /** 300 ms of silence, the clip, and its voiced span (10 ms windows above 2 % of the peak). */
    static Question question(String label, float[] clip) {
        float[] x = Voicing.leadIn(clip, RATE);
        int[] span = Voicing.span(x, RATE);
        return new Question(label, Pcm16.fromFloat(x), span[0] < 0 ? x.length - clip.length : span[0],
                span[1] < 0 ? x.length : span[1]);
    }

    private static double[] col(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> Math.max(0, r[c])).toArray();
    }
}
