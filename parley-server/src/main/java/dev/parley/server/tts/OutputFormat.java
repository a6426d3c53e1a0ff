package dev.parley.server.tts;

import dev.parley.server.http.ApiException;
import java.util.List;

/**
 * The audio a client asked for: codec, sample rate and (MP3 only) bit rate. Validated on construction.
 *
 * <p>Sample rates: the six of spec §5 for every codec. G.711 is conventionally 8 kHz (and the spec's example asks
 * for µ-law at 8000), but the API lists the rates without tying them to a codec, so Parley accepts every listed rate
 * for {@code mulaw}/{@code alaw} too and encodes at the rate asked for; a client that sends only
 * {@code codec: mulaw} therefore gets the default 24 kHz, as with any codec. Rates outside the list are a 400 for
 * every codec. The bit rate is validated for MP3 only and ignored otherwise (spec: "MP3 only (ignore otherwise)");
 * LAME lowers it where the MPEG version cannot carry it (at most 160 kbit/s at 16-24 kHz, 64 kbit/s at 8 kHz).
 *
 * @param codec      the codec
 * @param sampleRate output rate in Hz
 * @param bitRate    MP3 bit rate in bit/s (kept as given for other codecs)
 */
record OutputFormat(Codec codec, int sampleRate, int bitRate) {
    static final List<Integer> SAMPLE_RATES = List.of(8000, 16000, 22050, 24000, 44100, 48000);
    static final List<Integer> BIT_RATES = List.of(32000, 64000, 96000, 128000, 192000);
    static final int DEFAULT_SAMPLE_RATE = 24000;
    static final int DEFAULT_BIT_RATE = 128000;
    static final OutputFormat DEFAULT = new OutputFormat(Codec.MP3, DEFAULT_SAMPLE_RATE, DEFAULT_BIT_RATE);

    /** @throws ApiException 400 for a rate not in the lists */
    OutputFormat {
        if (!SAMPLE_RATES.contains(sampleRate)) {
            throw ApiException.badRequest("Invalid sample_rate " + sampleRate + ": expected one of " + SAMPLE_RATES);
        }
        if (codec == Codec.MP3 && !BIT_RATES.contains(bitRate)) {
            throw ApiException.badRequest("Invalid bit_rate " + bitRate + " for mp3: expected one of " + BIT_RATES);
        }
    }

    /** The response {@code Content-Type}. */
    String contentType() {
        return codec.contentType;
    }
}
