package dev.parley.server.tts;

import dev.parley.audio.WireCodec;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.UnsupportedLanguageException;
import dev.parley.server.http.ApiException;
import dev.parley.server.voices.VoiceCatalog;
import dev.parley.server.ws.WsHandshake;
import java.util.Locale;

/**
 * The query parameters of a TTS WebSocket (spec §6.1), validated before the upgrade.
 *
 * @param voice          {@code voice} (default {@code eve}, case-insensitive); unknown: 404
 * @param language       {@code language}, default {@code auto} when missing (CONFLICT #7: the REST endpoint requires
 *                       it, the socket does not); an unsupported code: 400
 * @param format         {@code codec} (default mp3), {@code sample_rate} (24000), {@code bit_rate} (128000, mp3 only);
 *                       invalid: 400
 * @param speed          {@code speed} 0.7..1.5 (default 1)
 * @param latency        {@code optimize_streaming_latency} 0..2 (default 0; CONFLICT #9)
 * @param normalize      {@code text_normalization} (default false)
 * @param withTimestamps {@code with_timestamps}: {@code audio.delta} carries {@code audio_timestamps}
 */
record WsParams(VoiceCatalog.Entry voice, String language, OutputFormat format, double speed, int latency,
        boolean normalize, boolean withTimestamps) {

    /** @throws ApiException 400 or 404, which the router sends instead of upgrading */
    static WsParams parse(WsHandshake hs, TtsService service) {
        String v = hs.query("voice");
        VoiceCatalog.Entry voice = service.voice(v == null || v.isBlank() ? "eve" : v.strip(), 404);
        String language = hs.query("language");
        if (language == null || language.isBlank()) language = "auto";
        language = language.strip();
        if (!language.equalsIgnoreCase("auto")) {
            try {
                Languages.resolve(language, "");
            } catch (UnsupportedLanguageException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        String c = hs.query("codec");
        WireCodec codec = OutputFormat.codec(c == null ? "mp3" : c);
        int rate = intParam(hs, "sample_rate", OutputFormat.DEFAULT_SAMPLE_RATE);
        int bitRate = codec == WireCodec.MP3 ? intParam(hs, "bit_rate", OutputFormat.DEFAULT_BIT_RATE)
                : OutputFormat.DEFAULT_BIT_RATE;
        OutputFormat format = new OutputFormat(codec, rate, bitRate);
        double speed = 1.0;
        String s = hs.query("speed");
        if (s != null && !s.isBlank()) {
            try {
                speed = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Invalid speed '" + s + "': expected a number between 0.7 and 1.5");
            }
            if (!(speed >= 0.7 && speed <= 1.5)) {
                throw ApiException.badRequest("Invalid speed " + s + ": expected a number between 0.7 and 1.5");
            }
        }
        int latency = intParam(hs, "optimize_streaming_latency", 0);
        if (latency < 0 || latency > 2) {
            throw ApiException.badRequest("Invalid optimize_streaming_latency " + latency + ": expected 0, 1 or 2");
        }
        return new WsParams(voice, language, format, speed, latency, boolParam(hs, "text_normalization"),
                boolParam(hs, "with_timestamps"));
    }

    private static int intParam(WsHandshake hs, String name, int dflt) {
        String v = hs.query(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid " + name + " '" + v + "': expected an integer");
        }
    }

    private static boolean boolParam(WsHandshake hs, String name) {
        String v = hs.query(name);
        if (v == null || v.isBlank()) return false;
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.badRequest("Invalid " + name + " '" + v + "': expected true or false");
        };
    }
}
