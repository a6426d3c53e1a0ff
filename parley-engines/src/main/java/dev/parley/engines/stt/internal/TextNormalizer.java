package dev.parley.engines.stt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text normalisation {@link WordAligner} pairs words with (the word error rate rule of
 * {@code shared/speech/README.md}; parley-bench's WER scorer keeps its own copy of the rule): lower-case; split
 * hyphens and dashes; spell numbers as words ({@link NumberWords#spell}, with "$5" - "five dollars" and "5%" - "five
 * percent"); remove punctuation except apostrophes, then drop apostrophes ("Linnell's" - "linnells"); split on
 * whitespace. Pure, thread-safe.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    /** The normalised words of a text. */
    public static List<String> words(String text) {
        String s = text.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'')
                .replaceAll("[-\u2010\u2011\u2012\u2013\u2014\u2015]", " ");
        List<String> out = new ArrayList<>();
        for (String raw : s.split("\\s+")) {
            if (raw.isEmpty()) continue;
            for (String w : spellToken(raw).split(" ")) {
                String clean = w.replaceAll("[^\\p{L}\\p{N}' ]", "").replace("'", "");
                if (!clean.isEmpty()) out.add(clean);
            }
        }
        return out;
    }

    /** The normalised text: {@link #words} joined with single spaces. */
    public static String normalize(String text) {
        return String.join(" ", words(text));
    }

    private static String spellToken(String raw) {
        // peel leading/trailing punctuation, keeping $ and % which change the words
        int a = 0;
        int b = raw.length();
        while (a < b && !Character.isLetterOrDigit(raw.charAt(a)) && raw.charAt(a) != '$') a++;
        while (b > a && !Character.isLetterOrDigit(raw.charAt(b - 1)) && raw.charAt(b - 1) != '%') b--;
        String core = raw.substring(a, b);
        boolean dollars = core.startsWith("$");
        boolean percent = core.endsWith("%");
        String num = core.substring(dollars ? 1 : 0, core.length() - (percent ? 1 : 0));
        String spelled = NumberWords.spell(num);
        if (spelled == null) {
            // digits glued to letters ("mp3", "4k"): spell the digit runs
            if (!num.matches(".*[0-9].*")) return raw;
            StringBuilder sb = new StringBuilder();
            for (String part : num.split("(?<=[0-9])(?=[^0-9])|(?<=[^0-9])(?=[0-9])")) {
                String sp = Character.isDigit(part.charAt(0)) ? NumberWords.spell(part) : part;
                sb.append(sb.isEmpty() ? "" : " ").append(sp == null ? part : sp);
            }
            return sb.toString();
        }
        if (dollars) spelled += " dollars";
        if (percent) spelled += " percent";
        return spelled;
    }
}
