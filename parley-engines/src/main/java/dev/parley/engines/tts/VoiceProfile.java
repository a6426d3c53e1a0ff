package dev.parley.engines.tts;

/**
 * How one API voice should sound on one engine, in terms every engine understands: the engine voice when the
 * configuration names one, the gender to choose by otherwise (and in languages where the named voice does not
 * exist), and a rate factor (an engine with a single speaker can tell voices apart by rate alone). Engines turn it
 * into one of their own voices with {@link TtsEngine#voiceFor}. Immutable.
 *
 * @param voice  the engine voice the configuration asks for ({@code af_bella}, {@code f3}), or null to choose by
 *               gender
 * @param female whether to prefer a female voice when choosing
 * @param rate   speaking-rate factor applied on top of the request's speed (1.0: none)
 */
public record VoiceProfile(String voice, boolean female, double rate) {
    public VoiceProfile {
        if (!(rate > 0.25 && rate < 4)) throw new IllegalArgumentException("voice rate out of range: " + rate);
        if (voice != null && voice.isBlank()) voice = null;
    }

    /** No named voice, rate 1: the engine chooses by gender. */
    public static VoiceProfile byGender(boolean female) {
        return new VoiceProfile(null, female, 1.0);
    }
}
