package dev.parley.engines.tts.internal;

import dev.parley.engines.text.Language;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to Kokoro-82M v1.0 token ids, as kokoro-js 1.2.1 ({@code src/phonemize.js}, {@code src/kokoro.js}) does it:
 * punctuation runs are kept as they are, the text between them goes through espeak-ng IPA (clauses joined by a
 * space), then kokoro-js's fix-ups ({@code ʲ→j}, {@code r→ɹ}, {@code x→k}, {@code ɬ→l}, a space before
 * "hundred", American "-ty" flapping after "nine"), then one id per code point from the model's vocab (the
 * {@code vocab} of hexgrad/Kokoro-82M {@code config.json}); symbols outside the vocab are dropped.
 */
public final class KokoroPhonemes {
    private KokoroPhonemes() {}

    /** Most tokens in one model call (the context is 512 with the two pads). */
    public static final int MAX_TOKENS = 510;

    private static final Map<Integer, Integer> VOCAB = new HashMap<>();

    static {
        Object[] v = {';', 1, ':', 2, ',', 3, '.', 4, '!', 5, '?', 6, '—', 9, '…', 10, '"', 11, '(', 12, ')', 13,
                '“', 14, '”', 15, ' ', 16, '\u0303', 17, 'ʣ', 18, 'ʥ', 19, 'ʦ', 20, 'ʨ', 21, 'ᵝ', 22, 'ꭧ', 23,
                'A', 24, 'I', 25, 'O', 31, 'Q', 33, 'S', 35, 'T', 36, 'W', 39, 'Y', 41, 'ᵊ', 42,
                'a', 43, 'b', 44, 'c', 45, 'd', 46, 'e', 47, 'f', 48, 'h', 50, 'i', 51, 'j', 52, 'k', 53, 'l', 54,
                'm', 55, 'n', 56, 'o', 57, 'p', 58, 'q', 59, 'r', 60, 's', 61, 't', 62, 'u', 63, 'v', 64, 'w', 65,
                'x', 66, 'y', 67, 'z', 68, 'ɑ', 69, 'ɐ', 70, 'ɒ', 71, 'æ', 72, 'β', 75, 'ɔ', 76, 'ɕ', 77, 'ç', 78,
                'ɖ', 80, 'ð', 81, 'ʤ', 82, 'ə', 83, 'ɚ', 85, 'ɛ', 86, 'ɜ', 87, 'ɟ', 90, 'ɡ', 92, 'ɥ', 99, 'ɨ', 101,
                'ɪ', 102, 'ʝ', 103, 'ɯ', 110, 'ɰ', 111, 'ŋ', 112, 'ɳ', 113, 'ɲ', 114, 'ɴ', 115, 'ø', 116, 'ɸ', 118,
                'θ', 119, 'œ', 120, 'ɹ', 123, 'ɾ', 125, 'ɻ', 126, 'ʁ', 128, 'ɽ', 129, 'ʂ', 130, 'ʃ', 131, 'ʈ', 132,
                'ʧ', 133, 'ʊ', 135, 'ʋ', 136, 'ʌ', 138, 'ɣ', 139, 'ɤ', 140, 'χ', 142, 'ʎ', 143, 'ʒ', 147, 'ʔ', 148,
                'ˈ', 156, 'ˌ', 157, 'ː', 158, 'ʰ', 162, 'ʲ', 164, '↓', 169, '→', 171, '↗', 172, '↘', 173, 'ᵻ', 177};
        for (int i = 0; i < v.length; i += 2) VOCAB.put((int) (Character) v[i], (Integer) v[i + 1]);
    }

    private static final Pattern PUNCT = Pattern.compile("(\\s*[;:,.!?¡¿—…\"«»“”(){}\\[\\]]+\\s*)+");

    /** The espeak-ng voice kokoro-js uses for G2P: {@code en-us} for American voices, {@code en-gb} for British. */
    public static String espeakVoice(Language language) {
        return switch (language.kokoroPrefix()) {
            case 'a' -> "en-us";
            case 'b' -> "en-gb";
            default -> language.espeakVoice();
        };
    }

