package dev.parley.engines.stt.eval;

/**
 * Spells numbers as English words, the way they are usually spoken: cardinals ("42" - "forty two", no "and"),
 * four-digit years in pairs ("1961" - "nineteen sixty one", "2005" - "two thousand five", "2024" - "twenty twenty
 * four"), decimals digit by digit after "point", ordinals ("21st" - "twenty first"). Pure, thread-safe.
 */
public final class NumberWords {
    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};
    private static final String[] SCALES = {"", "thousand", "million", "billion", "trillion", "quadrillion"};

    private NumberWords() {}

    /** A non-negative integer as words: 0 - "zero", 167983 - "one hundred sixty seven thousand nine hundred eighty three". */
    public static String cardinal(long n) {
        if (n < 0) return "minus " + cardinal(-n);
        if (n == 0) return "zero";
        StringBuilder sb = new StringBuilder();
        int scale = 0;
        String out = "";
        while (n > 0) {
            int group = (int) (n % 1000);
            if (group > 0) {
                String g = under1000(group) + (scale > 0 ? " " + SCALES[scale] : "");
                out = out.isEmpty() ? g : g + " " + out;
            }
            n /= 1000;
            scale++;
        }
        sb.append(out);
        return sb.toString();
    }

    /** A year, in pairs where that is how years are said; otherwise the cardinal. */
    public static String year(int y) {
        if (y >= 1100 && y <= 1999 && y % 100 != 0 || y >= 2010 && y <= 2099) {
            int hi = y / 100;
            int lo = y % 100;
            return cardinal(hi) + " " + (lo < 10 ? "oh " + ONES[lo] : under1000(lo));
        }
        if (y >= 1100 && y <= 1900 && y % 100 == 0) return cardinal(y / 100) + " hundred";
        return cardinal(y);
    }

    /** An ordinal: 1 - "first", 21 - "twenty first", 100 - "one hundredth". */
    public static String ordinal(long n) {
        String c = cardinal(n);
        int sp = c.lastIndexOf(' ');
        String head = sp < 0 ? "" : c.substring(0, sp + 1);
        String last = c.substring(sp + 1);
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
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(ONES[c - '0']);
        }
        return sb.toString();
    }

    private static String under1000(int n) {
        StringBuilder sb = new StringBuilder();
        if (n >= 100) {
            sb.append(ONES[n / 100]).append(" hundred");
            n %= 100;
            if (n > 0) sb.append(' ');
        }
        if (n >= 20) {
            sb.append(TENS[n / 10]);
            if (n % 10 > 0) sb.append(' ').append(ONES[n % 10]);
        } else if (n > 0 || sb.isEmpty()) {
            sb.append(ONES[n]);
        }
        return sb.toString();
    }
}
