package dev.parley.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import java.util.List;
import org.junit.jupiter.api.Test;

class TtsBenchTest {
    @Test
    void englishTranscriptsAreSentencesWithoutSpanishDigitsOrMultiSpeakerRows() {
        List<String> t = TtsBench.englishTranscripts(TestSpeech.shared());
        assertThat(t).isNotEmpty().noneMatch(s -> s.contains("|"))
                .doesNotContain("zero", "one", "Ese agente ya ha sido autenticado. Por favor ingrese su numero de agente seguido por la tecla de numero.");
        assertThat(t.get(0)).isEqualTo("yet these thoughts affected hester prynne less with hope than apprehension");
    }
}
