package dev.parley.engines.tts;

/**
 * How one API voice should sound on one engine, in terms every engine understands: the engine voice when the
 * configuration names one, the gender to choose by otherwise (and in languages where the named voice does not
 * exist), and a rate factor (an engine with a single speaker can tell voices apart by rate alone). Engines turn it
 * into one of their own voices with {@link TtsEngine#voiceFor}. Immutable.
 *
 * <p>An engine with a single speaker tells voices apart by rate and, where it can shift pitch (hibari), by pitch.
 *
 * @param voice  the engine voice the configuration asks for ({@code af_bella}, {@code f3}), or null to choose by
 *               gender
 * @param female whether to prefer a female voice when choosing
 * @param rate   speaking-rate factor applied on top of the request's speed (1.0: none)
 * @param pitch  pitch factor applied on top of speech tags' pitch (1.0: none; engines that cannot shift pitch ignore
 *               it)
 */
public record VoiceProfile(String voice, boolean female, double rate, double pitch) {
    public VoiceProfile {
        if (!(rate > 0.25 && rate < 4)) throw new IllegalArgumentException("voice rate out of range: " + rate);
        if (!(pitch >= 0.5 && pitch <= 2)) throw new IllegalArgumentException("voice pitch out of range: " + pitch);
        if (voice != null && voice.isBlank()) voice = null;
    }

    /** A voice at its engine's own pitch. */
    public VoiceProfile(String voice, boolean female, double rate) {
        this(voice, female, rate, 1.0);
    }

    /** No named voice, rate and pitch 1: the engine chooses by gender. */
    public static VoiceProfile byGender(boolean female) {
        return new VoiceProfile(null, female, 1.0);
    }
}
