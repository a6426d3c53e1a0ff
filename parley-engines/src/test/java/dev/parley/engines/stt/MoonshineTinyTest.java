package dev.parley.engines.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.SpeechSet;
import dev.parley.bench.TestSpeech;
import dev.parley.bench.eval.WerScorer;
import dev.parley.engines.stt.internal.MoonshineTokenizer;
import dev.parley.engines.runtime.TestRuntime;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MoonshineTinyTest {
    private final MoonshineTiny moonshine = ((dev.parley.engines.stt.MoonshineVosk) dev.parley.engines.runtime.TestRuntime.get().fileTranscriber()).moonshine();

    @Test
    void jfkClipIsTranscribedWordPerfect() {
        float[] audio = TestSpeech.shared().mono16k("misc/jfk.wav");
        String text = moonshine.transcribe(audio);
        assertThat(WerScorer.score(TestSpeech.shared().transcript("misc/jfk.wav"), text).errors()).as(text).isZero();
    }

    static java.util.List<SpeechSet.Item> librispeech() {
        return TestSpeech.shared().english("librispeech");
    }

    @ParameterizedTest
    @MethodSource("librispeech")
    void librispeechFileIsTranscribedWithinTenPercentWer(SpeechSet.Item item) {
        String text = moonshine.transcribe(TestSpeech.shared().mono16k(item.file()));
        assertThat(WerScorer.wer(item.transcript(), text)).as(text).isLessThanOrEqualTo(0.10);
    }

    @Test
    void silenceGivesAtMostAFewTokens() {
        MoonshineTiny.Result r = moonshine.transcribe(new float[16000 * 2], 0, 16000 * 2);
        assertThat(r.tokens()).isLessThanOrEqualTo(12); // the 6 tokens/s cap
    }

    @Test
    void emptyInputGivesEmptyText() {
        assertThat(moonshine.transcribe(new float[0])).isEmpty();
    }

    @Test
    void segmentLongerThanThirtyTwoSecondsIsRejectedWithAMessage() {
        assertThatThrownBy(() -> moonshine.transcribe(new float[16000 * 33]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
    }

    @Test
    void aVirtualThreadMayCallAndGetsTheSameTextAsAnInferenceThread() throws Exception {
        float[] jfk = TestSpeech.shared().mono16k("misc/jfk.wav");
        String onPool = ((MoonshineVosk) dev.parley.engines.runtime.TestRuntime.get().fileTranscriber()).inference().run(() -> moonshine.transcribe(jfk));
        String[] onVirtual = new String[1];
        Thread.ofVirtual().start(() -> onVirtual[0] = moonshine.transcribe(jfk)).join();
        assertThat(onVirtual[0]).isNotBlank().isEqualTo(onPool);
    }

    @Test
    void repetitionLoopIsCutAfterItsFirstOccurrence() {
        long[] t = {10, 11, 12, 13, 14, 12, 13, 14, 12, 13, 14};
        assertThat(MoonshineTiny.repetitionCut(t, t.length)).isEqualTo(5);
        long[] ok = {10, 11, 12, 13, 14, 15};
        assertThat(MoonshineTiny.repetitionCut(ok, ok.length)).isZero();
    }

    @Test
    void tokenizerBinDecodesLikeTokensTxt() throws Exception {
        var dir = TestRuntime.get().models().require("moonshine-tiny-en-int8");
        MoonshineTokenizer bin = MoonshineTokenizer.fromTokenizerBin(Files.readAllBytes(dir.resolve("tokenizer.bin")));
        MoonshineTokenizer txt = MoonshineTokenizer.load(dir);
        assertThat(bin.size()).isEqualTo(txt.size()).isEqualTo(32768);
        long[] ids = new long[2000];
        for (int i = 0; i < ids.length; i++) ids[i] = 259 + i * 13L;
        assertThat(bin.decode(ids, ids.length)).isEqualTo(txt.decode(ids, ids.length)).isNotBlank();
    }
}
