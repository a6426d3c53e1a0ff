package dev.parley.engines.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Splits text into chunks for incremental synthesis: sentences, and clauses (at {@code , ; : —}) of sentences
 * longer than the limit, so the first audio is ready after the first chunk. Stateless and thread-safe.
 *
 * <p>Work: linear in the text's length whatever its shape (one 15,000-character word, 15,000 punctuation marks,
 * thousands of one-letter sentences): each character is read a bounded number of times, each chunk is copied once,
 * and no step copies or rescans the rest of the text.
 */
public final class SentenceSplitter {
    private SentenceSplitter() {}

    /** Sentence punctuation and the closing quotes and brackets that stay with it. */
    private static final String ENDS = ".!?…";
    private static final String CLOSERS = "\"')]}»”’";
    /** The longest abbreviation in {@link #ABBREVIATIONS} plus room for its dots. */
    private static final int MAX_ABBREVIATION = 8;

    /**
     * One chunk.
     *
     * @param text        the words, trimmed, never blank
     * @param sentenceEnd whether the chunk ends a sentence
     */
    public record Chunk(String text, boolean sentenceEnd) {}

    /** Splits with one limit for every chunk. */
    public static List<Chunk> split(CharSequence text, int maxChars) {
        return split(text, maxChars, maxChars);
    }

    /**
     * Splits {@code text} into sentences, cutting a sentence longer than the limit at clause punctuation, else at a
     * space, else hard.
     *
     * @param firstMaxChars limit for the first chunk (smaller for a fast first audio)
     * @param maxChars      limit for the other chunks
     */
    public static List<Chunk> split(CharSequence text, int firstMaxChars, int maxChars) {
        if (firstMaxChars < 8 || maxChars < 8) throw new IllegalArgumentException("chunk limit too small");
        return split(text, i -> i == 0 ? firstMaxChars : maxChars);
    }

    /**
     * Splits {@code text} into sentences, cutting a sentence longer than its chunk's limit at clause punctuation,
     * else at a space, else hard.
     *
     * @param limitOfChunk the limit of the chunk with this index in the result (at least 8)
     */
    public static List<Chunk> split(CharSequence text, IntUnaryOperator limitOfChunk) {
        List<Chunk> out = new ArrayList<>();
        List<Integer> ends = boundaries(text, 0);
        ends.add(text.length());
        int from = 0;
        for (int sentenceEnd : ends) {
            int start = skipWhitespace(text, from, sentenceEnd);
            int end = sentenceEnd;
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
            from = sentenceEnd;
            while (start < end) {
                int limit = limitOfChunk.applyAsInt(out.size());
                if (end - start <= limit) {
                    out.add(new Chunk(Chars.collapseWhitespace(text, start, end), true));
                    break;
                }
                int cut = cutPoint(text, start, end, limit);
                String head = Chars.collapseWhitespace(text, start, cut);
                start = skipWhitespace(text, cut, end);
                if (!head.isEmpty()) out.add(new Chunk(head, start >= end));
            }
        }
        return out;
    }

