package dev.parley.server.tts;

import dev.parley.audio.WireCodec;
import dev.parley.audio.WireEncoder;
import dev.parley.audio.WireFormat;
import dev.parley.server.http.ApiException;
import java.util.List;
import java.util.Locale;

/**
 * The audio a client asked for: codec, sample rate and (MP3 only) bit rate. Validated on construction. Audio is always
 * mono; the codecs and their {@code Content-Type}s are {@link WireCodec}'s.
 *
 * <p>Codecs: xAI's are mp3, wav, pcm, mulaw (alias ulaw) and alaw (spec §5/§6), the ones {@link #codec(String)}
 * accepts on the xAI routes. Opus, AAC and FLAC are OpenAI {@code response_format}s for the
 * {@code /v1/audio/speech} alias only; their Content-Types are the ones OpenAI's API sends ({@code audio/opus},
 * {@code audio/aac}, {@code audio/flac}, beside {@code audio/mpeg} for mp3).
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
 * @param bitRate    MP3 bit rate in bit/s (kept as given for other codecs, which use their encoder's default)
 */
record OutputFormat(WireCodec codec, int sampleRate, int bitRate) {
    /** xAI's codecs (spec §5/§6). */
    static final List<WireCodec> XAI = List.of(WireCodec.MP3, WireCodec.WAV, WireCodec.PCM, WireCodec.MULAW,
            WireCodec.ALAW);
    static final List<Integer> SAMPLE_RATES = List.of(8000, 16000, 22050, 24000, 44100, 48000);
    static final List<Integer> BIT_RATES = List.of(32000, 64000, 96000, 128000, 192000);
    static final int DEFAULT_SAMPLE_RATE = 24000;
    static final int DEFAULT_BIT_RATE = 128000;
    static final OutputFormat DEFAULT = new OutputFormat(WireCodec.MP3, DEFAULT_SAMPLE_RATE, DEFAULT_BIT_RATE);

    /** @throws ApiException 400 for a rate not in the lists */
    OutputFormat {
        if (!SAMPLE_RATES.contains(sampleRate)) {
            throw ApiException.badRequest("Invalid sample_rate " + sampleRate + ": expected one of " + SAMPLE_RATES);
        }
        if (codec == WireCodec.MP3 && !BIT_RATES.contains(bitRate)) {
            throw ApiException.badRequest("Invalid bit_rate " + bitRate + " for mp3: expected one of " + BIT_RATES);
        }
    }

    /**
     * Parses an xAI codec name, case-insensitively: {@code mp3}, {@code wav}, {@code pcm}, {@code mulaw} (alias
     * {@code ulaw}) or {@code alaw}. {@link WireCodec}'s wider aliases ({@code pcm16}, {@code audio/basic}, ...) are
     * not xAI names and are refused.
     *
     * @throws ApiException 400 naming the value and the accepted ones
     */
    static WireCodec codec(String name) {
        return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
            case "mp3" -> WireCodec.MP3;
            case "wav" -> WireCodec.WAV;
            case "pcm" -> WireCodec.PCM;
            case "mulaw", "ulaw" -> WireCodec.MULAW;
            case "alaw" -> WireCodec.ALAW;
            default -> throw ApiException.badRequest("Invalid codec '" + name
                    + "': expected one of mp3, wav, pcm, mulaw (ulaw), alaw");
        };
    }

    /** The response {@code Content-Type}. */
    String contentType() {
        return codec.contentType();
    }

    /**
     * A new encoder of one utterance in this format: it resamples engine output to {@link #sampleRate} and encodes
     * it; the caller closes it. Only MP3 takes the bit rate; Opus and AAC use their encoder's default.
     */
    WireEncoder encoder() {
        return new WireEncoder(new WireFormat(codec, sampleRate, 1, codec == WireCodec.MP3 ? bitRate : 0));
    }
}
