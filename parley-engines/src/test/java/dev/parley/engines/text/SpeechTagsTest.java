package dev.parley.engines.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpeechTagsTest {
    private static String spoken(List<SpeechPiece> pieces) {
        StringBuilder sb = new StringBuilder();
        for (SpeechPiece p : pieces) if (p instanceof SpeechPiece.Speech s) sb.append(s.text()).append(' ');
        return sb.toString().strip();
    }

    @Test
    void pauseBecomesHalfASecondOfSilence() {
        assertThat(SpeechTags.parse("Hello [pause] world")).containsExactly(
                new SpeechPiece.Speech("Hello", Prosody.NORMAL),
                new SpeechPiece.Pause(500),
                new SpeechPiece.Speech("world", Prosody.NORMAL));
    }

    @Test
    void longPauseIsLongerThanPause() {
        assertThat(SpeechTags.parse("a [long-pause] b").get(1)).isEqualTo(new SpeechPiece.Pause(1200));
    }

    @Test
    void nonVerbalTagsAreShortPausesAndNeverSpoken() {
        for (String tag : List.of("laugh", "chuckle", "giggle", "breath", "inhale", "exhale", "sigh", "cry", "tsk",
                "tongue-click", "lip-smack", "hum-tune")) {
            List<SpeechPiece> p = SpeechTags.parse("Hello [" + tag + "] world");
            assertThat(spoken(p)).as(tag).isEqualTo("Hello world");
            assertThat(p.get(1)).as(tag).isInstanceOf(SpeechPiece.Pause.class);
            assertThat(((SpeechPiece.Pause) p.get(1)).millis()).as(tag).isBetween(100, 500);
        }
    }

    @Test
    void tagNamesAreCaseInsensitive() {
        assertThat(SpeechTags.parse("Hi [LAUGH] there <SLOW>now</SLOW>")).hasSize(4);
        assertThat(spoken(SpeechTags.parse("Hi [Laugh] there"))).isEqualTo("Hi there");
    }

    @Test
    void wrappingTagChangesProsodyOfEnclosedWordsOnly() {
        List<SpeechPiece> p = SpeechTags.parse("one <slow>two</slow> three");
        assertThat(p).hasSize(3);
        assertThat(((SpeechPiece.Speech) p.get(1)).prosody().rate()).isLessThan(1);
        assertThat(((SpeechPiece.Speech) p.get(2)).prosody()).isEqualTo(Prosody.NORMAL);
    }

    @Test
    void everyWrappingTagIsStrippedFromTheSpokenText() {
        for (String tag : SpeechTags.WRAPPING.keySet()) {
            assertThat(spoken(SpeechTags.parse("say <" + tag + ">this</" + tag + "> now"))).as(tag).isEqualTo("say this now");
        }
    }

    @Test
    void nestedWrappingTagsCombine() {
        List<SpeechPiece> p = SpeechTags.parse("<whisper>a <slow>b</slow></whisper>");
        Prosody inner = ((SpeechPiece.Speech) p.get(1)).prosody();
        assertThat(inner.whisper()).isTrue();
        assertThat(inner.rate()).isLessThan(((SpeechPiece.Speech) p.get(0)).prosody().rate());
    }

    @Test
    void softLowersAndLoudRaisesVolume() {
        assertThat(((SpeechPiece.Speech) SpeechTags.parse("<soft>x</soft>").get(0)).prosody().volume()).isLessThan(1);
        assertThat(((SpeechPiece.Speech) SpeechTags.parse("<loud>x</loud>").get(0)).prosody().volume()).isGreaterThan(1);
    }

    @Test
    void unclosedWrappingTagLastsToTheEnd() {
        List<SpeechPiece> p = SpeechTags.parse("a <fast>b c");
        assertThat(((SpeechPiece.Speech) p.get(1)).text()).isEqualTo("b c");
        assertThat(((SpeechPiece.Speech) p.get(1)).prosody().rate()).isGreaterThan(1);
    }

    @Test
    void strayClosingTagIsDropped() {
        assertThat(SpeechTags.parse("a </loud> b")).containsExactly(new SpeechPiece.Speech("a b", Prosody.NORMAL));
    }

    @Test
    void unknownTagIsSpokenWithoutBrackets() {
        assertThat(spoken(SpeechTags.parse("press [enter] or <b>this</b>"))).isEqualTo("press enter or b this b");
    }

    @Test
    void loneBracketsAreDroppedNotAnError() {
        assertThat(spoken(SpeechTags.parse("a [ b < c ] d > e [pause"))).isEqualTo("a b c d e pause");
    }

    @Test
    void textOfOnlyTagsHasNoSpeech() {
        assertThat(SpeechTags.parse("[pause][laugh]")).containsExactly(new SpeechPiece.Pause(800));
    }
}