    private static int skipWhitespace(CharSequence s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) from++;
        return from;
    }

    /**
     * Where to cut {@code s[start, end)}, too long for {@code limit}: after the last clause mark within the limit,
     * else at the last space, else hard (never inside a surrogate pair). Reads at most {@code 3 * limit} characters;
     * the cut is at least {@code limit / 4} characters after {@code start}, so the work per character cut off is
     * bounded.
     */
    private static int cutPoint(CharSequence s, int start, int end, int limit) {
        int len = end - start;
        int min = Math.max(1, limit / 4);
        for (int i = Math.min(limit, len - 1); i >= min; i--) {
            char c = s.charAt(start + i - 1);
            if ((c == ',' || c == ';' || c == ':' || c == '—' || c == '–' || c == '、' || c == '，' || c == '；')
                    && (i >= len || Character.isWhitespace(s.charAt(start + i)) || c > 0x2000)) {
                return start + i;
            }
        }
        for (int i = Math.min(limit, len - 1); i >= min; i--) {
            if (Character.isWhitespace(s.charAt(start + i))) return start + i;
        }
        int cut = Math.min(limit, len);
        if (Character.isHighSurrogate(s.charAt(start + cut - 1))) cut--;
        return start + cut;
    }

    /** Sentences of {@code text}, with runs of whitespace made one space, trimmed, blank ones dropped. */
    public static List<String> sentences(CharSequence text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int end : boundaries(text, 0)) {
            add(out, text, start, end);
            start = end;
        }
        add(out, text, start, text.length());
        return out;
    }

    /**
     * Index just after the last complete sentence of {@code text} (a sentence end followed by whitespace, or a
     * paragraph break), or {@code -1} when no sentence is complete yet. For text that arrives in pieces.
     */
    public static int lastBoundary(CharSequence text) {
        return lastBoundary(text, 0);
    }

    /**
     * As {@link #lastBoundary(CharSequence)}, for text whose part before {@code from} was already searched and held
     * no complete sentence: only sentence ends that the text from {@code from} on completes are looked for, so a
     * caller that appends text and asks again reads each character a bounded number of times. (A sentence end whose
     * run of punctuation before {@code from} is longer than 16 characters is judged from inside the run.)
     */
    public static int lastBoundary(CharSequence text, int from) {
        int start = Math.max(0, Math.min(from, text.length()) - 1);
        int floor = Math.max(0, start - 16);
        while (start > floor && (ENDS.indexOf(text.charAt(start - 1)) >= 0 || CLOSERS.indexOf(text.charAt(start - 1)) >= 0)) {
            start--;
        }
        List<Integer> b = boundaries(text, start);
        for (int i = b.size() - 1; i >= 0; i--) {
            int end = b.get(i);
            if (end < text.length()) return end;
        }
        return -1;
    }

    /** End offsets (exclusive) of the sentences of {@code text} from {@code from} on, not counting its end. */
    private static List<Integer> boundaries(CharSequence text, int from) {
        List<Integer> out = new ArrayList<>();
        int n = text.length();
        int i = from;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' && i + 1 < n && text.charAt(i + 1) == '\n') {
                out.add(i + 1);
            } else if (c == '。' || c == '！' || c == '？') {
                out.add(i + 1);
            } else if (ENDS.indexOf(c) >= 0) {
                int j = i + 1;
                while (j < n && ENDS.indexOf(text.charAt(j)) >= 0) j++;
                while (j < n && CLOSERS.indexOf(text.charAt(j)) >= 0) j++;
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
    private static boolean isInitial(CharSequence text, int dot) {
        if (dot < 1 || !Character.isUpperCase(text.charAt(dot - 1))) return false;
        return dot == 1 || !Character.isLetter(text.charAt(dot - 2));
    }

    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st",
            "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "mt", "sgt", "capt", "gen", "col", "lt", "gov", "sen", "rep",
            "inc", "ltd", "co", "approx", "dept", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
            "oct", "nov", "dec");

    /**
     * "Mr. Smith": a known abbreviation before the period followed by more text is not a sentence end. Looks back at
     * most {@value #MAX_ABBREVIATION} characters (a longer word is no abbreviation).
     */
    private static boolean isAbbreviation(CharSequence text, int dot) {
        int s = dot;
        while (s > 0 && dot - s <= MAX_ABBREVIATION
                && (Character.isLetter(text.charAt(s - 1)) || text.charAt(s - 1) == '.')) {
            s--;
        }
        if (dot - s > MAX_ABBREVIATION) return false;
        return ABBREVIATIONS.contains(text.subSequence(s, dot).toString().toLowerCase(Locale.ROOT));
    }

    private static void add(List<String> out, CharSequence text, int from, int to) {
        String t = Chars.collapseWhitespace(text, from, to);
        if (!t.isEmpty()) out.add(t);
    }
}
