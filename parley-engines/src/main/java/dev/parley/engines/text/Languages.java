package dev.parley.engines.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The TTS languages of spec §2.3 ({@code auto} plus 20 codes, case-insensitive) and script-based detection for
 * {@code auto}. Stateless and thread-safe.
 */
public final class Languages {
    private Languages() {}

    private static final Map<String, Language> BY_CODE = new LinkedHashMap<>();

    static {
        add("en", "en-us", 'a');
        add("ar-EG", "ar", (char) 0);
        add("ar-SA", "ar", (char) 0);
        add("ar-AE", "ar", (char) 0);
        add("bn", "bn", (char) 0);
        add("zh", "cmn", 'z');
        add("fr", "fr-fr", 'f');
        add("de", "de", (char) 0);
        add("hi", "hi", 'h');
        add("id", "id", (char) 0);
        add("it", "it", 'i');
        add("ja", "ja", 'j');
        add("ko", "ko", (char) 0);
        add("pt-BR", "pt-br", 'p');
        add("pt-PT", "pt", 'p');
        add("ru", "ru", (char) 0);
        add("es-MX", "es-419", 'e');
        add("es-ES", "es", 'e');
        add("tr", "tr", (char) 0);
        add("vi", "vi", (char) 0);
    }

    // Accepted aliases (not in the published list, but unambiguous): region-less and English regions.
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("en-us", "en"), Map.entry("en-gb", "en-GB"), Map.entry("ar", "ar-SA"), Map.entry("pt", "pt-BR"),
            Map.entry("es", "es-ES"), Map.entry("zh-cn", "zh"), Map.entry("cmn", "zh"), Map.entry("es-419", "es-MX"));
    private static final Language EN_GB = new Language("en-GB", "en-gb", 'b');

    private static void add(String code, String espeak, char kokoro) {
        BY_CODE.put(code.toLowerCase(Locale.ROOT), new Language(code, espeak, kokoro));
    }

    /** The published codes, {@code auto} first. */
    public static List<String> supported() {
        java.util.ArrayList<String> l = new java.util.ArrayList<>();
        l.add("auto");
        BY_CODE.values().forEach(v -> l.add(v.code()));
        return l;
    }

    /**
     * Resolves a request's {@code language}; {@code auto} (or null/blank) detects from {@code text}.
     *
     * @throws UnsupportedLanguageException for any other code
     */
    public static Language resolve(String code, String text) {
        if (code == null || code.isBlank() || code.equalsIgnoreCase("auto")) return detect(text == null ? "" : text);
        String k = code.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        Language l = BY_CODE.get(k);
        if (l != null) return l;
        String alias = ALIASES.get(k);
        if (alias != null) return alias.equals("en-GB") ? EN_GB : BY_CODE.get(alias.toLowerCase(Locale.ROOT));
        if (k.startsWith("en-")) return BY_CODE.get("en");
        throw new UnsupportedLanguageException(code, supported());
    }

    private static final Pattern WORDS = Pattern.compile("[\\p{L}']+");
    private static final Map<String, List<String>> STOPWORDS = Map.of(
            "en", List.of("the", "and", "is", "of", "to", "you", "it", "that", "in", "what", "this", "are", "with"),
            "es-ES", List.of("el", "la", "de", "que", "y", "los", "las", "es", "por", "una", "con", "para", "está", "qué"),
            "fr", List.of("le", "la", "les", "est", "et", "des", "une", "je", "vous", "pas", "que", "c'est", "dans", "pour"),
            "de", List.of("der", "die", "das", "und", "ist", "nicht", "ich", "ein", "eine", "zu", "mit", "sie", "wir"),
            "it", List.of("il", "che", "di", "è", "la", "non", "per", "una", "sono", "gli", "della", "come", "questo"),
            "pt-BR", List.of("o", "a", "de", "que", "não", "é", "uma", "com", "para", "os", "você", "está", "do", "da"),
            "id", List.of("yang", "dan", "ini", "itu", "tidak", "dengan", "untuk", "saya", "ada", "apa"),
            "tr", List.of("bir", "ve", "bu", "için", "ne", "çok", "değil", "ben", "var", "mi"),
            "vi", List.of("và", "là", "của", "không", "có", "một", "tôi", "được", "những", "này"));

    /** Detects the language of {@code text} from its script, and for Latin text from common words; English by default. */
    public static Language detect(String text) {
        int kana = 0, han = 0, hangul = 0, deva = 0, beng = 0, arab = 0, cyr = 0, latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            Character.UnicodeScript s = Character.UnicodeScript.of(cp);
            switch (s) {
                case HIRAGANA, KATAKANA -> kana++;
                case HAN -> han++;
                case HANGUL -> hangul++;
                case DEVANAGARI -> deva++;
                case BENGALI -> beng++;
                case ARABIC -> arab++;
                case CYRILLIC -> cyr++;
                case LATIN -> latin++;
                default -> { }
            }
        }
        int max = Math.max(Math.max(Math.max(kana + han, hangul), Math.max(deva, beng)), Math.max(Math.max(arab, cyr), latin));
        if (max == 0) return BY_CODE.get("en");
        if (max == kana + han && max > 0) return BY_CODE.get(kana > 0 ? "ja" : "zh");
        if (max == hangul) return BY_CODE.get("ko");
        if (max == deva) return BY_CODE.get("hi");
        if (max == beng) return BY_CODE.get("bn");
        if (max == arab) return BY_CODE.get("ar-sa");
        if (max == cyr) return BY_CODE.get("ru");
        return detectLatin(text);
    }

    private static Language detectLatin(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Map<String, Integer> score = new LinkedHashMap<>();
        var m = WORDS.matcher(lower);
        while (m.find()) {
            String w = m.group();
            STOPWORDS.forEach((lang, words) -> {
                if (words.contains(w)) score.merge(lang, 1, Integer::sum);
            });
        }
        // Letters that only some languages use weigh more than a stopword.
        if (lower.matches("(?s).*[ñ¿¡].*")) score.merge("es-ES", 3, Integer::sum);
        if (lower.matches("(?s).*[ãõ].*")) score.merge("pt-BR", 3, Integer::sum);
        if (lower.matches("(?s).*[çœèêëîïûù].*")) score.merge("fr", 2, Integer::sum);
        if (lower.matches("(?s).*[äöüß].*")) score.merge("de", 2, Integer::sum);
        if (lower.matches("(?s).*[ğışİ].*")) score.merge("tr", 3, Integer::sum);
        if (lower.matches("(?s).*[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ].*")) score.merge("vi", 4, Integer::sum);
        String best = "en";
        int bestScore = score.getOrDefault("en", 0);
        for (var e : score.entrySet()) {
            if (e.getValue() > bestScore) {
                best = e.getKey();
                bestScore = e.getValue();
            }
        }
        return BY_CODE.get(best.toLowerCase(Locale.ROOT));
    }
}
