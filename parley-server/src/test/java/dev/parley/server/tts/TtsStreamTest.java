package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of TTS WebSocket client messages (spec §6.2). */
class TtsStreamTest {

    @Test
    void deltaCarriesItsText() {
        assertThat(TtsStream.parse("{\"type\":\"text.delta\",\"delta\":\"Hi. \"}"))
                .isEqualTo(new TtsStream.In.Delta("Hi. "));
    }

    @Test
    void malformedJsonIsInvalidAndSaysSo() {
        assertThat(TtsStream.parse("{\"type\":")).isInstanceOfSatisfying(TtsStream.In.Invalid.class,
                i -> assertThat(i.message()).startsWith("Invalid JSON"));
    }

    @Test
    void messageWithoutTypeIsInvalid() {
        assertThat(TtsStream.parse("{\"delta\":\"x\"}")).isInstanceOf(TtsStream.In.Invalid.class);
    }

    @Test
    void deltaThatIsNotAStringIsInvalid() {
        assertThat(TtsStream.parse("{\"type\":\"text.delta\",\"delta\":5}")).isInstanceOf(TtsStream.In.Invalid.class);
    }

    @Test
    void sessionUpdateReplaceIsReadAtTopLevelOrInsideSession() {
        assertThat(TtsStream.parse("{\"type\":\"session.update\",\"replace\":{\"Acme\":\"Ack me\"}}"))
                .isEqualTo(new TtsStream.In.Update(Map.of("Acme", "Ack me")));
        assertThat(TtsStream.parse("{\"type\":\"session.update\",\"session\":{\"replace\":{\"a\":\"b\"}}}"))
                .isEqualTo(new TtsStream.In.Update(Map.of("a", "b")));
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(TtsStream.parse("{\"type\":\"text.done\",\"event_id\":\"e1\",\"extra\":[1]}"))
                .isEqualTo(new TtsStream.In.Done());
    }
}
