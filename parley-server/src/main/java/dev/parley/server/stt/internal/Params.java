package dev.parley.server.stt.internal;

import dev.parley.audio.WireCodec;
import dev.parley.server.http.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validation of the STT request parameters shared by {@code POST /v1/stt} (form fields) and {@code GET /v1/stt}
 * (query parameters), spec §8/§9.1. Every problem is an {@link ApiException} 400 naming the parameter and what it
 * accepts. Stateless.
 */
public final class Params {
    private Params() {}

    /** Sample rates of raw STT audio (spec §8, §9.1). */
    public static final List<Integer> SAMPLE_RATES = List.of(8000, 16000, 22050, 24000, 44100, 48000);
    /** STT formatting languages (spec §2.3). */
    public static final Set<String> LANGUAGES = Set.of("ar", "cs", "da", "nl", "en", "fil", "fr", "de", "hi", "id",
            "it", "ja", "ko", "mk", "ms", "fa", "pl", "pt", "ro", "ru", "es", "sv", "th", "tr", "vi");
    /** Container names accepted as {@code audio_format} hints (the container is detected from the bytes anyway). */
    public static final Set<String> CONTAINERS = Set.of("wav", "mp3", "ogg", "opus", "flac", "aac", "mp4", "m4a",
            "mkv", "webm");
    /** Transcription model names accepted in {@code model} (spec §2.1); all run the same local engines. */
    public static final Set<String> MODELS = Set.of("grok-voice-transcribe-1.0", "grok-voice-transcribe-2.0",
            "grok-transcribe", "grok-stt");
    /** Most keyterms, and longest keyterm (spec §11). */
    public static final int MAX_KEYTERMS = 100, MAX_KEYTERM_CHARS = 50;

    /** Raw encodings and the container hint of {@code audio_format}. */
    public sealed interface AudioFormat {
        record Raw(WireCodec format) implements AudioFormat {}

        record Container(String name) implements AudioFormat {}
    }

    /**
     * The value of the single-valued field {@code name}, or null when absent (an empty value counts as absent).
     *
     * @throws ApiException 400 when it is given more than once with different values (which one a client meant
     *                      cannot be told; repeated fields such as {@code keyterm} are read as lists instead)
     */
    static String first(Map<String, List<String>> p, String name) {
        List<String> v = p.get(name);
        if (v == null || v.isEmpty()) return null;
        String s = v.getFirst();
        for (String other : v) {
            if (!java.util.Objects.equals(strip(other), strip(s))) {
                throw ApiException.badRequest("'" + name + "' is given " + v.size() + " times with different values");
            }
        }
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    static boolean bool(Map<String, List<String>> p, String name, boolean dflt) {
        String v = first(p, name);
        if (v == null) return dflt;
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("Invalid value for '" + name + "': expected true or false, got '"
                    + v + "'");
        };
    }

    static Integer integer(Map<String, List<String>> p, String name, int min, int max) {
        String v = first(p, name);
        if (v == null) return null;
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid value for '" + name + "': expected an integer, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw ApiException.badRequest("Invalid value for '" + name + "': must be between " + min + " and " + max
                    + ", got " + n);
        }
        return n;
    }

    static Double number(Map<String, List<String>> p, String name, double min, double max) {
        String v = first(p, name);
        if (v == null) return null;
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid value for '" + name + "': expected a number, got '" + v + "'");
        }
        if (!(d >= min && d <= max)) {
            throw ApiException.badRequest("Invalid value for '" + name + "': must be between " + min + " and " + max
                    + ", got " + v);
        }
        return d;
    }

    /** {@code sample_rate} (alias {@code sample_rate_hertz}) from the allowed list, or null when absent. */
    static Integer sampleRate(Map<String, List<String>> p) {
        String name = first(p, "sample_rate") != null ? "sample_rate" : "sample_rate_hertz";
        String v = first(p, name);
        if (v == null) return null;
        Integer rate = null;
        try {
            rate = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (rate == null || !SAMPLE_RATES.contains(rate)) {
            throw ApiException.badRequest("Invalid value for '" + name + "': supported sample rates are "
                    + SAMPLE_RATES + ", got '" + v + "'");
        }
        return rate;
    }

    /** The requested language ({@code ""} when absent), checked against the STT languages by its primary subtag. */
    static String language(Map<String, List<String>> p) {
        String v = first(p, "language");
        if (v == null) return "";
        String primary = v.toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        if (!LANGUAGES.contains(primary)) {
            throw ApiException.badRequest("Unsupported language '" + v + "': supported languages are "
                    + String.join(", ", LANGUAGES.stream().sorted().toList()));
        }
        return v;
    }

    /** Keyterms: at most 100, each at most 50 characters. Accepted; the local engines do not use them. */
    static List<String> keyterms(Map<String, List<String>> p) {
        List<String> all = p.getOrDefault("keyterm", List.of());
        if (all.isEmpty()) all = p.getOrDefault("keyterms", List.of());
        if (all.size() > MAX_KEYTERMS) {
            throw ApiException.badRequest("Too many keyterms: at most " + MAX_KEYTERMS + ", got " + all.size());
        }
        for (String k : all) {
            if (k.length() > MAX_KEYTERM_CHARS) {
                throw ApiException.badRequest("Keyterm too long: at most " + MAX_KEYTERM_CHARS + " characters, got "
                        + k.length());
            }
        }
        return List.copyOf(all);
    }

    static String model(Map<String, List<String>> p) {
        String v = first(p, "model");
        if (v == null) return "";
        if (!MODELS.contains(v.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest("Unknown model '" + v + "': supported models are "
                    + String.join(", ", MODELS.stream().sorted().toList()));
        }
        return v;
    }

    /** {@code audio_format}: a raw encoding, a container hint, or null when absent. */
    static AudioFormat audioFormat(Map<String, List<String>> p, String name) {
        String v = first(p, name);
        if (v == null) return null;
        String lower = v.toLowerCase(Locale.ROOT);
        if (CONTAINERS.contains(lower)) return new AudioFormat.Container(lower);
        try {
            return new AudioFormat.Raw(WireCodec.parse(v, WireCodec.RAW));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Unsupported " + name + " '" + v + "': expected pcm, mulaw or alaw for raw "
                    + "audio (or a container name: " + String.join(", ", CONTAINERS.stream().sorted().toList()) + ")");
        }
    }

    /** Throws a 400 when both the primary and the alias name are given with different values. */
    static void noConflict(Map<String, List<String>> p, String a, String b) {
        String x = first(p, a), y = first(p, b);
        if (x != null && y != null && !x.equals(y)) {
            throw ApiException.badRequest("Conflicting '" + a + "' and '" + b + "'");
        }
    }
}