    /** IPA phoneme string for {@code text} (before the vocab lookup). */
    public static String phonemize(String text, Language language) {
        String voice = espeakVoice(language);
        Espeak espeak = Espeak.get();
        StringBuilder sb = new StringBuilder();
        Matcher m = PUNCT.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) sb.append(espeakJoined(espeak, text.substring(last, m.start()), voice));
            sb.append(m.group());
            last = m.end();
        }
        if (last < text.length()) sb.append(espeakJoined(espeak, text.substring(last), voice));
        String s = sb.toString()
                .replace("kəkˈoːɹoʊ", "kˈoʊkəɹoʊ").replace("kəkˈɔːɹəʊ", "kˈəʊkəɹəʊ")
                .replace("ʲ", "j").replace("r", "ɹ").replace("x", "k").replace("ɬ", "l")
                .replaceAll("(?<=[a-zɹː])(?=hˈʌndɹɪd)", " ")
                .replaceAll(" z(?=[;:,.!?¡¿—…\"«»“” ]|$)", "z");
        if (language.kokoroPrefix() == 'a') s = s.replaceAll("(?<=nˈaɪn)ti(?!ː)", "di");
        return s.strip();
    }

    /** espeak-ng's two-symbol diphthongs and affricates and other symbols, to misaki's (American English). */
    private static final String[][] TO_MISAKI = {
            {"\u0303", ""}, {"aɪ", "I"}, {"aʊ", "W"}, {"dʒ", "ʤ"}, {"tʃ", "ʧ"}, {"eɪ", "A"}, {"e", "A"},
            {"ɔɪ", "Y"}, {"oʊ", "O"}, {"ɚ", "əɹ"}, {"ç", "k"}, {"ɐ", "ə"}, {"ʔ", "t"}, {"ɜːɹ", "ɜɹ"},
            {"ɜː", "ɜɹ"}, {"ɪə", "iə"}, {"ː", ""}, {"o", "ɔ"}};
    private static final Pattern SYLLABIC = Pattern.compile("(\\S)\u0329");

    /**
     * American English phonemes in misaki's alphabet, the one Kokoro and its students were trained on: {@link #phonemize}
     * keeps espeak-ng's two-symbol diphthongs ({@code aʊ}, {@code eɪ}, {@code oʊ}) and affricates ({@code dʒ}) and its
     * length marks, which Kokoro tolerates and its small students (hibari) mispronounce ("brown" heard as "burn",
     * "dog" as "die"); misaki writes them {@code W A O ʤ}, without length marks, {@code ɚ} as {@code əɹ}, syllabic
     * consonants with a leading {@code ᵊ}.
     */
    public static String misakiAmerican(String espeakPhonemes) {
        String s = SYLLABIC.matcher(espeakPhonemes).replaceAll("ᵊ$1");
        for (String[] r : TO_MISAKI) s = s.replace(r[0], r[1]);
        return s;
    }

    private static String espeakJoined(Espeak espeak, String part, String voice) {
        if (part.isBlank()) return part;
        List<String> clauses = new ArrayList<>();
        for (Espeak.Clause c : espeak.phonemize(part, voice)) if (!c.ipa().isEmpty()) clauses.add(c.ipa());
        return String.join(" ", clauses);
    }

    /** Token ids of a phoneme string, without the pads; unknown symbols dropped. */
    public static int[] tokens(String phonemes) {
        return phonemes.codePoints().map(cp -> VOCAB.getOrDefault(cp, -1)).filter(id -> id >= 0).toArray();
    }

    /** Splits a token sequence longer than {@link #MAX_TOKENS} at spaces (id 16) or punctuation. */
    public static List<int[]> chunks(int[] tokens) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        while (tokens.length - start > MAX_TOKENS) {
            int cut = -1;
            for (int i = start + MAX_TOKENS; i > start + MAX_TOKENS / 2; i--) {
                int t = tokens[i - 1];
                if (t == 16 || (t >= 1 && t <= 6)) {
                    cut = i;
                    break;
                }
            }
            if (cut < 0) cut = start + MAX_TOKENS;
            out.add(java.util.Arrays.copyOfRange(tokens, start, cut));
            start = cut;
        }
        if (start < tokens.length) out.add(java.util.Arrays.copyOfRange(tokens, start, tokens.length));
        return out;
    }
}
