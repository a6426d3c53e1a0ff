package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.ConfigLoader;
import dev.parley.server.http.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Parsing of TTS WebSocket client messages (spec §6.2). */
class TtsStreamTest {
    static final TtsSettings SETTINGS = TtsSettings.of(ConfigLoader.defaults().tts());

    static TtsStream.In parse(String message) {
        return TtsStream.parse(message, SETTINGS);
    }

    @Test
    void deltaCarriesItsText() {
        assertThat(parse("{\"type\":\"text.delta\",\"delta\":\"Hi. \"}"))
                .isEqualTo(new TtsStream.In.Delta("Hi. "));
    }

    @Test
    void malformedJsonIsInvalidAndSaysSo() {
        assertThat(parse("{\"type\":")).isInstanceOfSatisfying(TtsStream.In.Invalid.class,
                i -> assertThat(i.message()).startsWith("Invalid JSON"));
    }

    @Test
    void messageWithoutTypeIsInvalid() {
        assertThat(parse("{\"delta\":\"x\"}")).isInstanceOf(TtsStream.In.Invalid.class);
    }

    @Test
    void deltaThatIsNotAStringIsInvalid() {
        assertThat(parse("{\"type\":\"text.delta\",\"delta\":5}")).isInstanceOf(TtsStream.In.Invalid.class);
    }

    @Test
    void sessionUpdateReplaceIsReadAtTopLevelOrInsideSession() {
        assertThat(parse("{\"type\":\"session.update\",\"replace\":{\"Acme\":\"Ack me\"}}"))
                .isInstanceOfSatisfying(TtsStream.In.Update.class,
                        u -> assertThat(u.replace().entries()).isEqualTo(Map.of("Acme", "Ack me")));
        assertThat(parse("{\"type\":\"session.update\",\"session\":{\"replace\":{\"a\":\"b\"}}}"))
                .isInstanceOfSatisfying(TtsStream.In.Update.class,
                        u -> assertThat(u.replace().entries()).isEqualTo(Map.of("a", "b")));
    }

    @Test
    void sessionUpdateWithMoreReplacementsThanTheLimitIsInvalidAndNamesTheField() {
        ObjectNode replace = Json.MAPPER.createObjectNode();
        for (int i = 0; i <= SETTINGS.maxReplacements(); i++) replace.put("w" + i, "x");
        ObjectNode update = Json.MAPPER.createObjectNode().put("type", "session.update");
        update.set("replace", replace);
        assertThat(parse(update.toString())).isInstanceOfSatisfying(TtsStream.In.Invalid.class,
                i -> assertThat(i.message()).contains("'replace'").contains((SETTINGS.maxReplacements() + 1) + " entries")
                        .contains("limit is " + SETTINGS.maxReplacements()));
    }

    @Test
    void sessionUpdateWithAValueOverTheLimitIsInvalidAndNamesTheKey() {
        ObjectNode update = Json.MAPPER.createObjectNode().put("type", "session.update");
        update.putObject("replace").put("Acme", "x".repeat(SETTINGS.maxReplacementChars() + 1));
        assertThat(parse(update.toString())).isInstanceOfSatisfying(TtsStream.In.Invalid.class,
                i -> assertThat(i.message()).contains("'replace.Acme'")
                        .contains("limit is " + SETTINGS.maxReplacementChars()));
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(parse("{\"type\":\"text.done\",\"event_id\":\"e1\",\"extra\":[1]}"))
                .isEqualTo(new TtsStream.In.Done());
    }
}
