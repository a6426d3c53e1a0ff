package dev.parley.server.realtime.internal;

import tools.jackson.databind.JsonNode;

/**
 * Reads the typed scalar fields of a client's JSON (the realtime client events and the {@code session} object) by
 * type and range, the one place that turns a JSON value into a number: no caller converts an unchecked node (Jackson
 * fails such a conversion with its own text, which must never reach a client or close a session). Every refusal is a
 * {@link RealtimeError} of type {@code invalid_request_error} naming the field in {@code param}; its code is
 * {@code invalid_value} (the spec's §4.7 code for a bad parameter, whether the type or the value is wrong) unless the
 * caller names another. The message never quotes the value sent.
 *
 * <p>Each method takes the field's node as found ({@code parent.get(name)}, possibly null) and returns null when the
 * field is absent or JSON {@code null}. Stateless and thread-safe.
 */
public final class JsonFields {
    private JsonFields() {}

    /** The code of a refused field. */
    public static final String INVALID_VALUE = "invalid_value";

    /** An integer in {@code [min, max]}, or null; whole-valued decimals ({@code 500.0}, {@code 5e2}) are integers. */
    public static Integer optInt(JsonNode v, String param, int min, int max) {
        return optInt(v, param, min, max, INVALID_VALUE);
    }

    /** {@link #optInt(JsonNode, String, int, int)} refused with {@code code}. */
    public static Integer optInt(JsonNode v, String param, int min, int max, String code) {
        Long n = optLong(v, param, min, max, code);
        return n == null ? null : Math.toIntExact(n);
    }

    /** An integer in {@code [min, max]}, or null. */
    public static Long optLong(JsonNode v, String param, long min, long max) {
        return optLong(v, param, min, max, INVALID_VALUE);
    }

    private static Long optLong(JsonNode v, String param, long min, long max, String code) {
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber()) {
            if (v.canConvertToLong()) {
                long n = v.longValue();
                if (n >= min && n <= max) return n;
            }
        } else if (v.isNumber()) {
            double d = v.doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && d >= min && d <= max) return (long) d;
        }
        throw new RealtimeError("invalid_request_error", code,
                name(param) + " must be an integer from " + min + " to " + max, param);
    }

    /** A number in {@code [min, max]}, or null. */
    public static Double optNumber(JsonNode v, String param, double min, double max) {
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (Double.isFinite(d) && d >= min && d <= max) return d;
        }
        throw RealtimeError.invalid(INVALID_VALUE, name(param) + " must be a number from " + min + " to " + max, param);
    }

    /** A boolean, or null. */
    public static Boolean optBoolean(JsonNode v, String param) {
        if (v == null || v.isNull()) return null;
        if (v.isBoolean()) return v.booleanValue();
        throw RealtimeError.invalid(INVALID_VALUE, name(param) + " must be true or false", param);
    }

    /** A string of at most {@code maxChars} characters, or null. */
    public static String optString(JsonNode v, String param, int maxChars) {
        if (v == null || v.isNull()) return null;
        if (!v.isString()) throw RealtimeError.invalid(INVALID_VALUE, name(param) + " must be a string", param);
        String s = v.stringValue();
        if (s.length() > maxChars) {
            throw RealtimeError.invalid(INVALID_VALUE, name(param) + " is " + s.length()
                    + " characters long, more than the " + maxChars + " allowed", param);
        }
        return s;
    }

    /**
     * {@code s} for an error message: at most 64 characters of it, in single quotes ({@code '…'} marks a cut), so a
     * message never carries a client's long string back.
     */
    public static String quote(String s) {
        return "'" + (s.length() <= 64 ? s : s.substring(0, 64) + "…") + "'";
    }

    /** The field's own name: the last segment of {@code param} ({@code session.turn_detection.threshold}). */
    private static String name(String param) {
        return param.substring(param.lastIndexOf('.') + 1);
    }
}
