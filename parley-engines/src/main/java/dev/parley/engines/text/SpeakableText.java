package dev.parley.engines.text;

import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the voices of a language can pronounce, and text with the rest taken out before it reaches an engine. A
 * speech engine asked to read characters outside its language either says nothing or spells each one out by name
 * (espeak-ng reads a Chinese character in English as a long description), which costs seconds of audio per
 * character; so the front end never hands an engine such characters.
 *
 * <p>The rule, per piece of text the front end plans:
 * <ol>
 *   <li>Invisible characters (format characters such as zero-width spaces and joiners, byte-order marks), lone
 *       surrogates, private-use and unassigned code points are removed; control characters other than whitespace,
 *       emoji and pictographs (with their modifiers, variation selectors, keycaps and flag letters) become a space.</li>
 *   <li>Letters, digits and marks of a script the language is not written in ({@link #scripts}) become a space,
 *       with the combining marks that follow them; digits and punctuation common to all scripts stay.</li>
 *   <li>When more letters are taken out by rule 2 than are left, the text is refused
 *       ({@link UnspeakableTextException}: "text is in a script the 'en' voice cannot speak: Han (80 of 80
 *       letters)") rather than read with most of it missing.</li>
 *   <li>What is left with no letter or digit has nothing to pronounce; the front end plans nothing for it.</li>
 * </ol>
 * Every language may also contain Latin letters (names, brands and acronyms in running text). With {@code auto}, the
 * language is detected from the script that has the most letters ({@link Languages#detect}), so rule 3 refuses only
 * text in a script no supported language is written in (Greek, Hebrew, Thai, ...).
 *
 * <p>Stateless and thread-safe; linear in the text's length.
 */
public final class SpeakableText {
    private SpeakableText() {}

    private static final Set<UnicodeScript> LATIN = EnumSet.of(UnicodeScript.LATIN);

    /**
     * The scripts {@code language} is written in, besides the characters common to all scripts (digits, punctuation):
     * Latin for English, Spanish, French, German, Italian, Portuguese, Indonesian, Turkish and Vietnamese; Cyrillic for
     * Russian; Han and Bopomofo for Chinese; Han, Hiragana and Katakana for Japanese; Hangul for Korean; Devanagari for
     * Hindi; Bengali for Bengali; Arabic for Arabic; each with Latin as well.
     */
    public static Set<UnicodeScript> scripts(Language language) {
        String base = language.code().toLowerCase(Locale.ROOT);
        int dash = base.indexOf('-');
        if (dash > 0) base = base.substring(0, dash);
        Set<UnicodeScript> s = EnumSet.of(UnicodeScript.LATIN);
        switch (base) {
            case "ru" -> s.add(UnicodeScript.CYRILLIC);
            case "zh" -> s.addAll(EnumSet.of(UnicodeScript.HAN, UnicodeScript.BOPOMOFO));
            case "ja" -> s.addAll(EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA));
            case "ko" -> s.add(UnicodeScript.HANGUL);
            case "hi" -> s.add(UnicodeScript.DEVANAGARI);
            case "bn" -> s.add(UnicodeScript.BENGALI);
            case "ar" -> s.add(UnicodeScript.ARABIC);
            default -> { }
        }
        return s;
    }

    /**
     * Letters kept and taken out over the pieces of one text, for rule 3. Not thread-safe: one per plan.
     */
    static final class Tally {
        private final Language language;
        private final Set<UnicodeScript> scripts;
        private final boolean latinOnly;
        private final Map<UnicodeScript, Integer> foreign = new EnumMap<>(UnicodeScript.class);
        private int kept;
        private int dropped;

        Tally(Language language) {
            this.language = language;
            this.scripts = scripts(language);
            this.latinOnly = scripts.equals(LATIN);
        }

        /**
         * Refuses the text when more of its letters were taken out than kept (rule 3).
         *
         * @throws UnspeakableTextException naming the script most of the taken-out letters are in
         */
        void check() {
            if (dropped == 0 || dropped <= kept) return;
            UnicodeScript most = foreign.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            throw new UnspeakableTextException("text is in a script the '" + language.code() + "' voice cannot speak: "
                    + name(most) + " (" + dropped + " of " + (dropped + kept) + " letters)");
        }
    }

    /**
     * {@code text} with what {@code tally}'s language cannot pronounce taken out (rules 1 and 2), counting its letters
     * into {@code tally}. Reads each character once.
     */
    static String filter(CharSequence text, Tally tally) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        boolean afterDropped = false;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int cp = c;
            int len = 1;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                cp = Character.toCodePoint(c, text.charAt(i + 1));
                len = 2;
            }
            i += len;
            int type = Character.getType(cp);
            switch (type) {
                case Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> {
                    continue; // removed; afterDropped unchanged: a mark after an invisible one goes with what preceded
                }
                case Character.CONTROL -> {
                    out.append(Character.isWhitespace(cp) ? c : ' ');
                    afterDropped = false;
                    continue;
                }
                case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> {
                    if (afterDropped || isEmojiPart(cp) || !speakable(cp, tally)) {
                        afterDropped = true;
                        continue;
                    }
                    out.appendCodePoint(cp);
                    continue;
                }
                default -> { }
            }
            if (Character.isExtendedPictographic(cp) || isEmojiPart(cp)) {
                out.append(' ');
                afterDropped = true;
                continue;
            }
            boolean letter = Character.isLetter(cp);
            if ((letter || Character.isDigit(cp)) && !speakable(cp, tally)) {
                if (letter) {
                    tally.dropped++;
                    tally.foreign.merge(scriptOf(cp), 1, Integer::sum);
                }
                out.append(' ');
                afterDropped = true;
                continue;
            }
            if (letter) tally.kept++;
            out.appendCodePoint(cp);
            afterDropped = false;
        }
        return out.toString();
    }

    /** Emoji modifiers, regional-indicator (flag) letters, variation selectors, the keycap and tag characters. */
    private static boolean isEmojiPart(int cp) {
        return Character.isEmojiModifier(cp)
                || (cp >= 0x1F1E6 && cp <= 0x1F1FF)
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
                || cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F);
    }

    private static boolean speakable(int cp, Tally tally) {
        UnicodeScript s = UnicodeScript.of(cp);
        if (s == UnicodeScript.COMMON || s == UnicodeScript.INHERITED) {
            // Letters common to several scripts beyond the Latin and IPA ranges (the Japanese prolonged-sound mark,
            // CJK compatibility letters) belong to the languages written in other scripts.
            return cp < 0x0370 || !Character.isLetter(cp) || !tally.latinOnly;
        }
        return tally.scripts.contains(s);
    }

    private static UnicodeScript scriptOf(int cp) {
        UnicodeScript s = UnicodeScript.of(cp);
        if (s != UnicodeScript.COMMON && s != UnicodeScript.INHERITED) return s;
        Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
        if (b == Character.UnicodeBlock.KATAKANA || b == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS) {
            return UnicodeScript.KATAKANA;
        }
        return s;
    }

    private static String name(UnicodeScript s) {
        String n = s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
