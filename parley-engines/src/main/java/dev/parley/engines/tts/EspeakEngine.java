package dev.parley.engines.tts;

import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.text.Language;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.runtime.Native;
import dev.parley.engines.tts.internal.Espeak;

import java.util.List;

/**
 * espeak-ng's formant synthesiser: always available (a Debian package), every language of spec §2.3, robotic but
 * intelligible. Voices are espeak-ng variants ({@code f1..f5}, {@code m1..m7}, ...) applied to the language's
 * espeak voice; rate, pitch and volume map to espeak's {@code -s -p -a}; whisper uses the {@code whisper} variant.
 * 22050 Hz. Thread-safe (calls into libespeak-ng are serialised).
 */
public final class EspeakEngine implements TtsEngine {
    /** Variants offered as voices. */
    public static final List<String> VARIANTS = List.of("f1", "f2", "f3", "f4", "f5", "m1", "m2", "m3", "m4", "m5",
            "m6", "m7", "klatt", "whisper", "whisperf");

    private final Espeak espeak;
    private final Native nat;

    /** @throws EngineUnavailableException when libespeak-ng is missing */
    public EspeakEngine(Native nat) {
        this.espeak = Espeak.get();
        this.nat = nat;
    }

    @Override
    public int sampleRate() {
        return espeak.sampleRate();
    }

    @Override
    public List<String> voices() {
        return VARIANTS;
    }

    @Override
    public boolean supports(Language language) {
        return true;
    }

    /** The profile's variant when it names one, else {@code f3} or {@code m3} by gender. */
    @Override
    public String voiceFor(VoiceProfile profile, Language language) {
        if (profile.voice() != null && VARIANTS.contains(profile.voice())) return profile.voice();
        return profile.female() ? "f3" : "m3";
    }

    /** espeak-ng pauses at clause and sentence ends itself. */
    @Override
    public int gapAfterMs(boolean sentenceEnd) {
        return 0;
    }

    @Override
    public float[] synthesize(String text, String voice, Prosody prosody, Language language) {
        if (!VARIANTS.contains(voice)) throw new UnknownVoiceException(voice, VARIANTS);
        String variant = prosody.whisper() ? (voice.startsWith("f") || voice.equals("whisperf") ? "whisperf" : "whisper") : voice;
        String name = language.espeakVoice() + "+" + variant;
        int rate = (int) Math.round(175 * prosody.rate());
        int pitch = (int) Math.round(50 * prosody.pitch());
        double vol = prosody.volume();
        int amplitude = (int) Math.round(100 * Math.min(vol, 2.0));
        short[] pcm = nat.run(() -> espeak.synthesize(text, name, rate, pitch, amplitude));
        float[] out = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) out[i] = pcm[i] / 32768f;
        return out;
    }
}
