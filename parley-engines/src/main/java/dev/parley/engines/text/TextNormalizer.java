package dev.parley.engines.text;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites written forms into words before G2P, for English: numbers (cardinals, ordinals, decimals, negatives,
 * ranges), currencies ($, €, £, ¥), dates (2026-11-21, 11/21/2026, Nov 21), times (10:30, 9 p.m.), percentages,
 * common abbreviations (Dr., Mr., St., etc., e.g.), URLs and e-mail addresses ("example dot com"), a few symbols,
 * and a caller's {@code replace} dictionary (xAI's pronunciation substitutions, applied first, whole words).
 *
 * <p>Text in other languages only gets the {@code replace} dictionary: espeak-ng reads numbers in its own
 * language. Stateless and thread-safe.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String MONTH_RE = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            + "|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

    private static final Pattern EMAIL = Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+\\b");
    private static final Pattern URL = Pattern.compile(
            "\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"]*[^\\s<>\".,;:!?)\\]]"
                    + "|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|io|dev|ai|edu|gov|co|uk|de|fr|app|info|me|us|ca)"
                    + "(?:/[^\\s<>\"]*[^\\s<>\".,;:!?)\\]])?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CURRENCY = Pattern.compile(
            "(-)?([$€£¥])\\s?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(?:\\s?(thousand|million|billion|trillion|[kKmMbB])\\b)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern SLASH_DATE = Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})\\b");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "\\b" + MONTH_RE + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH_RE + "(?:,?\\s+(\\d{4})\\b)?");
    private static final Pattern TIME = Pattern.compile(
            "\\b([01]?\\d|2[0-3]):([0-5]\\d)(?::[0-5]\\d)?(?:\\s*([AaPp])\\.?\\s?[Mm]\\.?(?=\\W|$))?");
    private static final Pattern HOUR_AMPM = Pattern.compile("\\b(1[0-2]|0?[1-9])\\s*([AaPp])\\.?\\s?[Mm]\\.?(?=\\W|$)");
    private static final Pattern PERCENT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s?%");
    private static final Pattern ORDINAL = Pattern.compile("\\b(\\d{1,9})(st|nd|rd|th)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECADE = Pattern.compile("\\b(1[1-9]|20)(\\d0)'?s\\b");
    private static final Pattern YEAR_CONTEXT = Pattern.compile(
            "\\b(in|since|from|by|until|till|of|year|circa|before|after|around|during|between|and|to)\\s+(1[1-9]\\d\\d|20\\d\\d)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE = Pattern.compile("(?<=\\d)\\s?[-–]\\s?(?=\\d)");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])(-|−)?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(?![\\d])");

    private record Abbrev(Pattern pattern, Function<MatchResult, String> replacement) {}

    private static Abbrev abbrev(String regex, String replacement) {
        return new Abbrev(Pattern.compile(regex), m -> replacement);
    }

    // Abbreviations that end a sentence keep a period ("... Smith Jr. He left" keeps the boundary).
    private static final List<Abbrev> ABBREVIATIONS = List.of(
            abbrev("\\b[Dd]r\\.(?=\\s+[A-Z])", "Doctor"),
            abbrev("\\bMr\\.", "Mister"),
            abbrev("\\bMrs\\.", "Missus"),
            abbrev("\\bMs\\.", "Miz"),
            abbrev("\\bProf\\.(?=\\s+[A-Z])", "Professor"),
            abbrev("(?<=[A-Z][a-z]{0,20}\\s)St\\.(?=\\s+[A-Z]|\\s*$)", "Street."),
            abbrev("(?<=[A-Z][a-z]{0,20}\\s)St\\.", "Street"),
            abbrev("\\bSt\\.(?=\\s+[A-Z][a-z])", "Saint"),
            abbrev("(?<=[A-Z][a-z]{0,20}\\s)Ave\\.(?=\\s+[A-Z]|\\s*$)", "Avenue."),
            abbrev("(?<=[A-Z][a-z]{0,20}\\s)Ave\\.", "Avenue"),
            abbrev("\\bMt\\.(?=\\s+[A-Z])", "Mount"),
            abbrev("\\bJr\\.(?=\\s+[A-Z]|\\s*$)", "Junior."),
            abbrev("\\bJr\\.", "Junior"),
            abbrev("\\bSr\\.(?=\\s+[A-Z]|\\s*$)", "Senior."),
            abbrev("\\bSr\\.", "Senior"),
            abbrev("\\b[Ee]\\.\\s?[Gg]\\.", "for example"),
            abbrev("\\b[Ii]\\.\\s?[Ee]\\.", "that is"),
            abbrev("\\betc\\.(?=\\s+[A-Z]|\\s*$)", "et cetera."),
            abbrev("\\betc\\.", "et cetera"),
            abbrev("\\bvs\\.?(?=\\s)", "versus"),
            abbrev("\\bapprox\\.", "approximately"),
            abbrev("\\b[Nn]o\\.(?=\\s*\\d)", "number"),
            abbrev("\\bInc\\.(?=\\s+[A-Z]|\\s*$)", "Incorporated."),
            abbrev("\\bInc\\.", "Incorporated"),
            abbrev("\\bLtd\\.(?=\\s+[A-Z]|\\s*$)", "Limited."),
            abbrev("\\bLtd\\.", "Limited"),
            abbrev("\\bdept\\.", "department"),
            abbrev("\\bmin\\.(?=\\s)", "minutes"),
            abbrev("\\bhrs?\\.(?=\\s)", "hours"));

    /**
     * Normalises {@code text}.
     *
     * @param language a code as in {@link Languages} ({@code en}, {@code en-GB}, {@code es-MX}, ...); English rules
     *                 apply when it starts with {@code en}
     * @param replace  pronunciation substitutions (may be empty); keys match whole words, case-sensitively first,
     *                 then ignoring case; the longest key wins
     */
    public static String normalize(String text, String language, Map<String, String> replace) {
        String t = applyReplace(text, replace);
        if (language == null || !language.toLowerCase(Locale.ROOT).startsWith("en")) return t;
        return normalizeEnglish(t);
    }

    /** Applies the {@code replace} dictionary only. */
    public static String applyReplace(String text, Map<String, String> replace) {
        if (replace == null || replace.isEmpty()) return text;
        String t = text;
        List<Map.Entry<String, String>> entries = replace.entrySet().stream()
                .filter(e -> e.getKey() != null && !e.getKey().isEmpty() && e.getValue() != null)
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .toList();
        for (var e : entries) {
            String k = e.getKey();
            String pre = Character.isLetterOrDigit(k.charAt(0)) ? "(?<![\\p{L}\\p{N}])" : "";
            String post = Character.isLetterOrDigit(k.charAt(k.length() - 1)) ? "(?![\\p{L}\\p{N}])" : "";
            Pattern p = Pattern.compile(pre + Pattern.quote(k) + post);
            Matcher m = p.matcher(t);
            if (!m.find()) {
                p = Pattern.compile(pre + Pattern.quote(k) + post, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            }
            t = p.matcher(t).replaceAll(Matcher.quoteReplacement(e.getValue()));
        }
        return t;
    }

    /** The English rules, without a replace dictionary. */
    public static String normalizeEnglish(String text) {
        String t = text.replace('’', '\'').replace('‘', '\'').replace('“', '"').replace('”', '"');
        t = EMAIL.matcher(t).replaceAll(m -> q(speakAddress(m.group().replace("@", " at "))));
        t = URL.matcher(t).replaceAll(m -> q(speakUrl(m.group())));
        t = CURRENCY.matcher(t).replaceAll(m -> q(currency(m)));
        t = ISO_DATE.matcher(t).replaceAll(m -> q(date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group())));
        t = SLASH_DATE.matcher(t).replaceAll(m -> q(slashDate(m)));
        t = MONTH_DAY.matcher(t).replaceAll(m -> q(monthDay(m.group(1), m.group(2), m.group(3), m.group())));
        t = DAY_MONTH.matcher(t).replaceAll(m -> q(monthDay(m.group(2), m.group(1), m.group(3), m.group())));
        t = TIME.matcher(t).replaceAll(m -> q(time(m)));
        t = HOUR_AMPM.matcher(t).replaceAll(m -> q(NumberWords.cardinal(Integer.parseInt(m.group(1))) + " "
                + m.group(2).toLowerCase(Locale.ROOT) + " m"));
        t = PERCENT.matcher(t).replaceAll(m -> q(number(m.group(1)) + " percent"));
        t = ORDINAL.matcher(t).replaceAll(m -> q(NumberWords.ordinal(Long.parseLong(m.group(1)))));
        for (Abbrev a : ABBREVIATIONS) t = a.pattern().matcher(t).replaceAll(m -> q(a.replacement().apply(m)));
        t = DECADE.matcher(t).replaceAll(m -> {
            String y = NumberWords.year(Integer.parseInt(m.group(1) + m.group(2)));
            return q(y.endsWith("y") ? y.substring(0, y.length() - 1) + "ies" : y + "s");
        });
        t = YEAR_CONTEXT.matcher(t).replaceAll(m -> q(m.group(1) + " " + NumberWords.year(Integer.parseInt(m.group(2)))));
        t = RANGE.matcher(t).replaceAll(" to ");
        t = NUMBER.matcher(t).replaceAll(m -> q(numberMatch(m)));
        t = t.replace("&", " and ").replace(" + ", " plus ").replace(" = ", " equals ")
                .replaceAll("#(?=\\s*\\w)", " number ").replace("@", " at ");
        return t.replaceAll("[ \\t]+", " ").strip();
    }

    private static String q(String s) {
        return Matcher.quoteReplacement(s);
    }

    private static String numberMatch(MatchResult m) {
        boolean neg = m.group(1) != null;
        String intPart = m.group(2).replace(",", "");
        String words;
        if (intPart.length() > 1 && intPart.startsWith("0") && m.group(3) == null) {
            words = NumberWords.digits(intPart);
        } else {
            words = NumberWords.cardinal(new BigInteger(intPart));
        }
        if (m.group(3) != null) words += " point " + NumberWords.digits(m.group(3));
        return (neg ? "minus " : "") + words;
    }

    private static String number(String s) {
        Matcher m = NUMBER.matcher(s);
        return m.matches() ? numberMatch(m) : s;
    }

    private static String currency(MatchResult m) {
        boolean neg = m.group(1) != null;
        String sym = m.group(2);
        long whole = Long.parseLong(m.group(3).replace(",", ""));
        String frac = m.group(4);
        String scale = m.group(5);
        String[] unit = switch (sym) {
            case "€" -> new String[]{"euro", "euros", "cent", "cents"};
            case "£" -> new String[]{"pound", "pounds", "penny", "pence"};
            case "¥" -> new String[]{"yen", "yen", "sen", "sen"};
            default -> new String[]{"dollar", "dollars", "cent", "cents"};
        };
        String prefix = neg ? "minus " : "";
        if (scale != null) {
            String sc = switch (scale.toLowerCase(Locale.ROOT)) {
                case "k" -> "thousand";
                case "m" -> "million";
                case "b" -> "billion";
                default -> scale.toLowerCase(Locale.ROOT);
            };
            String amount = NumberWords.cardinal(whole) + (frac != null ? " point " + NumberWords.digits(frac) : "");
            return prefix + amount + " " + sc + " " + unit[1];
        }
        int cents = 0;
        if (frac != null) {
            String f = frac.length() >= 2 ? frac.substring(0, 2) : frac + "0";
            cents = Integer.parseInt(f);
        }
        StringBuilder sb = new StringBuilder(prefix);
        if (whole > 0 || cents == 0) sb.append(NumberWords.cardinal(whole)).append(' ').append(whole == 1 ? unit[0] : unit[1]);
        if (cents > 0) {
            if (whole > 0) sb.append(" and ");
            sb.append(NumberWords.cardinal(cents)).append(' ').append(cents == 1 ? unit[2] : unit[3]);
        }
        return sb.toString();
    }

    private static String date(int y, int mo, int d, String original) {
        if (mo < 1 || mo > 12 || d < 1 || d > 31) return original;
        return MONTHS[mo - 1] + " " + NumberWords.ordinal(d) + ", " + NumberWords.year(y);
    }

    private static String slashDate(MatchResult m) {
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        int y = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) y += y < 50 ? 2000 : 1900;
        // US order (month/day) unless the first number cannot be a month.
        return a > 12 ? date(y, b, a, m.group()) : date(y, a, b, m.group());
    }

    private static String monthDay(String month, String day, String year, String original) {
        int d = Integer.parseInt(day);
        if (d < 1 || d > 31) return original;
        String key = month.replace(".", "").toLowerCase(Locale.ROOT);
        String full = null;
        for (String mo : MONTHS) {
            if (mo.toLowerCase(Locale.ROOT).startsWith(key.substring(0, 3))) {
                full = mo;
                break;
            }
        }
        if (full == null) return original;
        return full + " " + NumberWords.ordinal(d) + (year != null ? ", " + NumberWords.year(Integer.parseInt(year)) : "");
    }

    private static String time(MatchResult m) {
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        String ampm = m.group(3) == null ? null : m.group(3).toLowerCase(Locale.ROOT) + " m";
        String hw = NumberWords.cardinal(h);
        String s;
        if (min == 0) s = ampm != null ? hw : (h > 12 ? hw + " hundred" : hw + " o'clock");
        else if (min < 10) s = hw + " oh " + NumberWords.cardinal(min);
        else s = hw + " " + NumberWords.cardinal(min);
        return ampm == null ? s : s + " " + ampm;
    }

    private static String speakUrl(String url) {
        String u = url.replaceFirst("(?i)^(https?|ftp)://", "");
        if (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        return speakAddress(u.replaceFirst("(?i)^www\\.", "w w w."));
    }

    private static String speakAddress(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '.' -> sb.append(" dot ");
                case '/' -> sb.append(" slash ");
                case '-' -> sb.append(" dash ");
                case '_' -> sb.append(" underscore ");
                case ':' -> sb.append(" colon ");
                case '?' -> sb.append(" question mark ");
                case '=' -> sb.append(" equals ");
                case '&' -> sb.append(" and ");
                case '+' -> sb.append(" plus ");
                case '#' -> sb.append(" hash ");
                case '%' -> sb.append(" percent ");
                case '~' -> sb.append(" tilde ");
                default -> sb.append(Character.isDigit(c) ? " " + NumberWords.digits(String.valueOf(c)) + " " : String.valueOf(c));
            }
        }
        return sb.toString().replaceAll("\\s+", " ").strip();
    }
}
