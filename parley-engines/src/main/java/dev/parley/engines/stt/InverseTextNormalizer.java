package dev.parley.engines.stt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * English inverse text normalisation: spoken numbers to written form, for {@code format=true}.
 *
 * <p>Rules (written form chosen, in order of precedence):
 * <ul>
 *   <li>money: "twenty five dollars" - "$25", "one hundred and sixty seven thousand nine hundred eighty three
 *       dollars and fifteen cents" - "$167,983.15", "a thousand dollars" - "$1,000"; "five cents" - "5¢";
 *       "ten euros" - "€10". Money amounts always group thousands with commas.</li>
 *   <li>decimals: "three point five" - "3.5", "point five" - "0.5" (digits after "point" one by one).</li>
 *   <li>percent: "ten percent" - "10%", "three point five percent" - "3.5%" (digits even below ten).</li>
 *   <li>years: "nineteen sixty one" - "1961", "twenty twenty four" - "2024", "nineteen oh five" - "1905"
 *       (a pair of 11-20 and 10-99, as years are said).</li>
 *   <li>ordinals from ten up: "twenty first" - "21st"; "first" .. "ninth" stay words.</li>
 *   <li>cardinals: ten and above as digits ("forty two" - "42", "two thousand" - "2000"), thousands grouped with
 *       commas from 10,000 ("sixty seven thousand" - "67,000"); zero to nine stay words ("one of them"), except a
 *       run of three or more single digits, which is a digit string ("five five five one two" - "55512").</li>
 * </ul>
 * A number never spans punctuation ("twenty, five" stays two numbers); punctuation around a number is kept; a
 * rewritten group of words becomes one word spanning their times, with the lowest confidence among them.
 *
 * <p>Pure and thread-safe.
 */
public final class InverseTextNormalizer {
    private static final Map<String, Integer> UNITS = new HashMap<>();
    private static final Map<String, Integer> TEENS = new HashMap<>();
    private static final Map<String, Integer> TENS = new HashMap<>();
    private static final Map<String, Long> SCALES = Map.of("thousand", 1_000L, "million", 1_000_000L,
            "billion", 1_000_000_000L, "trillion", 1_000_000_000_000L);
    private static final Map<String, Long> ORDINALS = new HashMap<>();

    static {
        String[] u = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        for (int i = 0; i < u.length; i++) UNITS.put(u[i], i);
        String[] t = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"};
        for (int i = 0; i < t.length; i++) TEENS.put(t[i], 10 + i);
        String[] x = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        for (int i = 0; i < x.length; i++) TENS.put(x[i], 20 + 10 * i);
        String[] o = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"};
        for (int i = 0; i < o.length; i++) ORDINALS.put(o[i], (long) i + 1);
        String[] ot = {"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
            "seventeenth", "eighteenth", "nineteenth"};
        for (int i = 0; i < ot.length; i++) ORDINALS.put(ot[i], 10L + i);
        String[] ox = {"twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
            "ninetieth"};
        for (int i = 0; i < ox.length; i++) ORDINALS.put(ox[i], 20L + 10 * i);
        ORDINALS.put("hundredth", 100L);
        ORDINALS.put("thousandth", 1000L);
        ORDINALS.put("millionth", 1_000_000L);
    }

    private InverseTextNormalizer() {}

    /** Whether a language code is one this normaliser handles: English ("en", "en-US", "english", ...). */
    public static boolean supports(String language) {
        if (language == null) return false;
        String l = language.toLowerCase(Locale.ROOT);
        return l.equals("en") || l.startsWith("en-") || l.startsWith("en_") || l.equals("english");
    }

