package dev.parley.engines.text;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites written forms into words before G2P, for English: numbers (cardinals, ordinals, decimals, negatives,
 * ranges), currencies ($, €, £, ¥), dates (2026-11-21, 11/21/2026, Nov 21), times (10:30, 9 p.m.), percentages,
 * common abbreviations (Dr., Mr., St., etc., e.g.), URLs and e-mail addresses ("example dot com") and a few symbols.
 * The {@code replace} dictionary is applied before, by {@link Replacements}.
 *
 * <p>Text in other languages is left as it is: espeak-ng reads numbers in its own language. Stateless and
 * thread-safe. Linear in the text's length: each rule is one regex pass, written so that it cannot start over at
 * every character of a long run.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String MONTH_RE = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            + "|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

    // Patterns that could start at every character of a long run (a 15,000-character word, "a.a.a.a...") begin with a
    // look-behind that lets them start only where the run starts, and use possessive quantifiers where a run cannot
    // be given back, so that each is linear in the text's length (TextFrontEndWorkTest counts the reads). Repeated
    // groups are bounded ({1,10} labels of a host, {1,8} groups of digits): java.util.regex recurses once per
    // repetition of a group, and an unbounded one overflows the stack on a long enough run.
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])\\b[A-Za-z0-9._%+-]++@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+){1,10}\\b");
    private static final Pattern URL = Pattern.compile(
            "\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"]*[^\\s<>\".,;:!?)\\]]"
                    + "|(?<![a-z0-9.-])\\b[a-z0-9-]+(?:\\.[a-z0-9-]+){0,10}\\.(?:com|org|net|io|dev|ai|edu|gov|co|uk|de|fr|app|info|me|us|ca)"
                    + "(?:/[^\\s<>\"]*[^\\s<>\".,;:!?)\\]])?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CURRENCY = Pattern.compile(
            "(-)?([$€£¥])\\s?(\\d{1,3}(?:,\\d{3}){1,8}|\\d+)(?:\\.(\\d+))?(?:\\s?(thousand|million|billion|trillion|[kKmMbB])\\b)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern SLASH_DATE = Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})\\b");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "\\b" + MONTH_RE + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH_RE + "(?:,?\\s+(\\d{4})\\b)?");
    private static final Pattern TIME = Pattern.compile(
            "\\b([01]?\\d|2[0-3]):([0-5]\\d)(?::[0-5]\\d)?(?:\\s*([AaPp])\\.?\\s?[Mm]\\.?(?=\\W|$))?");
    private static final Pattern HOUR_AMPM = Pattern.compile("\\b(1[0-2]|0?[1-9])\\s*([AaPp])\\.?\\s?[Mm]\\.?(?=\\W|$)");
    private static final Pattern PERCENT = Pattern.compile("(?<!\\d)(-?\\d++(?:\\.\\d++)?)\\s?%");
    private static final Pattern ORDINAL = Pattern.compile("\\b(\\d{1,9})(st|nd|rd|th)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECADE = Pattern.compile("\\b(1[1-9]|20)(\\d0)'?s\\b");
    private static final Pattern YEAR_CONTEXT = Pattern.compile(
            "\\b(in|since|from|by|until|till|of|year|circa|before|after|around|during|between|and|to)\\s+(1[1-9]\\d\\d|20\\d\\d)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE = Pattern.compile("(?<=\\d)\\s?[-–]\\s?(?=\\d)");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])(-|−)?(\\d{1,3}(?:,\\d{3}){1,8}|\\d+)(?:\\.(\\d+))?(?![\\d])");

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

    /** One step of the English rules: reads its input once through a regex or a scan and returns the result. */
    private interface Rule {
        String apply(CharSequence text);
    }

    private static Rule rule(Pattern p, Function<MatchResult, String> words) {
        return t -> p.matcher(t).replaceAll(m -> q(words.apply(m)));
    }

    private static Rule literal(String regex, String words) {
        Pattern p = Pattern.compile(regex);
        String r = q(words);
        return t -> p.matcher(t).replaceAll(r);
    }

    /** The English rules in order. */
    private static final List<Rule> ENGLISH = englishRules();

    private static List<Rule> englishRules() {
        List<Rule> r = new java.util.ArrayList<>();
        r.add(TextNormalizer::plainQuotes);
        r.add(rule(EMAIL, m -> speakAddress(m.group().replace("@", " at "))));
        r.add(rule(URL, m -> speakUrl(m.group())));
        r.add(rule(CURRENCY, TextNormalizer::currency));
        r.add(rule(ISO_DATE, m -> date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group())));
        r.add(rule(SLASH_DATE, TextNormalizer::slashDate));
        r.add(rule(MONTH_DAY, m -> monthDay(m.group(1), m.group(2), m.group(3), m.group())));
        r.add(rule(DAY_MONTH, m -> monthDay(m.group(2), m.group(1), m.group(3), m.group())));
        r.add(rule(TIME, TextNormalizer::time));
        r.add(rule(HOUR_AMPM, m -> NumberWords.cardinal(Integer.parseInt(m.group(1))) + " "
                + m.group(2).toLowerCase(Locale.ROOT) + " m"));
        r.add(rule(PERCENT, m -> number(m.group(1)) + " percent"));
        r.add(rule(ORDINAL, m -> NumberWords.ordinal(Long.parseLong(m.group(1)))));
        for (Abbrev a : ABBREVIATIONS) r.add(rule(a.pattern(), a.replacement()));
        r.add(rule(DECADE, m -> {
            String y = NumberWords.year(Integer.parseInt(m.group(1) + m.group(2)));
            return y.endsWith("y") ? y.substring(0, y.length() - 1) + "ies" : y + "s";
        }));
        r.add(rule(YEAR_CONTEXT, m -> m.group(1) + " " + NumberWords.year(Integer.parseInt(m.group(2)))));
        r.add(literal(RANGE.pattern(), " to "));
        r.add(rule(NUMBER, TextNormalizer::numberMatch));
        r.add(literal("&", " and "));
        r.add(literal(" \\+ ", " plus "));
        r.add(literal(" = ", " equals "));
        r.add(literal("#(?=\\s*\\w)", " number "));
        r.add(literal("@", " at "));
        r.add(literal("[ \\t]+", " "));
        return List.copyOf(r);
    }

    /**
     * Normalises {@code text}: the English rules when {@code language} is English, else the text unchanged (espeak-ng
     * reads numbers in its own language).
     *
     * @param language a code as in {@link Languages} ({@code en}, {@code en-GB}, {@code es-MX}, ...); English rules
     *                 apply when it starts with {@code en}
     */
    public static String normalize(String text, String language) {
        if (language == null || !language.toLowerCase(Locale.ROOT).startsWith("en")) return text;
        return normalizeEnglish(text);
    }

    /** The English rules. Linear in the text's length. */
    public static String normalizeEnglish(String text) {
        return normalizeEnglish(text, UnaryOperator.identity());
    }

    /** The English rules, each reading its input through {@code reading} (tests count the reads). */
    static String normalizeEnglish(CharSequence text, UnaryOperator<CharSequence> reading) {
        CharSequence t = text;
        for (Rule r : ENGLISH) t = r.apply(reading.apply(t));
        return t.toString().strip();
    }

    /** Curly quotes made straight. */
    private static String plainQuotes(CharSequence t) {
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            sb.append(switch (c) {
                case '’', '‘' -> '\'';
                case '“', '”' -> '"';
                default -> c;
            });
        }
        return sb.toString();
    }

    private static String q(String s) {
        return Matcher.quoteReplacement(s);
    }

    private static String numberMatch(MatchResult m) {
        boolean neg = m.group(1) != null;
        String intPart = m.group(2).replace(",", "");
        String words;
        if ((intPart.length() > 1 && intPart.startsWith("0") && m.group(3) == null) || intPart.length() > 18) {
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
        String digits = m.group(3).replace(",", "");
        // more digits than a long holds are read one by one (and count as many)
        long whole = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        String wholeWords = digits.length() > 18 ? NumberWords.digits(digits) : NumberWords.cardinal(whole);
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
            String amount = wholeWords + (frac != null ? " point " + NumberWords.digits(frac) : "");
            return prefix + amount + " " + sc + " " + unit[1];
        }
        int cents = 0;
        if (frac != null) {
            String f = frac.length() >= 2 ? frac.substring(0, 2) : frac + "0";
            cents = Integer.parseInt(f);
        }
        StringBuilder sb = new StringBuilder(prefix);
        if (whole > 0 || cents == 0) sb.append(wholeWords).append(' ').append(whole == 1 ? unit[0] : unit[1]);
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
