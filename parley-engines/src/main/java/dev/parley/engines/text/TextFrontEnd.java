package dev.parley.engines.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole text front end: speech tags, normalisation, chunking. Turns request text into the ordered pieces an
 * engine synthesises one by one. Stateless and thread-safe.
 */
public final class TextFrontEnd {
    private TextFrontEnd() {}

    /**
     * Options.
     *
     * @param normalize  apply the written-form rules ({@link TextNormalizer}) for English; the {@code replace}
     *                   dictionary applies either way
     * @param replace    pronunciation substitutions, may be empty
     * @param chunks     the chunk policy of the utterance
     * @param firstChunk the index in the utterance of the first chunk this text makes (text that arrives in pieces
     *                   continues the utterance's chunk sizes)
     */
    public record Options(boolean normalize, Map<String, String> replace, ChunkPolicy chunks, int firstChunk) {
        /** Normalise, no replacements, the default chunk policy, the start of an utterance. */
        public static final Options DEFAULT = new Options(true, Map.of(), ChunkPolicy.DEFAULT, 0);

        public Options {
            replace = replace == null ? Map.of() : Map.copyOf(replace);
        }
    }

    /** Plans {@code text} with {@link Options#DEFAULT}. */
    public static List<SpeechPiece> plan(String text, Language language) {
        return plan(text, language, Options.DEFAULT);
    }

    /**
     * Plans {@code text}: tags become pauses and prosody, each speech piece is normalised and split into chunks within
     * the policy's limits. Pieces with nothing to pronounce (only punctuation) are dropped.
     */
    public static List<SpeechPiece> plan(String text, Language language, Options options) {
        List<SpeechPiece> out = new ArrayList<>();
        int[] index = {options.firstChunk()};
        for (SpeechPiece p : SpeechTags.parse(text)) {
            if (p instanceof SpeechPiece.Pause pause) {
                out.add(pause);
                continue;
            }
            SpeechPiece.Speech s = (SpeechPiece.Speech) p;
            String t = options.normalize()
                    ? TextNormalizer.normalize(s.text(), language.code(), options.replace())
                    : TextNormalizer.applyReplace(s.text(), options.replace());
            int base = index[0];
            for (SentenceSplitter.Chunk c : SentenceSplitter.split(t, i -> options.chunks().limit(base + i))) {
                if (c.text().codePoints().noneMatch(Character::isLetterOrDigit)) continue;
                out.add(new SpeechPiece.Speech(c.text(), s.prosody(), c.sentenceEnd()));
                index[0]++;
            }
        }
        return out;
    }
}
