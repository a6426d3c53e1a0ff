package dev.parley.bench.eval;

import java.util.Locale;

/**
 * Spells numbers as English words for WER scoring, the way they are usually spoken: cardinals ("42" - "forty two",
 * no "and", no hyphens), four-digit years in pairs ("1961" - "nineteen sixty one", "2005" - "two thousand five",
 * "2024" - "twenty twenty four"), decimals digit by digit after "point", ordinals ("21st" - "twenty first").
 *
 * <p>Written apart from the TTS front end's number reading on purpose: a scorer that shared code with the system it
 * scores would hide that code's mistakes. Pure, thread-safe.
 */
public final class NumberWords {
    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"};
    private static final String[] SCALES = {"", " thousand", " million", " billion", " trillion", " quadrillion",
            " quintillion"};

    private NumberWords() {}

    /** A non-negative integer as words: 0 - "zero", 167983 - "one hundred sixty seven thousand nine hundred eighty three". */
    public static String cardinal(long n) {
        if (n < 0) throw new IllegalArgumentException("negative: " + n);
        if (n == 0) return "zero";
        String out = "";
        for (int scale = 0; n > 0; scale++, n /= 1000) {
            int group = (int) (n % 1000);
            if (group != 0) out = join(belowThousand(group) + SCALES[scale], out);
        }
        return out;
    }

    /** A year, in pairs where that is how years are said ("nineteen oh five"); otherwise the cardinal. */
    public static String year(int y) {
        if (y < 1000 || y > 9999 || (y >= 2000 && y < 2010) || y % 1000 == 0) return cardinal(y);
        int hi = y / 100, lo = y % 100;
        if (lo == 0) return cardinal(hi) + " hundred";
        return cardinal(hi) + " " + (lo < 10 ? "oh " + ONES[lo] : belowHundred(lo));
    }

    /** An ordinal: 1 - "first", 21 - "twenty first", 100 - "one hundredth". */
    public static String ordinal(long n) {
        String c = cardinal(n);
        int cut = c.lastIndexOf(' ') + 1;
        String last = c.substring(cut);
        String ord = switch (last) {
            case "one" -> "first";
            case "two" -> "second";
            case "three" -> "third";
            case "five" -> "fifth";
            case "eight" -> "eighth";
            case "nine" -> "ninth";
            case "twelve" -> "twelfth";
            default -> last.endsWith("y") ? last.substring(0, last.length() - 1) + "ieth" : last + "th";
        };
        return c.substring(0, cut) + ord;
    }

    /**
     * Spells one token made of digits: "42", "1,234", "3.14", "1961" (year style for 4-digit numbers without a
     * comma), "21st", "007" (digit by digit when it has a leading zero). Returns null if the token is not a number.
     */
    public static String spell(String token) {
        if (token.isEmpty() || !Character.isDigit(token.charAt(0))) return null;
        String t = token;
        String suffix = null;
        String lower = t.toLowerCase(Locale.ROOT);
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

    private static String belowThousand(int n) {
        String hundreds = n >= 100 ? ONES[n / 100] + " hundred" : "";
        return n % 100 == 0 ? hundreds : join(hundreds, belowHundred(n % 100));
    }

    private static String belowHundred(int n) {
        if (n < 20) return ONES[n];
        return n % 10 == 0 ? TENS[n / 10] : TENS[n / 10] + " " + ONES[n % 10];
    }

    private static String digitByDigit(String digits) {
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (c < '0' || c > '9') continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(ONES[c - '0']);
        }
        return sb.toString();
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) return b;
        return b.isEmpty() ? a : a + " " + b;
    }
}
