package dev.parley.engines.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one chunk policy: a short first chunk, then chunks that double up to the limit, cut at clause marks or spaces. */
class ChunkPolicyTest {
    static final Language EN = Languages.resolve("en", "");
    static final ChunkPolicy TWENTY = new ChunkPolicy(20, 250);

    static List<SpeechPiece> plan(String text, int firstChunk) {
        return TextFrontEnd.plan(text, EN, new TextFrontEnd.Options(false, Replacements.NONE, TWENTY, firstChunk));
    }

    static List<String> texts(List<SpeechPiece> pieces) {
        return pieces.stream().filter(p -> p instanceof SpeechPiece.Speech)
                .map(p -> ((SpeechPiece.Speech) p).text()).toList();
    }

    @Test
    void chunksAfterTheFirstGrowByDoublingUpToTheLimit() {
        String sentence = "word ".repeat(120).strip() + ".";
        List<String> out = texts(plan("Short start. " + sentence, 0));
        assertThat(out.getFirst()).isEqualTo("Short start.");
        assertThat(out.get(1).length()).isLessThanOrEqualTo(40);
        assertThat(out.get(2).length()).isBetween(41, 80);
        assertThat(out.get(3).length()).isBetween(81, 160);
        assertThat(out).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(ChunkPolicy.MAX_CHARS));
        assertThat(String.join(" ", out.subList(1, out.size()))).isEqualTo(sentence);
    }

    @Test
    void textThatContinuesAnUtteranceContinuesItsChunkSizes() {
        assertThat(texts(plan("word ".repeat(30).strip() + ".", 3)).getFirst().length()).isGreaterThan(80);
        assertThat(TWENTY.limit(0)).isEqualTo(20);
        assertThat(TWENTY.limit(3)).isEqualTo(160);
        assertThat(TWENTY.limit(30)).isEqualTo(250);
    }

    @Test
    void onlyTheLastPieceOfACutSentenceEndsTheSentence() {
        String sentence = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen.";
        List<SpeechPiece.Speech> speech = plan("Hi. " + sentence, 0).stream().map(p -> (SpeechPiece.Speech) p).toList();
        assertThat(speech.size()).isGreaterThan(2);
        assertThat(speech.getLast().sentenceEnd()).isTrue();
        assertThat(speech.subList(1, speech.size() - 1)).allSatisfy(s -> assertThat(s.sentenceEnd()).isFalse());
    }

    @Test
    void pausesStayInPlace() {
        assertThat(plan("Hello. [pause] World.", 0)).containsExactly(new SpeechPiece.Speech("Hello.", Prosody.NORMAL, true),
                new SpeechPiece.Pause(500), new SpeechPiece.Speech("World.", Prosody.NORMAL, true));
    }

    @Test
    void anEngineLimitLowersOnlyTheFirstChunkAndTheRestDoubleFromIt() {
        ChunkPolicy p = ChunkPolicy.DEFAULT.firstAtMost(20);
        assertThat(p).isEqualTo(new ChunkPolicy(20, ChunkPolicy.MAX_CHARS));
        assertThat(p.limit(1)).isEqualTo(40);
        assertThat(ChunkPolicy.forLatency(2).firstAtMost(32)).as("the request's shorter limit wins")
                .isEqualTo(ChunkPolicy.forLatency(2));
        assertThat(ChunkPolicy.DEFAULT.firstAtMost(Integer.MAX_VALUE)).isSameAs(ChunkPolicy.DEFAULT);
        assertThat(ChunkPolicy.DEFAULT.firstAtMost(1).firstChars()).isEqualTo(ChunkPolicy.MIN_FIRST_CHARS);
    }

    @Test
    void latencyPicksTheFirstChunkLength() {
        assertThat(ChunkPolicy.forLatency(0).firstChars()).isEqualTo(48);
        assertThat(ChunkPolicy.forLatency(1).firstChars()).isEqualTo(32);
        assertThat(ChunkPolicy.forLatency(2).firstChars()).isEqualTo(20);
        assertThat(ChunkPolicy.forLatency(9)).isEqualTo(ChunkPolicy.forLatency(2));
    }
}
