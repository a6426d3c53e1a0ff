package dev.parley.engines.text;

/**
 * How a stretch of speech is rendered, relative to the voice's normal delivery.
 *
 * @param rate    speaking-rate factor (1 normal, 0.8 slower, 1.2 faster)
 * @param pitch   pitch factor (1 normal); engines that cannot shift pitch ignore it
 * @param volume  gain factor applied to the samples (1 normal)
 * @param whisper whispered delivery where the engine has one (espeak-ng's whisper variant); neural engines render
 *                it as soft speech
 */
public record Prosody(double rate, double pitch, double volume, boolean whisper) {
    /** Normal delivery. */
    public static final Prosody NORMAL = new Prosody(1, 1, 1, false);

    public Prosody {
        if (!(rate > 0) || !(pitch > 0) || !(volume >= 0)) {
            throw new IllegalArgumentException("prosody factors must be positive: " + rate + ", " + pitch + ", " + volume);
        }
    }

    /** Combines two nested effects: factors multiply, whisper sticks. */
    public Prosody then(Prosody inner) {
        return new Prosody(rate * inner.rate, pitch * inner.pitch, volume * inner.volume, whisper || inner.whisper);
    }
}
