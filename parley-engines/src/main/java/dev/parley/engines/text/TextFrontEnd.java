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
     * @param normalize       apply the written-form rules ({@link TextNormalizer}) for English; the {@code replace}
     *                        dictionary applies either way
     * @param replace         pronunciation substitutions, may be empty
     * @param firstChunkChars limit of the first chunk (short, for a fast first audio)
     * @param chunkChars      limit of the other chunks
     */
    public record Options(boolean normalize, Map<String, String> replace, int firstChunkChars, int chunkChars) {
        /** Normalise, no replacements, first chunk up to 48 characters (fast first audio), then up to 250. */
        public static final Options DEFAULT = new Options(true, Map.of(), 48, 250);

        public Options {
            replace = replace == null ? Map.of() : Map.copyOf(replace);
        }
    }

    /** Plans {@code text} with {@link Options#DEFAULT}. */
    public static List<SpeechPiece> plan(String text, Language language) {
        return plan(text, language, Options.DEFAULT);
    }

    /**
     * Plans {@code text}: tags become pauses and prosody, each speech piece is normalised and split into chunks of
     * at most the configured lengths. Pieces with nothing to pronounce (only punctuation) are dropped.
     */
    public static List<SpeechPiece> plan(String text, Language language, Options options) {
        List<SpeechPiece> out = new ArrayList<>();
        boolean first = true;
        for (SpeechPiece p : SpeechTags.parse(text)) {
            if (p instanceof SpeechPiece.Pause pause) {
                out.add(pause);
                continue;
            }
            SpeechPiece.Speech s = (SpeechPiece.Speech) p;
            String t = options.normalize()
                    ? TextNormalizer.normalize(s.text(), language.code(), options.replace())
                    : TextNormalizer.applyReplace(s.text(), options.replace());
            for (SentenceSplitter.Chunk c : SentenceSplitter.split(t,
                    first ? options.firstChunkChars() : options.chunkChars(), options.chunkChars())) {
                if (c.text().codePoints().noneMatch(Character::isLetterOrDigit)) continue;
                out.add(new SpeechPiece.Speech(c.text(), s.prosody(), c.sentenceEnd()));
                first = false;
            }
        }
        return out;
    }
}
