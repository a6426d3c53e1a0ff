package dev.parley.cli.bench;

import dev.parley.bench.engine.TtsUnderTest;
import dev.parley.engines.tts.EngineUnavailableException;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.TtsEngines;
import dev.parley.engines.tts.VoiceMapping;
import dev.parley.engines.text.SpeechPiece;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TtsUnderTest} on this machine's engines ({@link TtsEngines} and the {@link SpeechSynthesizer} with the
 * built-in voice mapping), for the benchmarks. Engines load on first use; {@link #close()} releases them.
 */
public final class LocalTts implements TtsUnderTest, AutoCloseable {
    private final TtsEngines engines;
    private final SpeechSynthesizer synthesizer;

    /** Over the engines {@code order} ({@code kokoro}, {@code piper}, {@code espeak}); not loaded yet. */
    public LocalTts(List<String> order) {
        this.engines = new TtsEngines(order);
        this.synthesizer = new SpeechSynthesizer(engines, VoiceMapping.defaults());
    }

    @Override
    public String unavailable(String engine) {
        try {
            engines.get(engine);
            return null;
        } catch (EngineUnavailableException e) {
            return e.getMessage();
        }
    }

    @Override
    public Speech synthesize(String engine, String voice, String text) {
        SpeechSynthesizer.Plan plan = synthesizer.plan(new SpeechSynthesizer.Request(text, voice, "en", 1.0, true, null, engine));
        List<float[]> parts = new ArrayList<>();
        long[] first = {0};
        synthesizer.stream(plan, (samples, piece) -> {
            if (first[0] == 0 && piece instanceof SpeechPiece.Speech) first[0] = System.nanoTime();
            parts.add(samples);
            return true;
        });
        float[] all = new float[parts.stream().mapToInt(a -> a.length).sum()];
        int off = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, all, off, a.length);
            off += a.length;
        }
        return new Speech(plan.engineVoice(), all, plan.sampleRate(), first[0]);
    }

    @Override
    public void close() {
        engines.close();
    }
}
