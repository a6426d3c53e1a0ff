package dev.parley.engines.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into chunks for incremental synthesis: sentences, and clauses (at {@code , ; : —}) of sentences
 * longer than the limit, so the first audio is ready after the first chunk. Text of any length (15,000 characters
 * and more) is split in one linear pass. Stateless and thread-safe.
 */
public final class SentenceSplitter {
    private SentenceSplitter() {}

    /**
     * One chunk.
     *
     * @param text        the words, trimmed, never blank
     * @param sentenceEnd whether the chunk ends a sentence
     */
    public record Chunk(String text, boolean sentenceEnd) {}

    /** Splits with one limit for every chunk. */
    public static List<Chunk> split(String text, int maxChars) {
        return split(text, maxChars, maxChars);
    }

    /**
     * Splits {@code text} into sentences, cutting a sentence longer than the limit at clause punctuation, else at a
     * space, else hard.
     *
     * @param firstMaxChars limit for the first chunk (smaller for a fast first audio)
     * @param maxChars      limit for the other chunks
     */
    public static List<Chunk> split(String text, int firstMaxChars, int maxChars) {
        if (firstMaxChars < 8 || maxChars < 8) throw new IllegalArgumentException("chunk limit too small");
        return split(text, i -> i == 0 ? firstMaxChars : maxChars);
    }

    /**
     * Splits {@code text} into sentences, cutting a sentence longer than its chunk's limit at clause punctuation,
     * else at a space, else hard.
     *
     * @param limitOfChunk the limit of the chunk with this index in the result (at least 8)
     */
    public static List<Chunk> split(String text, java.util.function.IntUnaryOperator limitOfChunk) {
        List<Chunk> out = new ArrayList<>();
        for (String sentence : sentences(text)) {
            String rest = sentence;
            while (!rest.isEmpty()) {
                int limit = limitOfChunk.applyAsInt(out.size());
                if (rest.length() <= limit) {
                    out.add(new Chunk(rest, true));
                    break;
                }
                int cut = cutPoint(rest, limit);
                String head = rest.substring(0, cut).strip();
                rest = rest.substring(cut).strip();
                if (!head.isEmpty()) out.add(new Chunk(head, rest.isEmpty()));
            }
        }
        return out;
    }

    /** Where to cut a too-long sentence: after the last clause mark within the limit, else at the last space. */
    private static int cutPoint(String s, int limit) {
        int min = Math.max(1, limit / 4);
        for (int i = Math.min(limit, s.length() - 1); i >= min; i--) {
            char c = s.charAt(i - 1);
            if ((c == ',' || c == ';' || c == ':' || c == '—' || c == '–' || c == '、' || c == '，' || c == '；')
                    && (i >= s.length() || Character.isWhitespace(s.charAt(i)) || c > 0x2000)) {
                return i;
            }
        }
        for (int i = Math.min(limit, s.length() - 1); i >= min; i--) {
            if (Character.isWhitespace(s.charAt(i))) return i;
        }
        int cut = Math.min(limit, s.length());
        if (Character.isHighSurrogate(s.charAt(cut - 1))) cut--;
        return cut;
    }

    /** Sentences of {@code text}, trimmed, blank ones dropped. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int end : boundaries(text)) {
            add(out, text.substring(start, end));
            start = end;
        }
        add(out, text.substring(start));
        return out;
    }

    /**
     * Index just after the last complete sentence of {@code text} (a sentence end followed by whitespace, or a
     * paragraph break), or {@code -1} when no sentence is complete yet. For text that arrives in pieces.
     */
    public static int lastBoundary(String text) {
        List<Integer> b = boundaries(text);
        for (int i = b.size() - 1; i >= 0; i--) {
            int end = b.get(i);
            if (end < text.length()) return end;
        }
        return -1;
    }

    /** End offsets (exclusive) of the sentences of {@code text}, not counting the end of the text itself. */
    private static List<Integer> boundaries(String text) {
        List<Integer> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' && i + 1 < n && text.charAt(i + 1) == '\n') {
                out.add(i + 1);
            } else if (c == '。' || c == '！' || c == '？') {
                out.add(i + 1);
            } else if (c == '.' || c == '!' || c == '?' || c == '…') {
                int j = i + 1;
                while (j < n && ".!?…".indexOf(text.charAt(j)) >= 0) j++;
                while (j < n && "\"')]}»”’".indexOf(text.charAt(j)) >= 0) j++;
                boolean atEnd = j >= n;
                boolean spaceAfter = !atEnd && Character.isWhitespace(text.charAt(j));
                if ((atEnd || spaceAfter) && !(c == '.' && !atEnd && (isInitial(text, i) || isAbbreviation(text, i)))) {
                    if (!atEnd) out.add(j);
                }
                i = j;
                continue;
            }
            i++;
        }
        return out;
    }

    /** "J. R. R. Tolkien": a single capital letter before the period is an initial, not a sentence end. */
    private static boolean isInitial(String text, int dot) {
        if (dot < 1 || !Character.isUpperCase(text.charAt(dot - 1))) return false;
        return dot == 1 || !Character.isLetter(text.charAt(dot - 2));
    }

    private static final java.util.Set<String> ABBREVIATIONS = java.util.Set.of("mr", "mrs", "ms", "dr", "prof", "st",
            "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "mt", "sgt", "capt", "gen", "col", "lt", "gov", "sen", "rep",
            "inc", "ltd", "co", "approx", "dept", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
            "oct", "nov", "dec");

    /** "Mr. Smith": a known abbreviation before the period followed by more text is not a sentence end. */
    private static boolean isAbbreviation(String text, int dot) {
        int s = dot;
        while (s > 0 && (Character.isLetter(text.charAt(s - 1)) || text.charAt(s - 1) == '.')) s--;
        return ABBREVIATIONS.contains(text.substring(s, dot).toLowerCase(java.util.Locale.ROOT));
    }

    private static void add(List<String> out, String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        if (!t.isEmpty()) out.add(t);
    }
}
