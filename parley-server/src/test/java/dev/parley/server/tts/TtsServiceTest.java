package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.engines.text.Prosody;
import dev.parley.engines.text.SpeechPiece;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.voices.VoiceCatalog;
import dev.parley.engines.tts.VoiceMapping;
import dev.parley.engines.tts.VoiceProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chunk planning and the voice mapping from configuration (no engine needed). */
class TtsServiceTest {

    static List<String> texts(List<SpeechPiece> pieces) {
        return pieces.stream().filter(p -> p instanceof SpeechPiece.Speech)
                .map(p -> ((SpeechPiece.Speech) p).text()).toList();
    }

    @Test
    void chunksAfterTheFirstGrowByDoublingUpToTheLimit() {
        String sentence = "word ".repeat(120).strip() + ".";
        List<SpeechPiece> in = List.of(new SpeechPiece.Speech("Short start.", Prosody.NORMAL, true),
                new SpeechPiece.Speech(sentence, Prosody.NORMAL, true));
        List<String> out = texts(TtsService.growing(in, 20));
        assertThat(out.getFirst()).isEqualTo("Short start.");
        assertThat(out.get(1).length()).isLessThanOrEqualTo(40);
        assertThat(out.get(2).length()).isBetween(41, 80);
        assertThat(out.get(3).length()).isBetween(81, 160);
        assertThat(out).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(TtsService.CHUNK_CHARS));
        assertThat(String.join(" ", out.subList(1, out.size()))).isEqualTo(sentence);
    }

    @Test
    void onlyTheLastPieceOfACutSentenceEndsTheSentence() {
        String sentence = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen.";
        List<SpeechPiece> out = TtsService.growing(List.of(new SpeechPiece.Speech("Hi.", Prosody.NORMAL, true),
                new SpeechPiece.Speech(sentence, Prosody.NORMAL, true)), 20);
        List<SpeechPiece.Speech> speech = out.stream().map(p -> (SpeechPiece.Speech) p).toList();
        assertThat(speech.size()).isGreaterThan(2);
        assertThat(speech.getLast().sentenceEnd()).isTrue();
        assertThat(speech.subList(1, speech.size() - 1)).allSatisfy(s -> assertThat(s.sentenceEnd()).isFalse());
    }

    @Test
    void pausesStayInPlace() {
        List<SpeechPiece> in = List.of(new SpeechPiece.Speech("Hello.", Prosody.NORMAL, true),
                new SpeechPiece.Pause(500), new SpeechPiece.Speech("World.", Prosody.NORMAL, true));
        assertThat(TtsService.growing(in, 20)).isEqualTo(in);
    }

    @Test
    void configuredEngineVoiceIsTheVoiceOfItsEngineInTheMapping() {
        VoiceCatalog catalog = VoiceCatalog.from(ConfigLoader.load(null, Map.of(), Map.of()));
        VoiceMapping m = catalog.mapping();
        assertThat(m.get("eve").profile("kokoro").voice()).isEqualTo(catalog.find("eve").orElseThrow().engineVoice());
        assertThat(m.get("eve").engine()).isEqualTo("kokoro");
        assertThat(m.get("rex").female()).isFalse();
        assertThat(m.ids()).containsExactlyElementsOf(catalog.all().stream().map(e -> e.voice().voiceId()).toList());
    }

    @Test
    void theFiveBuiltInVoicesSoundDistinctOnEveryEngine() {
        VoiceMapping m = VoiceCatalog.from(ConfigLoader.load(null, Map.of(), Map.of())).mapping();
        List<String> ids = List.of("eve", "ara", "rex", "sal", "leo");
        assertThat(ids.stream().map(id -> m.get(id).profile("kokoro").voice()).distinct()).hasSize(5);
        assertThat(ids.stream().map(id -> m.get(id).profile("espeak").voice()).distinct()).hasSize(5);
        assertThat(m.get("eve").profile("piper").rate()).isEqualTo(1.05);
        assertThat(m.get("leo").profile("piper").rate()).isEqualTo(0.94);
    }

    @Test
    void voiceConfiguredForEspeakUsesItsEngineVoiceAsTheVariantAndKeepsItsOtherEngines() {
        VoiceCatalog catalog = VoiceCatalog.from(ConfigLoader.load(null, Map.of(),
                Map.of("voices.rex.engine", "espeak", "voices.rex.engine_voice", "m5")));
        VoiceMapping m = catalog.mapping();
        assertThat(m.get("rex").profile("espeak").voice()).isEqualTo("m5");
        assertThat(m.get("rex").profile("kokoro")).isEqualTo(new VoiceProfile("am_michael", false, 1.0));
        assertThat(m.get("rex").profile("piper").rate()).isEqualTo(1.0);
    }
}
