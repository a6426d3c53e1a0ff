package dev.parley.engines.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import dev.parley.engines.stt.StreamingTranscriber.Transcript;
import dev.parley.bench.eval.WerScorer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingTranscriberTest {
    private final MoonshineVosk engine = (MoonshineVosk) dev.parley.engines.runtime.TestRuntime.get().fileTranscriber();

    private record Run(List<Transcript> events, Transcript done) {
        List<Transcript> speechFinals() {
            return events.stream().filter(Transcript::speechFinal).toList();
        }

        String finalText() {
            StringBuilder sb = new StringBuilder();
            for (Transcript t : speechFinals()) sb.append(t.text()).append(' ');
            return sb.append(done.text()).toString().trim();
        }
    }

    private Run stream(float[] audio, StreamingTranscriber.Options o, int chunkSamples) {
        List<Transcript> events = new ArrayList<>();
        try (StreamingTranscriber.Stream st = engine.open(o, events::add)) {
            for (int at = 0; at < audio.length; at += chunkSamples) {
                st.accept(audio, at, Math.min(chunkSamples, audio.length - at));
            }
            return new Run(events, st.finish());
        }
    }

    private static float[] withTrailingSilence(float[] a, double seconds) {
        return java.util.Arrays.copyOf(a, a.length + (int) (seconds * 16000));
    }

    @Test
    void interimResultsArriveWhileTheSpeakerTalks() {
        Run r = stream(TestSpeech.shared().mono16k("misc/jfk.wav"), StreamingTranscriber.Options.defaults(), 1600);
        List<Transcript> interims = r.events().stream().filter(t -> !t.isFinal()).toList();
        assertThat(interims).hasSizeGreaterThanOrEqualTo(5);
        assertThat(interims).allMatch(t -> !t.words().isEmpty() && !t.speechFinal());
    }

    @Test
    void utteranceFinalsCoverTheJfkClipWithinTenPercentWer() {
        // Streaming cuts the clip at pauses and 3 s chunk finals, so Moonshine sees less context than the file
        // engine (word-perfect there); a lone "ask not" comes from Vosk ("as not").
        Run r = stream(withTrailingSilence(TestSpeech.shared().mono16k("misc/jfk.wav"), 1.0),
                StreamingTranscriber.Options.defaults().withEndpointingMs(800), 1600);
        assertThat(r.speechFinals()).isNotEmpty();
        assertThat(WerScorer.wer(TestSpeech.shared().transcript("misc/jfk.wav"), r.finalText())).as(r.finalText())
                .isLessThanOrEqualTo(0.10);
        assertThat(r.done().text()).isEmpty();
        assertThat(r.done().duration()).isEqualTo(12.0);
    }

    @Test
    void utteranceFinalWordsAreTimedInStreamSecondsInOrder() {
        Run r = stream(withTrailingSilence(TestSpeech.shared().mono16k("misc/jfk.wav"), 1.0),
                StreamingTranscriber.Options.defaults().withInterimResults(false), 3200);
        double prev = 0;
        for (Transcript t : r.speechFinals()) {
            for (SttWord w : t.words()) {
                assertThat(w.start()).isGreaterThanOrEqualTo(prev);
                assertThat(w.end()).isLessThanOrEqualTo(11.5);
                prev = w.end();
            }
            assertThat(t.start()).isLessThanOrEqualTo(t.words().getFirst().start());
        }
        assertThat(r.events()).noneMatch(t -> !t.isFinal()); // interim results off
    }

    @Test
    void longSpeechIsLockedInChunkFinalsAndTheUtteranceFinalCoversThemWithTheWholeUtteranceInContext() {
        // 16.7 s of continuous speech
        Run r = stream(withTrailingSilence(TestSpeech.shared().mono16k("librispeech/1221-135766-0001.wav"), 1.0),
                StreamingTranscriber.Options.defaults().withInterimResults(false), 1600);
        List<Transcript> chunkFinals = r.events().stream().filter(t -> t.isFinal() && !t.speechFinal()).toList();
        assertThat(chunkFinals).hasSizeGreaterThanOrEqualTo(2);
        for (Transcript c : chunkFinals) assertThat(c.duration()).isLessThanOrEqualTo(6.5);
        Transcript utterance = r.speechFinals().getFirst();
        // the utterance final is one pass over the whole utterance: the chunk finals' words, give or take an edge word
        String chunks = String.join(" ", chunkFinals.stream().map(Transcript::text).toList());
        assertThat(WerScorer.wer(chunks, utterance.text())).as(utterance.text()).isLessThanOrEqualTo(0.15);
        assertThat(WerScorer.wer(TestSpeech.shared().transcript("librispeech/1221-135766-0001.wav"), r.finalText()))
                .as(r.finalText()).isLessThanOrEqualTo(0.15);
    }

    /** Utterance finals plus done text of a file streamed at 10 ms endpointing (the API's default), 100 ms chunks. */
    private Run streamAtTenMsEndpointing(String file) {
        return stream(withTrailingSilence(TestSpeech.shared().mono16k(file), 1.0),
                StreamingTranscriber.Options.defaults().withEndpointingMs(10), 1600);
    }

    @Test
    void aSentenceSplitAtAShortPauseKeepsTheWordsAfterThePauseInContext() {
        // 10 ms endpointing ends an utterance at the short pause after "hope"; alone, the 1.6 s tail "than
        // apprehension" came back as "but then apprehension"
        String file = "librispeech/1221-135766-0002.wav";
        Run r = streamAtTenMsEndpointing(file);
        assertThat(r.speechFinals()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(WerScorer.wer(TestSpeech.shared().transcript(file), r.finalText())).as(r.finalText())
                .isLessThanOrEqualTo(0.10);
    }

    @Test
    void shortUtterancesBetweenPausesOfTheJfkClipAreTranscribedWithTheirLeftContext() {
        // "ask not" (between two pauses) was lost or heard as "as not" without the words before it
        Run r = streamAtTenMsEndpointing("misc/jfk.wav");
        assertThat(r.speechFinals()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(WerScorer.wer(TestSpeech.shared().transcript("misc/jfk.wav"), r.finalText())).as(r.finalText())
                .isLessThanOrEqualTo(0.05);
    }

    @Test
    void leftContextNeverRepeatsWordsOfThePreviousUtteranceFinal() {
        Run r = streamAtTenMsEndpointing("misc/jfk.wav");
        double prevEnd = 0;
        for (Transcript t : r.speechFinals()) {
            assertThat((t.words().getFirst().start() + t.words().getFirst().end()) / 2).as(t.text())
                    .isGreaterThan(prevEnd);
            prevEnd = t.words().getLast().end();
        }
    }

    @Test
    void finalizeEndsTheUtteranceWithoutWaitingForSilence() {
        float[] jfk = TestSpeech.shared().mono16k("misc/jfk.wav");
        List<Transcript> events = new ArrayList<>();
        try (StreamingTranscriber.Stream st = engine.open(
                StreamingTranscriber.Options.defaults().withEndpointingMs(5000), events::add)) {
            st.accept(jfk, 0, (int) (2.6 * 16000));
            assertThat(events).noneMatch(Transcript::speechFinal);
            st.finalizeUtterance();
            assertThat(events).filteredOn(Transcript::speechFinal).singleElement()
                    .satisfies(t -> assertThat(WerScorer.wer("and so my fellow americans", t.text())).isZero());
        }
    }

    @Test
    void speechStillOpenAtTheEndComesBackInTheDoneTranscript() {
        float[] jfk = TestSpeech.shared().mono16k("misc/jfk.wav");
        Run r = stream(java.util.Arrays.copyOf(jfk, (int) (2.6 * 16000)),
                StreamingTranscriber.Options.defaults().withEndpointingMs(5000), 1600);
        assertThat(r.speechFinals()).isEmpty();
        assertThat(WerScorer.wer("and so my fellow americans", r.done().text())).as(r.done().text()).isZero();
    }

    @Test
    void silenceProducesNoTranscripts() {
        Run r = stream(new float[16000 * 2], StreamingTranscriber.Options.defaults(), 1600);
        assertThat(r.events()).isEmpty();
        assertThat(r.done().text()).isEmpty();
    }

    @Test
    void oddChunkSizesGiveTheSameTranscript() {
        float[] jfk = java.util.Arrays.copyOf(TestSpeech.shared().mono16k("misc/jfk.wav"), (int) (2.6 * 16000));
        List<Transcript> events = new ArrayList<>();
        Transcript done;
        try (StreamingTranscriber.Stream st = engine.open(
                StreamingTranscriber.Options.defaults().withEndpointingMs(5000), events::add)) {
            for (int at = 0; at < jfk.length; at += 1601) st.accept(jfk, at, Math.min(1601, jfk.length - at));
            done = st.finish();
        }
        assertThat(done.duration()).isEqualTo(2.6);
        assertThat(WerScorer.wer("and so my fellow americans", done.text())).as(done.text()).isZero();
    }

    @Test
    void eightKilohertzTelephoneAudioIsResampledAndTranscribed() {
        var osr = TestSpeech.shared().clip("osr_8k/OSR_us_000_0034_8k.wav");
        assertThat(osr.sampleRate()).isEqualTo(8000);
        float[] x = java.util.Arrays.copyOf(osr.mono(), 12 * 8000); // the first three sentences
        StringBuilder text = new StringBuilder();
        Transcript done;
        try (StreamingTranscriber.Stream st = engine.open(8000,
                StreamingTranscriber.Options.defaults().withInterimResults(false), t -> {
                    if (t.speechFinal()) text.append(t.text()).append(' ');
                })) {
            for (int at = 0; at < x.length; at += 800) st.accept(x, at, Math.min(800, x.length - at));
            done = st.finish();
        }
        assertThat(done.duration()).isCloseTo(12.0, org.assertj.core.api.Assertions.within(0.01));
        String all = text.append(done.text()).toString();
        assertThat(WerScorer.wer("A gold ring will please most any girl. The long journey home took a year. She saw a"
                + " cat in the neighbor's house.", all)).as(all).isLessThanOrEqualTo(0.15);
    }
}
