package dev.parley.engines.text;

/**
 * A language Parley speaks.
 *
 * @param code         canonical API code ({@code en}, {@code es-MX}, ...)
 * @param espeakVoice  espeak-ng voice used for phonemes and for the espeak engine
 * @param kokoroPrefix first letter of Kokoro voice names for this language ({@code a} American English,
 *                     {@code b} British, {@code e} Spanish, {@code f} French, {@code h} Hindi, {@code i} Italian,
 *                     {@code j} Japanese, {@code p} Portuguese, {@code z} Chinese), or {@code 0} when Kokoro has none
 */
public record Language(String code, String espeakVoice, char kokoroPrefix) {
    /** Whether the English normalisation rules apply. */
    public boolean english() {
        return code.startsWith("en");
    }

    /** Whether Kokoro has voices for this language. */
    public boolean hasKokoro() {
        return kokoroPrefix != 0;
    }
}
