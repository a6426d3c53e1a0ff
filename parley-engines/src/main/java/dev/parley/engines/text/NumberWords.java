package dev.parley.engines.text;

import java.math.BigInteger;

/** English number words: cardinals, ordinals, years, digit strings. Stateless and thread-safe. */
public final class NumberWords {
    private NumberWords() {}

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"};
    private static final String[] SCALES = {"", "thousand", "million", "billion", "trillion", "quadrillion"};
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    /** {@code 1234} → "one thousand two hundred thirty-four"; negative numbers start with "minus". */
    public static String cardinal(long n) {
        return cardinal(BigInteger.valueOf(n));
    }

    /** Cardinal of any integer up to the quadrillions; longer numbers are read digit by digit. */
    public static String cardinal(BigInteger n) {
        if (n.signum() < 0) return "minus " + cardinal(n.negate());
        if (n.signum() == 0) return "zero";
        if (n.bitLength() > 62 || n.toString().length() > 18) return digits(n.toString());
        long v = n.longValue();
        StringBuilder sb = new StringBuilder();
        int scale = 0;
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        while (v > 0) {
            int chunk = (int) (v % 1000);
            if (chunk != 0) parts.push(below1000(chunk) + (SCALES[scale].isEmpty() ? "" : " " + SCALES[scale]));
            v /= 1000;
            scale++;
        }
        for (String p : parts) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(p);
        }
        return sb.toString();
    }

    private static String below1000(int n) {
        StringBuilder sb = new StringBuilder();
        if (n >= 100) {
            sb.append(ONES[n / 100]).append(" hundred");
            n %= 100;
            if (n > 0) sb.append(' ');
        }
        if (n > 0) sb.append(below100(n));
        return sb.toString();
    }

    private static String below100(int n) {
        if (n < 20) return ONES[n];
        return TENS[n / 10] + (n % 10 == 0 ? "" : "-" + ONES[n % 10]);
    }

    /** {@code 21} → "twenty-first". */
    public static String ordinal(long n) {
        String c = cardinal(n);
        int cut = Math.max(c.lastIndexOf(' '), c.lastIndexOf('-')) + 1;
        String head = c.substring(0, cut);
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
        return head + ord;
    }

    /** A year the way it is said: 1990 → "nineteen ninety", 2005 → "two thousand five", 2026 → "twenty twenty-six". */
    public static String year(int y) {
        if (y < 1000 || y > 9999) return cardinal(y);
        int hi = y / 100;
        int lo = y % 100;
        if (y >= 2000 && y < 2010) return cardinal(y);
        if (lo == 0) return y % 1000 == 0 ? cardinal(y) : cardinal(hi) + " hundred";
        return cardinal(hi) + " " + (lo < 10 ? "oh " + ONES[lo] : below100(lo));
    }

    /** "007" → "zero zero seven". */
    public static String digits(String ds) {
        StringBuilder sb = new StringBuilder();
        for (char c : ds.toCharArray()) {
            if (c < '0' || c > '9') continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(ONES[c - '0']);
        }
        return sb.toString();
    }
}
