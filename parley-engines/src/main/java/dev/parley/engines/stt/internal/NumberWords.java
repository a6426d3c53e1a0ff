package dev.parley.engines.stt.internal;

/**
 * Spells numbers as English words for {@link TextNormalizer} (the TTS front end's {@link dev.parley.engines.text.NumberWords}
 * without hyphens), the way they are usually spoken: cardinals ("42" - "forty two", no "and"),
 * four-digit years in pairs ("1961" - "nineteen sixty one", "2005" - "two thousand five", "2024" - "twenty twenty
 * four"), decimals digit by digit after "point", ordinals ("21st" - "twenty first"). Pure, thread-safe.
 */
public final class NumberWords {
    private NumberWords() {}

    /** A non-negative integer as words: 0 - "zero", 167983 - "one hundred sixty seven thousand nine hundred eighty three". */
    public static String cardinal(long n) {
        return dev.parley.engines.text.NumberWords.cardinal(n).replace('-', ' ');
    }

    /** A year, in pairs where that is how years are said; otherwise the cardinal. */
    public static String year(int y) {
        return dev.parley.engines.text.NumberWords.year(y).replace('-', ' ');
    }

    /** An ordinal: 1 - "first", 21 - "twenty first", 100 - "one hundredth". */
    public static String ordinal(long n) {
        return dev.parley.engines.text.NumberWords.ordinal(n).replace('-', ' ');
    }

    /**
     * Spells one token made of digits: "42", "1,234", "3.14", "1961" (year style for 4-digit numbers without a
     * comma), "21st", "007" (digit by digit when it has a leading zero). Returns null if the token is not a number.
     */
    public static String spell(String token) {
        if (token.isEmpty() || !Character.isDigit(token.charAt(0))) return null;
        String t = token;
        String suffix = null;
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        for (String s : new String[] {"st", "nd", "rd", "th"}) {
            if (lower.endsWith(s) && lower.length() > 2 && Character.isDigit(lower.charAt(lower.length() - 3))) {
                suffix = s;
                t = t.substring(0, t.length() - 2);
                break;
            }
        }
        if (!t.matches("[0-9][0-9,]*(\\.[0-9]+)?")) return null;
        if (suffix != null) {
            if (!t.matches("[0-9,]+")) return null;
            return ordinal(Long.parseLong(t.replace(",", "")));
        }
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        String digits = whole.replace(",", "");
        if (digits.length() > 15) return digitByDigit(digits);
        String words;
        if (digits.length() > 1 && digits.charAt(0) == '0') words = digitByDigit(digits);
        else if (!whole.contains(",") && digits.length() == 4 && dot < 0) words = year(Integer.parseInt(digits));
        else words = cardinal(Long.parseLong(digits));
        if (dot >= 0) words += " point " + digitByDigit(t.substring(dot + 1));
        return words;
    }

    private static String digitByDigit(String digits) {
        return dev.parley.engines.text.NumberWords.digits(digits);
    }
}