    /** Normalises a plain text (words split on whitespace). */
    public static String apply(String text) {
        List<SttWord> words = new ArrayList<>();
        for (String w : text.trim().split("\\s+")) if (!w.isEmpty()) words.add(new SttWord(w, 0, 0, 0));
        StringBuilder sb = new StringBuilder();
        for (SttWord w : apply(words)) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(w.text());
        }
        return sb.toString();
    }

    /** Normalises timed words; a rewritten group becomes one word spanning the group. The input is not changed. */
    public static List<SttWord> apply(List<SttWord> words) {
        List<Tok> toks = new ArrayList<>();
        for (int w = 0; w < words.size(); w++) {
            String text = words.get(w).text();
            int a = 0;
            int b = text.length();
            while (a < b && !Character.isLetterOrDigit(text.charAt(a))) a++;
            while (b > a && !Character.isLetterOrDigit(text.charAt(b - 1))) b--;
            String core = text.substring(a, b).toLowerCase(Locale.ROOT);
            String[] parts = core.split("-");
            for (int p = 0; p < parts.length; p++) {
                toks.add(new Tok(parts[p], w, p == 0, p == parts.length - 1,
                        p == 0 ? text.substring(0, a) : "", p == parts.length - 1 ? text.substring(b) : ""));
            }
        }
        List<SttWord> out = new ArrayList<>();
        int i = 0;
        while (i < toks.size()) {
            Match m = toks.get(i).first ? match(toks, i) : null;
            if (m == null) {
                // copy the whole word this token starts
                int w = toks.get(i).word;
                out.add(words.get(w));
                while (i < toks.size() && toks.get(i).word == w) i++;
                continue;
            }
            int firstWord = toks.get(i).word;
            int lastWord = toks.get(m.end - 1).word;
            double conf = 1.0;
            for (int w = firstWord; w <= lastWord; w++) conf = Math.min(conf, words.get(w).confidence());
            String text = toks.get(i).prefix + m.text + toks.get(m.end - 1).suffix;
            out.add(new SttWord(text, words.get(firstWord).start(), words.get(lastWord).end(), conf));
            i = m.end;
        }
        return out;
    }

    private record Tok(String s, int word, boolean first, boolean last, String prefix, String suffix) {}

    private record Match(String text, int end) {}

    private record Num(long value, int end, boolean simplePair, boolean ordinal, int words) {}

    private static Match match(List<Tok> t, int i) {
        String w = t.get(i).s;
        // "point five" with no number before
        if (w.equals("point")) {
            String frac = fraction(t, i);
            if (frac != null) return percentOrPlain(t, i + 1 + frac.length(), "0." + frac);
            return null;
        }
        Num n = cardinal(t, i);
        if (n == null) return null;
        int end = n.end;
        if (n.ordinal) {
            if (n.value < 10) return null;
            return new Match(n.value + suffix(n.value), end);
        }
        // year: "nineteen sixty one", "twenty twenty four", "nineteen oh five"
        if (n.simplePair && n.value >= 11 && n.value <= 20 && canContinue(t, end)) {
            Num lo = cardinal(t, end);
            if (lo != null && lo.simplePair && !lo.ordinal && lo.value >= 10 && lo.value <= 99) {
                return new Match(Long.toString(n.value * 100 + lo.value), lo.end);
            }
            if (t.get(end).s.equals("oh") && end + 1 < t.size() && canContinue(t, end + 1)) {
                Integer u = UNITS.get(t.get(end + 1).s);
                if (u != null && u > 0 && t.get(end + 1).last) {
                    return new Match(Long.toString(n.value * 100 + u), end + 2);
                }
            }
        }
        // decimal
        String number = null;
        if (canContinue(t, end) && t.get(end).s.equals("point")) {
            String frac = fraction(t, end);
            if (frac != null) {
                number = n.value + "." + frac;
                end = end + 1 + frac.length();
            }
        }
        // money
        if (canContinue(t, end)) {
            String unit = t.get(end).s;
            if (unit.equals("dollars") || unit.equals("dollar") || unit.equals("euros") || unit.equals("euro")) {
                String sym = unit.startsWith("dollar") ? "$" : "€";
                String amount = number != null ? grouped(number) : grouped(Long.toString(n.value));
                int after = end + 1;
                if (number == null && canContinue(t, after) && t.get(after).s.equals("and")
                        && canContinue(t, after + 1)) {
                    Num cents = cardinal(t, after + 1);
                    if (cents != null && !cents.ordinal && cents.value < 100 && canContinue(t, cents.end)
                            && (t.get(cents.end).s.equals("cents") || t.get(cents.end).s.equals("cent"))) {
                        return new Match(sym + amount + String.format(Locale.ROOT, ".%02d", cents.value),
                                cents.end + 1);
                    }
                }
                return new Match(sym + amount, after);
            }
            if ((unit.equals("cents") || unit.equals("cent")) && number == null) {
                return new Match(n.value + "¢", end + 1);
            }
        }
        if (number != null) return percentOrPlain(t, end, number);
        if (canContinue(t, end) && t.get(end).s.equals("percent")) return new Match(n.value + "%", end + 1);
        if (n.value >= 10) return new Match(n.value >= 10_000 ? grouped(Long.toString(n.value)) : Long.toString(n.value), end);
        // a run of three or more single digits is a digit string
        StringBuilder digits = new StringBuilder().append(n.value);
        int k = end;
        while (n.words == 1 && canContinue(t, k) && t.get(k).first && t.get(k).last && UNITS.containsKey(t.get(k).s)) {
            digits.append(UNITS.get(t.get(k).s));
            k++;
        }
        if (n.words == 1 && digits.length() >= 3) return new Match(digits.toString(), k);
        return null;
    }

    private static Match percentOrPlain(List<Tok> t, int end, String number) {
        if (canContinue(t, end) && t.get(end).s.equals("percent")) return new Match(number + "%", end + 1);
        return new Match(number, end);
    }

    /** Digits spoken after "point" at {@code at} (each a whole word); null if none. */
    private static String fraction(List<Tok> t, int at) {
        if (!t.get(at).first || !t.get(at).last) return null;
        StringBuilder sb = new StringBuilder();
        int k = at + 1;
        while (canContinue(t, k)) {
            String s = t.get(k).s;
            Integer u = UNITS.get(s);
            if (u == null && s.equals("oh")) u = 0;
            if (u == null || !t.get(k).first || !t.get(k).last) break;
            sb.append(u);
            k++;
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** Whether token {@code k} exists and may extend a number begun before it (no punctuation in between). */
    private static boolean canContinue(List<Tok> t, int k) {
        return k < t.size() && k > 0 && canContinueAfter(t, k - 1) && t.get(k).prefix.isEmpty();
    }

    private static boolean canContinueAfter(List<Tok> t, int k) {
        return t.get(k).suffix.isEmpty();
    }

    /**
     * The longest cardinal (or ordinal) starting at {@code i} that ends on a word boundary, or null.
     * {@code simplePair} when it is a single group of 10-99 said as one or two words (no hundred, no scale).
     */
    private static Num cardinal(List<Tok> t, int i) {
        long total = 0;
        long current = 0;
        long lastScale = Long.MAX_VALUE;
        String last = null; // kind of the last token: unit, teen, tens, hundred, scale
        boolean hundredInGroup = false;
        boolean simple = true;
        int k = i;
        Num best = null;
        while (k < t.size() && (k == i || canContinue(t, k))) {
            String s = t.get(k).s;
            Integer u = UNITS.get(s);
            Integer teen = TEENS.get(s);
            Integer tens = TENS.get(s);
            Long scale = SCALES.get(s);
            Long ord = ORDINALS.get(s);
            boolean ok;
            if (k == i && s.equals("a") && k + 1 < t.size() && canContinue(t, k + 1)
                    && (t.get(k + 1).s.equals("hundred") || SCALES.containsKey(t.get(k + 1).s))) {
                current = 1;
                last = "unit";
                k++;
                continue;
            }
            if (u != null && u == 0) {
                ok = last == null;
                if (ok) {
                    k++;
                    best = new Num(0, k, false, false, k - i);
                }
                break;
            }
            if (u != null) {
                ok = last == null || last.equals("tens") || last.equals("hundred") || last.equals("scale") || last.equals("and");
                if (!ok) break;
                current += u;
                last = "unit";
            } else if (teen != null) {
                ok = last == null || last.equals("hundred") || last.equals("scale") || last.equals("and");
                if (!ok) break;
                current += teen;
                last = "teen";
            } else if (tens != null) {
                ok = last == null || last.equals("hundred") || last.equals("scale") || last.equals("and");
                if (!ok) break;
                current += tens;
                last = "tens";
            } else if (s.equals("hundred")) {
                ok = last != null && !last.equals("hundred") && !last.equals("scale") && !last.equals("and")
                        && !hundredInGroup && current > 0 && current < 100;
                if (!ok) break;
                current *= 100;
                hundredInGroup = true;
                simple = false;
                last = "hundred";
            } else if (scale != null) {
                ok = last != null && !last.equals("scale") && !last.equals("and") && scale < lastScale && current > 0;
                if (!ok) break;
                total += current * scale;
                current = 0;
                lastScale = scale;
                hundredInGroup = false;
                simple = false;
                last = "scale";
            } else if (s.equals("and")) {
                ok = (last != null && (last.equals("hundred") || last.equals("scale")))
                        && k + 1 < t.size() && canContinue(t, k + 1)
                        && (UNITS.containsKey(t.get(k + 1).s) && UNITS.get(t.get(k + 1).s) > 0
                            || TEENS.containsKey(t.get(k + 1).s) || TENS.containsKey(t.get(k + 1).s));
                if (!ok) break;
                last = "and";
                k++;
                continue;
            } else if (ord != null) {
                boolean small = ord < 100;
                ok = small ? (last == null || last.equals("tens") && ord < 10 || last.equals("hundred")
                        || last.equals("scale") || last.equals("and"))
                        : (last != null && !last.equals("scale") && !last.equals("and") && current > 0 && current < 1000);
                if (!ok) break;
                long value = small ? total + current + ord : total + current * ord;
                k++;
                if (t.get(k - 1).last) best = new Num(value, k, false, true, k - i);
                break;
            } else {
                break;
            }
            k++;
            if (t.get(k - 1).last && !"and".equals(last)) {
                boolean pair = simple && total == 0 && current >= 10 && current <= 99;
                best = new Num(total + current, k, pair, false, k - i);
            }
        }
        return best;
    }

    private static String suffix(long n) {
        long h = n % 100;
        if (h >= 11 && h <= 13) return "th";
        return switch ((int) (n % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /** "167983" - "167,983", "1234.5" - "1,234.5". */
    private static String grouped(String number) {
        int dot = number.indexOf('.');
        String whole = dot < 0 ? number : number.substring(0, dot);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < whole.length(); k++) {
            if (k > 0 && (whole.length() - k) % 3 == 0) sb.append(',');
            sb.append(whole.charAt(k));
        }
        return dot < 0 ? sb.toString() : sb + number.substring(dot);
    }
}
