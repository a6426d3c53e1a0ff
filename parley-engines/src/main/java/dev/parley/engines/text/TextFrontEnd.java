package dev.parley.engines.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The whole text front end: speech tags, the {@code replace} substitutions, normalisation, chunking. Turns request text
 * into the ordered pieces an engine synthesises one by one. Stateless and thread-safe.
 *
 * <p>Steps, in order: {@link SpeechTags} (pauses, prosody), {@link Replacements} (one pass over each piece of speech;
 * the text they make is bounded), {@link TextNormalizer} (English written forms), then {@link SentenceSplitter} by the
 * {@link ChunkPolicy}. Every step is linear in the length of the text it reads, so planning a text costs time in
 * proportion to its length whatever its shape.
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
     * Plans {@code text}: tags become pauses and prosody, each speech piece gets its substitutions, is normalised and
     * split into chunks within the policy's limits. Chunks with nothing to pronounce (no letter or digit) are dropped.
     *
     * @throws UnspeakableTextException when the substitutions make the text longer than their bound
     *                                  ({@link Replacements#maxChars()})
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
        // Substitutions first, over the whole text: their bound refuses it as a whole.
        Replacements replace = options.replace();
        int budget = replace.maxChars();
        List<SpeechPiece> pieces = new ArrayList<>();
        for (SpeechPiece p : SpeechTags.parse(reading.apply(text))) {
            if (p instanceof SpeechPiece.Speech s) {
                String t = replace.apply(reading.apply(s.text()), budget);
                budget -= t.codePointCount(0, t.length());
                pieces.add(new SpeechPiece.Speech(t, s.prosody()));
            } else {
                pieces.add(p);
            }
        }

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
