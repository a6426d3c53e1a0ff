package dev.parley.engines.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What reaches an engine: never letters the language cannot speak, never a text with nothing to pronounce. */
class SpeakableTextTest {
    static final Language EN = Languages.resolve("en", "");
    /** Eighty Chinese characters, as in the reliability report. */
    static final String CJK_80 = "我们今天去公园散步天气很好阳光明媚小朋友们在草地上玩耍老人们在树下下棋年轻人在湖边跑步".repeat(2)
            .substring(0, 80);

    static List<String> chunks(String text, Language language) {
        return TextFrontEnd.plan(text, language).stream()
                .map(p -> ((SpeechPiece.Speech) p).text()).toList();
    }

    @Test
    void eightyChineseCharactersWithEnglishAreRefusedNamingTheScript() {
        assertThat(CJK_80.codePointCount(0, CJK_80.length())).isEqualTo(80);
        assertThatThrownBy(() -> TextFrontEnd.plan(CJK_80, EN)).isInstanceOf(UnspeakableTextException.class)
                .hasMessage("text is in a script the 'en' voice cannot speak: Han (80 of 80 letters)");
    }

    @Test
    void eightyChineseCharactersWithAutoAreChineseAndSpoken() {
        Language zh = Languages.resolve("auto", CJK_80);
        assertThat(zh.code()).isEqualTo("zh");
        assertThat(String.join("", chunks(CJK_80, zh))).isEqualTo(CJK_80);
    }

    @Test
    void aFewLettersOfAnotherScriptAreTakenOutNotSpelledOut() {
        assertThat(chunks("Hello 世界 world, привет.", EN)).containsExactly("Hello world, .");
    }

    @Test
    void greekWithEnglishIsRefused() {
        assertThatThrownBy(() -> TextFrontEnd.plan("Καλημέρα κόσμε", EN)).isInstanceOf(UnspeakableTextException.class)
                .hasMessageContaining("Greek");
    }

    @Test
    void japaneseKeepsItsProlongedSoundMarkAndLatinWords() {
        Language ja = Languages.resolve("ja", "");
        assertThat(chunks("コーヒーとOK", ja)).containsExactly("コーヒーとOK");
    }

    @Test
    void russianIsSpokenInRussianButNotInEnglish() {
        assertThat(chunks("Привет, мир.", Languages.resolve("ru", ""))).containsExactly("Привет, мир.");
        assertThatThrownBy(() -> TextFrontEnd.plan("Привет, мир.", EN)).hasMessageContaining("Cyrillic");
    }

    @Test
    void emojiAndInvisibleCharactersAreTakenOutOfWords() {
        assertThat(chunks("I love it 😀👍🏽! Zero\u200Bwidth and soft\u00ADhyphen.", EN))
                .containsExactly("I love it !", "Zerowidth and softhyphen.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200B\u200C\u200D\uFEFF\u2060", "...!!!???,,,;;;---", "😀🎉👍🏽🇫🇷❤️", "\uD800",
            "\uDC00 \uD83D", "[laugh] ... [breath]", " \t\n "})
    void textWithNothingToPronounceMakesNoSpeech(String text) {
        assertThat(TextFrontEnd.plan(text, EN)).noneMatch(p -> p instanceof SpeechPiece.Speech);
    }

    @Test
    void digitsAreSpokenInEveryLanguage() {
        assertThat(chunks("42", Languages.resolve("zh", ""))).containsExactly("42");
    }
}
