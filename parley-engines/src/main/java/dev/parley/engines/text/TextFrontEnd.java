package dev.parley.engines.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The whole text front end: speech tags, the {@code replace} substitutions, what the language can pronounce,
 * normalisation, chunking. Turns request text into the ordered pieces an engine synthesises one by one. Stateless and
 * thread-safe.
 *
 * <p>Steps, in order: {@link SpeechTags} (pauses, prosody), {@link Replacements} (one pass over each piece of speech;
 * the text they make is bounded), {@link SpeakableText} (invisible characters, emoji and letters of other scripts
 * taken out; text mostly in another script refused), {@link TextNormalizer} (English written forms), then
 * {@link SentenceSplitter} by the {@link ChunkPolicy}. Every step is linear in the length of the text it reads, so
 * planning a text costs time in proportion to its length whatever its shape.
 */
public final class TextFrontEnd {
    private TextFrontEnd() {}

    /**
     * Options.
     *
     * @param normalize  apply the written-form rules ({@link TextNormalizer}) for English; the {@code replace}
     *                   substitutions apply either way
     * @param replace    pronunciation substitutions with the bound on the text they make ({@link Replacements#NONE}
     *                   when null)
     * @param chunks     the chunk policy of the utterance
     * @param firstChunk the index in the utterance of the first chunk this text makes (text that arrives in pieces
     *                   continues the utterance's chunk sizes)
     */
    public record Options(boolean normalize, Replacements replace, ChunkPolicy chunks, int firstChunk) {
        /** Normalise, no replacements, the default chunk policy, the start of an utterance. */
        public static final Options DEFAULT = new Options(true, Replacements.NONE, ChunkPolicy.DEFAULT, 0);

        public Options {
            if (replace == null) replace = Replacements.NONE;
            if (chunks == null) chunks = ChunkPolicy.DEFAULT;
        }
    }

    /** Plans {@code text} with {@link Options#DEFAULT}. */
    public static List<SpeechPiece> plan(String text, Language language) {
        return plan(text, language, Options.DEFAULT);
    }

    /**
     * Plans {@code text}: tags become pauses and prosody, each speech piece gets its substitutions, loses what the
     * language cannot pronounce, is normalised and split into chunks within the policy's limits. Chunks with nothing to
     * pronounce (no letter or digit) are dropped, so the result is empty when the whole text has nothing to pronounce.
     *
     * @throws UnspeakableTextException when the substitutions make the text longer than their bound
     *                                  ({@link Replacements#maxChars()}), or when most of its letters are in a script
     *                                  the language is not written in ({@link SpeakableText})
     */
    public static List<SpeechPiece> plan(String text, Language language, Options options) {
        return plan(text, language, options, UnaryOperator.identity());
    }

    /**
     * As {@link #plan(String, Language, Options)}, every step reading its input through {@code reading} (identity in
     * production; tests wrap it to count the characters each step reads).
     */
    static List<SpeechPiece> plan(CharSequence text, Language language, Options options,
            UnaryOperator<CharSequence> reading) {
        // Substitutions and the script check first, over the whole text: both refuse it as a whole.
        SpeakableText.Tally tally = new SpeakableText.Tally(language);
        Replacements replace = options.replace();
        int budget = replace.maxChars();
        List<SpeechPiece> pieces = new ArrayList<>();
        for (SpeechPiece p : SpeechTags.parse(reading.apply(text))) {
            if (p instanceof SpeechPiece.Speech s) {
                String t = replace.apply(reading.apply(s.text()), budget);
                budget -= t.codePointCount(0, t.length());
                pieces.add(new SpeechPiece.Speech(SpeakableText.filter(reading.apply(t), tally), s.prosody()));
            } else {
                pieces.add(p);
            }
        }
        tally.check();

        List<SpeechPiece> out = new ArrayList<>();
        int index = options.firstChunk();
        for (SpeechPiece p : pieces) {
            if (!(p instanceof SpeechPiece.Speech s)) {
                out.add(p);
                continue;
            }
            String t = options.normalize() && language.english()
                    ? TextNormalizer.normalizeEnglish(s.text(), reading) : s.text();
            int base = index;
            for (SentenceSplitter.Chunk c : SentenceSplitter.split(reading.apply(t), i -> options.chunks().limit(base + i))) {
                if (!Chars.hasLetterOrDigit(c.text())) continue;
                out.add(new SpeechPiece.Speech(c.text(), s.prosody(), c.sentenceEnd()));
                index++;
            }
        }
        return out;
    }
}
