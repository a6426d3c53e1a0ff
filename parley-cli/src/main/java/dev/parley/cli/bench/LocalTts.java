package dev.parley.cli.bench;

import dev.parley.bench.engine.TtsUnderTest;
import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.text.Language;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.text.SpeechPiece;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.TtsEngine;
import dev.parley.engines.tts.Utterance;
import dev.parley.engines.tts.VoiceProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TtsUnderTest} on this machine's engines: the runtime's TTS engines behind a {@link SpeechSynthesizer} with
 * the configured voices, each utterance one {@link Utterance} (the pipeline the API serves, with each voice's rate and
 * pitch on the engine that speaks it); {@link #engineAlone} calls the engine directly. Stateless beyond the engines,
 * which {@link LocalEngines} owns.
 */
public final class LocalTts implements TtsUnderTest {
    private final LocalEngines engines;
    private final SpeechSynthesizer synthesizer;

    /** Over {@code engines}' TTS engines and voices. */
    public LocalTts(LocalEngines engines) {
        this.engines = engines;
        this.synthesizer = new SpeechSynthesizer(engines.runtime().tts(), engines.voices());
    }

    @Override
    public String unavailable(String engine) {
        try {
            engines.runtime().tts().get(engine);
            return null;
        } catch (EngineUnavailableException e) {
            return e.getMessage();
        }
    }

    @Override
    public String engineOf(String voice) {
        try (Utterance u = synthesizer.open(new SpeechSynthesizer.Request(voice, "en", 1.0, true, null, null, null))) {
            return u.voice().engineId();
        }
    }

    @Override
    public Speech synthesize(String engine, String voice, String text) {
        List<float[]> parts = new ArrayList<>();
        long first = 0;
        try (Utterance u = synthesizer.open(new SpeechSynthesizer.Request(voice, "en", 1.0, true, null, engine, null))) {
            u.add(text);
            while (u.hasNext()) {
                Utterance.Chunk c = u.next();
                if (first == 0 && c.piece() instanceof SpeechPiece.Speech) first = System.nanoTime();
                parts.add(c.samples());
            }
            float[] all = new float[parts.stream().mapToInt(a -> a.length).sum()];
            int off = 0;
            for (float[] a : parts) {
                System.arraycopy(a, 0, all, off, a.length);
                off += a.length;
            }
            SpeechSynthesizer.Voice v = u.voice();
            return new Speech(v.engineId(), v.engineVoice(), v.rate(), v.pitch(), all, v.sampleRate(), first);
        }
    }

    /** The engine's voice for a female profile at rate and pitch 1, normal prosody, no text front end. */
    @Override
    public Audio engineAlone(String engine, String text) {
        TtsEngine e = engines.runtime().tts().get(engine);
        Language en = Languages.resolve("en", text);
        return new Audio(e.synthesize(text, e.voiceFor(VoiceProfile.byGender(true), en), Prosody.NORMAL, en),
                e.sampleRate());
    }
}
