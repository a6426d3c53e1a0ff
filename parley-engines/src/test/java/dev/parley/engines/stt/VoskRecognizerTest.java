package dev.parley.engines.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import dev.parley.bench.eval.WerScorer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoskRecognizerTest {
    private final VoskModel model = ((dev.parley.engines.stt.MoonshineVosk) dev.parley.engines.runtime.TestRuntime.get().fileTranscriber()).vosk();

    private static byte[] pcm16(float[] a) {
        byte[] b = new byte[a.length * 2];
        for (int i = 0; i < a.length; i++) {
            int v = Math.round(Math.max(-1f, Math.min(1f, a[i])) * 32767f);
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >> 8);
        }
        return b;
    }

    private static String stream(VoskRecognizer r, byte[] pcm, int chunk, List<String> partials) {
        StringBuilder text = new StringBuilder();
        for (int at = 0; at < pcm.length; at += chunk) {
            if (r.acceptPcm16(pcm, at, Math.min(chunk, pcm.length - at))) {
                text.append(' ').append(r.result().text());
            } else if (partials != null) {
                String p = r.partial().text();
                if (!p.isBlank()) partials.add(p);
            }
        }
        return text.append(' ').append(r.finalResult().text()).toString().trim();
    }

    @Test
    void partialsArriveWhileStreamingAndGrow() {
        byte[] pcm = pcm16(TestSpeech.shared().mono16k("misc/jfk.wav"));
        List<String> partials = new ArrayList<>();
        try (VoskRecognizer r = model.newRecognizer()) {
            stream(r, pcm, 3200, partials);
        }
        assertThat(partials).hasSizeGreaterThan(10);
        assertThat(partials).anyMatch(p -> p.contains("fellow americans"));
    }

    @Test
    void finalWordsOfTheJfkClipHaveOrderedTimesInsideTheAudio() {
        float[] audio = TestSpeech.shared().mono16k("misc/jfk.wav");
        List<VoskRecognizer.Word> words = new ArrayList<>();
        try (VoskRecognizer r = model.newRecognizer()) {
            for (int at = 0; at < audio.length; at += 1600) {
                if (r.acceptFloat(audio, at, Math.min(1600, audio.length - at))) words.addAll(r.result().words());
            }
            words.addAll(r.finalResult().words());
        }
        assertThat(words).hasSizeGreaterThan(15);
        double last = 0;
        for (VoskRecognizer.Word w : words) {
            assertThat(w.start()).isGreaterThanOrEqualTo(last);
            assertThat(w.end()).isGreaterThan(w.start()).isLessThanOrEqualTo(11.0);
            assertThat(w.confidence()).isBetween(0.0, 1.0);
            last = w.end();
        }
        String text = String.join(" ", words.stream().map(VoskRecognizer.Word::word).toList());
        assertThat(WerScorer.wer(TestSpeech.shared().transcript("misc/jfk.wav"), text)).as(text).isLessThanOrEqualTo(0.1);
    }

    @Test
    void oddSizedPcmChunksGiveTheSameTextAsEvenOnes() {
        byte[] pcm = pcm16(TestSpeech.shared().mono16k("librispeech/1221-135766-0002.wav"));
        String even;
        String odd;
        try (VoskRecognizer r = model.newRecognizer()) {
            even = stream(r, pcm, 3200, null);
        }
        try (VoskRecognizer r = model.newRecognizer()) {
            odd = stream(r, pcm, 1001, null);
        }
        assertThat(odd).isEqualTo(even).isNotBlank();
    }

    @Test
    void secondsAcceptedCountsSamples() {
        try (VoskRecognizer r = model.newRecognizer()) {
            r.acceptPcm16(new byte[32000], 0, 32000);
            assertThat(r.secondsAccepted()).isEqualTo(1.0);
        }
    }
}
