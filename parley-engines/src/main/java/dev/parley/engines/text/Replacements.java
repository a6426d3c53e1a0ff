package dev.parley.engines.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request's pronunciation substitutions (xAI's {@code replace} map, spec §5 and §6), compiled once and applied in
 * one left-to-right pass: at each place where a key may start, the longest key that matches there is replaced by its
 * value and the scan goes on after the key; a value is never scanned again, so a map whose keys chain ("a" → "bb",
 * "b" → "cc", ...) cannot make more than one value per key matched. Keys match whole words (a key that starts or
 * ends with a letter or digit does not match inside a word) and ignore case; among keys of the same length the one
 * whose case matches the text exactly wins.
 *
 * <p>Bounds: a dictionary carries the longest text it may make of one text handed to the front end
 * ({@link #maxChars()}; the server uses {@code tts.max_text_chars}, so the limit on a request's text holds after
 * substitution too). {@link #apply} stops as soon as the text it makes passes its limit and throws
 * {@link UnspeakableTextException}, so no more than that is ever built. The size of the map itself is the caller's to
 * bound (the server refuses maps with more than {@code tts.max_replacements} entries, or keys and values longer than
 * {@code tts.max_replacement_chars}); one pass reads each character of the text at most the longest key's length
 * times, with a binary search over the keys per read. The compiled form is the sorted keys themselves, so it takes no
 * more memory than the map.
 *
 * <p>Immutable and thread-safe.
 */
public final class Replacements {
    /** No substitutions (and no bound: the text stays as long as it was). */
    public static final Replacements NONE = new Replacements(Map.of(), Integer.MAX_VALUE);

    private final Map<String, String> entries;
    private final int maxChars;
    /** The keys case-folded ({@link #fold}), distinct and sorted: a key sorts before the keys it is a prefix of. */
    private final String[] folded;
    /** For each of {@link #folded}, the keys that fold to it, sorted. */
    private final String[][] keys;

    private Replacements(Map<String, String> entries, int maxChars) {
        this.entries = entries;
        this.maxChars = maxChars;
        TreeMap<String, List<String>> byFolded = new TreeMap<>();
        // sorted, so that among keys that differ only in case the first in order wins where none matches exactly
        for (String k : new TreeMap<>(entries).keySet()) {
            byFolded.computeIfAbsent(fold(k), f -> new ArrayList<>(1)).add(k);
        }
        this.folded = byFolded.keySet().toArray(String[]::new);
        this.keys = byFolded.values().stream().map(l -> l.toArray(String[]::new)).toArray(String[][]::new);
    }

    /**
     * Compiles {@code map}; entries with an empty or null key, or a null value, are ignored.
     *
     * @param map      key to spoken substitution, may be null or empty
     * @param maxChars the longest text the substitutions may make of one text, in code points (at least 1)
     */
    public static Replacements of(Map<String, String> map, int maxChars) {
        if (maxChars < 1) throw new IllegalArgumentException("maxChars must be at least 1: " + maxChars);
        if (map == null || map.isEmpty()) return NONE;
        Map<String, String> m = new HashMap<>();
        map.forEach((k, v) -> {
            if (k != null && !k.isEmpty() && v != null) m.put(k, v);
        });
        return m.isEmpty() ? NONE : new Replacements(Map.copyOf(m), maxChars);
    }

    /** The longest text these substitutions may make of one text, in code points. */
    public int maxChars() {
        return maxChars;
    }

    /** The substitutions, key to value (unordered). */
    public Map<String, String> entries() {
        return entries;
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The text with every key replaced, in one pass (see the class comment). Reads each character of {@code text}
     * at most {@code 2 +} the longest key's length times; the result is at most {@code maxChars} code points.
     * Linear in the text's length for a given map.
     *
     * @param maxChars the longest result allowed, in code points ({@link #maxChars()} or what is left of it when
     *                 one text is applied in pieces)
     * @throws UnspeakableTextException when the result would be longer than {@code maxChars}
     */
    public String apply(CharSequence text, int maxChars) {
        int n = text.length();
        StringBuilder out = new StringBuilder(Math.min(n, maxChars) + 16);
        int outChars = 0;
        int copyFrom = 0;
        int i = 0;
        while (i < n) {
            int g = folded.length == 0 ? -1 : match(text, i);
            if (g < 0) {
                i++;
                continue;
            }
            int end = i + folded[g].length();
            String key = chosenKey(g, text, i, end);
            outChars += codePoints(text, copyFrom, i);
            String value = entries.get(key);
            outChars += value.codePointCount(0, value.length());
            if (outChars > maxChars) throw tooLong();
            out.append(text, copyFrom, i).append(value);
            i = end;
            copyFrom = end;
        }
        outChars += codePoints(text, copyFrom, n);
        if (outChars > maxChars) throw tooLong();
        return out.append(text, copyFrom, n).toString();
    }

    private UnspeakableTextException tooLong() {
        return new UnspeakableTextException("the 'replace' substitutions make the text longer than the limit of "
                + maxChars + " characters");
    }

    private static int codePoints(CharSequence s, int from, int to) {
        return Character.codePointCount(s, from, to);
    }

    /**
     * The longest key matching at {@code start} as a whole word, as its index in {@link #folded}, or -1. Walks the
     * text from {@code start} narrowing the range of {@link #folded} that shares the characters read so far (a binary
     * search per character), so it reads at most the longest key's length of characters and needs no structure
     * beyond the sorted keys.
     */
    private int match(CharSequence text, int start) {
        int n = text.length();
        boolean wordBefore = start > 0 && wordChar(Character.codePointBefore(text, start));
        int best = -1;
        int lo = 0;
        int hi = folded.length;
        for (int d = 0; ; d++) {
            // Every key in [lo, hi) starts with text[start, start + d); one that is exactly as long sorts first.
            if (lo < hi && folded[lo].length() == d) {
                String key = folded[lo];
                boolean wordAfter = start + d < n && wordChar(Character.codePointAt(text, start + d));
                if (!(wordBefore && wordChar(key.codePointAt(0)))
                        && !(wordAfter && wordChar(key.codePointBefore(d)))) {
                    best = lo;
                }
                lo++;
            }
            if (lo >= hi || start + d >= n) return best;
            char c = fold(text.charAt(start + d));
            int from = firstAtLeast(lo, hi, d, c);
            if (c != Character.MAX_VALUE) hi = firstAtLeast(from, hi, d, (char) (c + 1));
            lo = from;
        }
    }

    /** The first index in {@code [lo, hi)} whose key's character at {@code d} is at least {@code c}, else {@code hi}. */
    private int firstAtLeast(int lo, int hi, int d, char c) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (folded[mid].charAt(d) < c) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The key of {@code text[start, end)}, which folds to {@code folded[g]}: the one of its case, else the first. */
    private String chosenKey(int g, CharSequence text, int start, int end) {
        String[] candidates = keys[g];
        if (candidates.length > 1) {
            CharSequence said = text.subSequence(start, end);
            for (String k : candidates) {
                if (k.contentEquals(said)) return k;
            }
        }
        return candidates[0];
    }

    /** Letters and numbers make words ({@code \p{L}\p{N}}). */
    private static boolean wordChar(int cp) {
        return Character.isLetter(cp) || switch (Character.getType(cp)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static String fold(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) c[i] = fold(c[i]);
        return new String(c);
    }

    @Override
    public String toString() {
        return "Replacements" + entries;
    }
}
