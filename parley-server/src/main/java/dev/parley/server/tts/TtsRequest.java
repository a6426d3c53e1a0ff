package dev.parley.server.tts;

import dev.parley.audio.WireCodec;
import dev.parley.engines.text.Replacements;
import dev.parley.server.http.ApiException;
import dev.parley.server.http.Json;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/tts} (spec §5), validated. Unknown fields are ignored (spec §0.3).
 *
 * @param text              1..{@code maxTextChars} characters (code points), not blank
 * @param language          required (CONFLICT #7: the April reference requires it; 400 when missing); {@code auto}
 *                          detects
 * @param voiceId           default {@code eve}; resolved against the catalog by the handler
 * @param format            codec, rate, bit rate
 * @param speed             0.7..1.5
 * @param latency           {@code optimize_streaming_latency} 0..2 (CONFLICT #9: accept 0-2)
 * @param normalize         {@code text_normalization}, default false
 * @param withTimestamps    JSON response with base64 audio and character times
 * @param replace           pronunciation substitutions, bounded by the settings ({@link #replace})
 */
record TtsRequest(String text, String language, String voiceId, OutputFormat format, double speed, int latency,
        boolean normalize, boolean withTimestamps, Replacements replace) {

    /**
     * Parses and validates a request body.
     *
     * @throws ApiException 400 naming the offending field
     */
    static TtsRequest parse(byte[] body, TtsSettings settings) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest(Json.malformed("Malformed JSON body", e));
        }
        if (root == null || !root.isObject()) throw ApiException.badRequest("Request body must be a JSON object");

        JsonNode t = root.get("text");
        if (t == null || t.isNull()) throw ApiException.badRequest("Missing required field 'text'");
        if (!t.isString()) throw ApiException.badRequest("Field 'text' must be a string");
        String text = t.stringValue();
        checkText(text, "text", settings.maxTextChars());

        JsonNode l = root.get("language");
        if (l == null || l.isNull()) {
            throw ApiException.badRequest("Missing required field 'language' (a language code such as 'en', or 'auto')");
        }
        if (!l.isString() || l.stringValue().isBlank()) {
            throw ApiException.badRequest("Field 'language' must be a non-empty string");
        }

        String voice = optString(root, "voice_id", "eve");
        OutputFormat format = format(root.get("output_format"));
        double speed = optNumber(root, "speed", 1.0);
        if (!(speed >= 0.7 && speed <= 1.5)) throw ApiException.badRequest("Field 'speed' must be between 0.7 and 1.5");
        int latency = optInt(root, "optimize_streaming_latency", 0);
        if (latency < 0 || latency > 2) {
            throw ApiException.badRequest("Field 'optimize_streaming_latency' must be 0, 1 or 2");
        }
        boolean normalize = optBool(root, "text_normalization", false);
        boolean timestamps = optBool(root, "with_timestamps", false);
        Replacements replace = replace(root.get("replace"), "replace", settings);
        return new TtsRequest(text, l.stringValue().strip(), voice, format, speed, latency, normalize, timestamps,
                replace);
    }

    /** Checks a text or delta: not empty, at most {@code max} characters. */
    static void checkText(String text, String field, int max) {
        if (text.isBlank()) throw ApiException.badRequest("Field '" + field + "' must not be empty");
        int n = text.codePointCount(0, text.length());
        if (n > max) {
            throw ApiException.badRequest("Field '" + field + "' is " + n + " characters long; the limit is " + max);
        }
    }

    /**
     * A {@code replace} map (REST body, WebSocket {@code session.update}), validated against the settings' bounds and
     * compiled; the text it makes is bounded by {@code maxTextChars}. Empty keys are ignored.
     *
     * @param field the field's name in messages
     * @throws ApiException 400 naming the field: not an object of strings, more than {@code maxReplacements} entries,
     *                      a key or value longer than {@code maxReplacementChars}
     */
    static Replacements replace(JsonNode r, String field, TtsSettings settings) {
        if (r == null || r.isNull()) return Replacements.NONE;
        if (!r.isObject()) throw ApiException.badRequest("Field '" + field + "' must be an object of strings");
        if (r.size() > settings.maxReplacements()) {
            throw ApiException.badRequest("Field '" + field + "' has " + r.size() + " entries; the limit is "
                    + settings.maxReplacements());
        }
        int max = settings.maxReplacementChars();
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : r.properties()) {
            String key = e.getKey();
            String shown = key.length() > 40 ? key.substring(0, 40) + "..." : key;
            if (!e.getValue().isString()) {
                throw ApiException.badRequest("Field '" + field + "." + shown + "' must be a string");
            }
            String value = e.getValue().stringValue();
            int keyChars = key.codePointCount(0, key.length());
            if (keyChars > max) {
                throw ApiException.badRequest("Field '" + field + "' has a key of " + keyChars + " characters ('"
                        + shown + "'); the limit is " + max);
            }
            int valueChars = value.codePointCount(0, value.length());
            if (valueChars > max) {
                throw ApiException.badRequest("Field '" + field + "." + shown + "' is " + valueChars
                        + " characters long; the limit is " + max);
            }
            if (!key.isEmpty()) out.put(key, value);
        }
        return Replacements.of(out, settings.maxTextChars());
    }

    private static OutputFormat format(JsonNode f) {
        if (f == null || f.isNull()) return OutputFormat.DEFAULT;
        if (!f.isObject()) throw ApiException.badRequest("Field 'output_format' must be an object");
        // The codec is required inside output_format per DOC-TTS; Parley defaults it to mp3 rather than fail.
        WireCodec codec = OutputFormat.codec(optString(f, "codec", "mp3", "output_format.codec"));
        int rate = optInt(f, "sample_rate", OutputFormat.DEFAULT_SAMPLE_RATE, "output_format.sample_rate");
        int bitRate = codec == WireCodec.MP3
                ? optInt(f, "bit_rate", OutputFormat.DEFAULT_BIT_RATE, "output_format.bit_rate")
                : OutputFormat.DEFAULT_BIT_RATE;
        return new OutputFormat(codec, rate, bitRate);
    }

    private static String optString(JsonNode o, String name, String dflt) {
        return optString(o, name, dflt, name);
    }

    private static String optString(JsonNode o, String name, String dflt, String path) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) return dflt;
        if (!v.isString()) throw ApiException.badRequest("Field '" + path + "' must be a string");
        return v.stringValue();
    }

    private static int optInt(JsonNode o, String name, int dflt) {
        return optInt(o, name, dflt, name);
    }

    private static int optInt(JsonNode o, String name, int dflt, String path) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) return dflt;
        if (v.isIntegralNumber() && v.canConvertToInt()) return v.intValue();
        if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()) && Math.abs(v.doubleValue()) < 1e9) {
            return (int) v.doubleValue();
        }
        throw ApiException.badRequest("Field '" + path + "' must be an integer");
    }

    private static double optNumber(JsonNode o, String name, double dflt) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) return dflt;
        if (!v.isNumber()) throw ApiException.badRequest("Field '" + name + "' must be a number");
        return v.doubleValue();
    }

    private static boolean optBool(JsonNode o, String name, boolean dflt) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) throw ApiException.badRequest("Field '" + name + "' must be true or false");
        return v.booleanValue();
    }
}
