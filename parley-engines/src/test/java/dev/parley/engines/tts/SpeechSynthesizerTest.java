package dev.parley.engines.tts;

import dev.parley.engines.text.SpeechPiece;
import dev.parley.engines.text.UnsupportedLanguageException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpeechSynthesizerTest {
    private static final SpeechSynthesizer SYN = new SpeechSynthesizer(new TtsEngines(), VoiceMapping.defaults());

    private static SpeechSynthesizer.Request req(String text, String voice, String lang, String engine) {
        return new SpeechSynthesizer.Request(text, voice, lang, 1.0, true, null, engine);
    }

    private static void tagIsNotReadOut(String engine) {
        var audio = SYN.synthesize(req("Hello [laugh] world.", "eve", "en", engine));
        String heard = AudioChecks.transcribe(audio.samples(), audio.sampleRate());
        assertThat(heard).contains("hello").contains("world").doesNotContain("laugh");
    }

    @Test
    void laughTagIsNotReadOutByKokoro() {
        tagIsNotReadOut("kokoro");
    }

    @Test
    void laughTagIsNotReadOutByPiper() {
        // Piper (VITS) samples noise on every run and ONNX Runtime has no inference seed, so one run in many the
        // recogniser hears "hello" as another short word ("owl, world." failed a clean-clone run): what this test is
        // about is that the tag is not read out, so it asserts "world", no "laugh" and no extra words.
        var audio = SYN.synthesize(req("Hello [laugh] world.", "eve", "en", "piper"));
        String heard = AudioChecks.transcribe(audio.samples(), audio.sampleRate());
        assertThat(heard).contains("world").doesNotContain("laugh");
        assertThat(java.util.Arrays.stream(heard.split("[^a-z']+")).filter(w -> !w.isEmpty())).as(heard).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void laughTagIsNotReadOutByEspeak() {
        var audio = SYN.synthesize(req("Hello [laugh] world.", "eve", "en", "espeak"));
        String heard = AudioChecks.transcribe(audio.samples(), audio.sampleRate());
        assertThat(heard).contains("world").doesNotContain("laugh");
    }

    @Test
    void numbersAreNormalisedBeforeSynthesis() {
        var request = req("It costs $5.50.", "rex", "en", "piper");
        String spoken = SYN.plan(request).pieces().stream().filter(p -> p instanceof SpeechPiece.Speech)
                .map(p -> ((SpeechPiece.Speech) p).text()).collect(java.util.stream.Collectors.joining(" "));
        assertThat(spoken).contains("five dollars").contains("fifty cents");
        // and that is what the audio says: Piper's audio varies run to run, so a word-error bound, not exact words
        var audio = SYN.synthesize(request);
        String heard = AudioChecks.transcribe(audio.samples(), audio.sampleRate());
        assertThat(dev.parley.bench.eval.WerScorer.wer(spoken, heard)).as("heard \"%s\" for \"%s\"", heard, spoken)
                .isLessThanOrEqualTo(0.34);
    }

    @Test
    void pauseTagInsertsSilenceOfItsLength() {
        var plan = SYN.plan(req("One. [long-pause] Two.", "eve", "en", "piper"));
        List<float[]> parts = new ArrayList<>();
        List<SpeechPiece> pieces = new ArrayList<>();
        SYN.stream(plan, (samples, piece) -> {
            parts.add(samples);
            pieces.add(piece);
            return true;
        });
        assertThat(pieces.get(1)).isEqualTo(new SpeechPiece.Pause(1200));
        assertThat(parts.get(1).length).isEqualTo(plan.sampleRate() * 12 / 10);
        assertThat(AudioChecks.rms(parts.get(1))).isZero();
    }

    @Test
    void sinkReturningFalseStopsSynthesis() {
        var plan = SYN.plan(req("One. Two. Three. Four.", "eve", "en", "espeak"));
        int[] calls = {0};
        boolean done = SYN.stream(plan, (s, p) -> ++calls[0] < 2);
        assertThat(done).isFalse();
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void voiceIdsAreCaseInsensitive() {
        assertThat(SYN.plan(req("Hi.", "EVE", "en", "kokoro")).engineVoice()).isEqualTo("af_bella");
    }

    @Test
    void defaultVoicesMapToDistinctKokoroVoices() {
        assertThat(VoiceMapping.defaults().voices().values().stream().map(VoiceMapping.Voice::kokoro).distinct())
                .hasSize(5);
        assertThat(VoiceMapping.defaults().voices().values().stream().map(VoiceMapping.Voice::espeakVariant).distinct())
                .hasSize(5);
    }

    @Test
    void unknownVoiceIsATypedErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> SYN.plan(req("Hi.", "bob", "en", null)))
                .isInstanceOf(UnknownVoiceException.class).hasMessageContaining("bob").hasMessageContaining("eve");
    }

    @Test
    void engineVoiceNameIsAcceptedDirectly() {
        assertThat(SYN.plan(req("Hi.", "am_adam", "en", null)).engine().id()).isEqualTo("kokoro");
    }

    @Test
    void unsupportedLanguageIsATypedError() {
        assertThatThrownBy(() -> SYN.plan(req("Hi.", "eve", "tlh", null)))
                .isInstanceOf(UnsupportedLanguageException.class).hasMessageContaining("tlh");
    }

    @Test
    void spanishPicksAVoiceOfTheSameGenderInSpanish() {
        assertThat(SYN.plan(req("Hola.", "eve", "es-MX", "kokoro")).engineVoice()).isEqualTo("ef_dora");
        assertThat(SYN.plan(req("Hola.", "rex", "es-MX", "kokoro")).engineVoice()).isEqualTo("em_alex");
    }

    @Test
    void germanFallsBackToEspeakBecauseNoNeuralVoiceSpeaksIt() {
        assertThat(SYN.plan(req("Guten Tag.", "eve", "de", null)).engine().id()).isEqualTo("espeak");
    }

    @Test
    void autoLanguageDetectsTheScript() {
        assertThat(SYN.plan(req("こんにちは。", "eve", "auto", null)).language().code()).isEqualTo("ja");
    }
}
