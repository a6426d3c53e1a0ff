package dev.parley.engines.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LanguagesTest {
    @Test
    void everyPublishedCodeResolvesCaseInsensitively() {
        for (String code : Languages.supported()) {
            if (code.equals("auto")) continue;
            assertThat(Languages.resolve(code.toUpperCase(), "x").code()).isEqualTo(code);
        }
    }

    @Test
    void publishedListIsAutoPlusTwentyCodes() {
        assertThat(Languages.supported()).hasSize(21).startsWith("auto");
    }

    @Test
    void unsupportedLanguageIsATypedErrorNamingTheSupportedOnes() {
        assertThatThrownBy(() -> Languages.resolve("xx-YY", "hi"))
                .isInstanceOf(UnsupportedLanguageException.class)
                .hasMessageContaining("xx-YY").hasMessageContaining("en").hasMessageContaining("pt-BR");
    }

    @Test
    void englishSelectsTheAmericanEspeakVoiceAndKokoroPrefix() {
        Language en = Languages.resolve("en", null);
        assertThat(en.espeakVoice()).isEqualTo("en-us");
        assertThat(en.kokoroPrefix()).isEqualTo('a');
    }

    @Test
    void languageWithoutKokoroVoicesSaysSo() {
        assertThat(Languages.resolve("de", null).hasKokoro()).isFalse();
        assertThat(Languages.resolve("es-MX", null).kokoroPrefix()).isEqualTo('e');
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Hello, how are you today?|en",
            "Hola, ¿cómo estás? Está muy bien.|es-ES",
            "Bonjour, je suis là et c'est très bien.|fr",
            "Das ist nicht gut und ich bin müde.|de",
            "こんにちは、世界。|ja",
            "你好，世界。|zh",
            "안녕하세요|ko",
            "नमस्ते दुनिया|hi",
            "Привет, мир|ru",
            "مرحبا بالعالم|ar-SA",
            "Você não está com fome?|pt-BR",
            "12345|en",
    })
    void autoDetectsFromScriptAndCommonWords(String text, String code) {
        assertThat(Languages.resolve("auto", text).code()).isEqualTo(code);
    }
}
