package dev.parley.server.realtime.internal;

import dev.parley.audio.WireCodec;
import dev.parley.audio.WireFormat;
import java.util.Set;

/**
 * A realtime audio format as the API names it: {@code audio/pcm} (s16le mono) at one of the allowed rates, or G.711
 * µ-law/A-law at 8 kHz (spec §4.2). Bytes are converted by {@code WireDecoder}/{@code WireEncoder} in the
 * {@link #wire()} format; this record keeps the API's type string, which {@code session.updated} echoes.
 *
 * @param type {@link #PCM}, {@link #PCMU} or {@link #PCMA}
 * @param rate samples per second
 */
public record AudioFormat(String type, int rate) {
    public static final String PCM = "audio/pcm";
    public static final String PCMU = "audio/pcmu";
    public static final String PCMA = "audio/pcma";
    /** PCM rates accepted (spec §4.2, including 11025 from the JSON spec). */
    public static final Set<Integer> PCM_RATES = Set.of(8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000);
    public static final AudioFormat DEFAULT = new AudioFormat(PCM, 24000);

    /** The wire format: the codec of {@link #type()}, mono, at {@link #rate()}. */
    public WireFormat wire() {
        WireCodec codec = switch (type) {
            case PCM -> WireCodec.PCM;
            case PCMU -> WireCodec.MULAW;
            case PCMA -> WireCodec.ALAW;
            default -> throw new IllegalStateException(type);
        };
        return WireFormat.mono(codec, rate);
    }

    /**
     * Parses a format object's type and rate (lenient: beta strings {@code pcm16}, {@code g711_ulaw},
     * {@code g711_alaw}; G.711 ignores the rate and runs at 8000).
     *
     * @throws RealtimeError {@code invalid_audio_format} for anything else
     */
    public static AudioFormat parse(String type, Integer rate, String param) {
        if (type == null) type = PCM;
        switch (type) {
            case "pcm16" -> type = PCM;
            case "g711_ulaw" -> type = PCMU;
            case "g711_alaw" -> type = PCMA;
            default -> { }
        }
        switch (type) {
            case PCMU, PCMA -> {
                return new AudioFormat(type, 8000);
            }
            case PCM -> {
                int r = rate == null ? 24000 : rate;
                if (!PCM_RATES.contains(r)) {
                    throw RealtimeError.invalid("invalid_audio_format", "Audio rate " + r
                            + " not supported. Use one of 8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000.",
                            param + ".rate");
                }
                return new AudioFormat(PCM, r);
            }
            default -> throw RealtimeError.invalid("invalid_audio_format",
                    "Audio format not supported. Use audio/pcm, audio/pcmu, or audio/pcma.", param + ".type");
        }
    }
}
