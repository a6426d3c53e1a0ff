package dev.parley.engines.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.bench.TestSpeech;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VadSegmenterTest {
    private final Vad vad = dev.parley.engines.runtime.TestRuntime.get().vad();

    @Test
    void silenceOnlyInputYieldsNoSegments() {
        float[] noise = new float[16000 * 3];
        Random r = new Random(1);
        for (int i = 0; i < noise.length; i++) noise[i] = (float) (r.nextGaussian() * 0.001);
        assertThat(VadSegmenter.segments(vad, new float[16000 * 3])).isEmpty();
        assertThat(VadSegmenter.segments(vad, noise)).isEmpty();
    }

    @Test
    void speechStartsNearTheManifestSpeakerTurnsOfTheAmiMeeting() {
        // manifest: ES2011a.Headset-1@1.46-2.82s; ES2011a.Headset-2@3.36-4.36s
        List<SpeechSegment> segs = VadSegmenter.segments(vad,
                TestSpeech.shared().mono16k("multispeaker/ami_ES2011a_40s-46s.wav"));
        assertThat(segs).hasSize(2);
        assertThat(segs.get(0).startSeconds()).isCloseTo(1.46, within(0.3));
        assertThat(segs.get(0).endSeconds()).isCloseTo(2.82, within(0.3));
        assertThat(segs.get(1).startSeconds()).isCloseTo(3.36, within(0.3));
        assertThat(segs.get(1).endSeconds()).isCloseTo(4.36, within(0.3));
    }

    @Test
    void streamingInOddSizedChunksGivesTheSameSegmentsAsTheWholeBuffer() {
        float[] audio = TestSpeech.shared().mono16k("misc/jfk.wav");
        List<SpeechSegment> batch = VadSegmenter.segments(vad, audio);
        VadSegmenter s = new VadSegmenter(vad, 16000, VadConfig.defaults());
        List<VadEvent> events = new ArrayList<>();
        for (int at = 0; at < audio.length; at += 777) events.addAll(s.accept(audio, at, Math.min(777, audio.length - at)));
        events.addAll(s.flush());
        List<SpeechSegment> streamed = events.stream().filter(e -> e instanceof VadEvent.SpeechEnd)
                .map(e -> (VadEvent.SpeechEnd) e).map(e -> new SpeechSegment(e.startSample(), e.endSample(), 16000))
                .toList();
        assertThat(streamed).isEqualTo(batch).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void segmentingRecordedProbabilitiesGivesWhatRunningTheModelGivesForEverySetting() {
        float[] audio = TestSpeech.shared().mono16k("multispeaker/ami_ES2011a_40s-46s.wav");
        float[] jfk = TestSpeech.shared().mono16k("misc/jfk.wav");
        for (float[] clip : List.of(audio, java.util.Arrays.copyOf(jfk, jfk.length - 123))) {
            float[] p = vad.probabilities(clip, 16000);
            for (VadConfig c : List.of(VadConfig.defaults(), VadConfig.ofThreshold(0.3f).withSpeechPadMs(300)
                    .withMaxSpeechMs(4000), VadConfig.defaults().withMinSpeechMs(0))) {
                assertThat(VadSegmenter.segments(p, vad.frameSamples(16000), clip.length, 16000, c)).as("%s", c)
                        .isEqualTo(VadSegmenter.segments(vad, clip, 16000, c)).isNotEmpty();
            }
        }
    }

    @Test
    void eachSpeechEndFollowsItsStartAndSegmentsDoNotOverlap() {
        float[] audio = TestSpeech.shared().mono16k("misc/jfk.wav");
        VadSegmenter s = new VadSegmenter(vad, 16000, VadConfig.defaults());
        List<VadEvent> events = new ArrayList<>(s.accept(audio));
        events.addAll(s.flush());
        long lastEnd = -1;
        Long open = null;
        for (VadEvent e : events) {
            switch (e) {
                case VadEvent.SpeechStart st -> {
                    assertThat(open).isNull();
                    assertThat(st.sample()).isGreaterThanOrEqualTo(lastEnd);
                    open = st.sample();
                }
                case VadEvent.SpeechEnd en -> {
                    assertThat(open).isEqualTo(en.startSample());
                    assertThat(en.endSample()).isGreaterThan(en.startSample());
                    lastEnd = en.endSample();
                    open = null;
                }
            }
        }
        assertThat(open).isNull();
    }

    @Test
    void speechLongerThanTheMaximumIsSplit() {
        float[] audio = TestSpeech.shared().mono16k("librispeech/1221-135766-0001.wav"); // 16.7 s, one stretch of speech
        assertThat(VadSegmenter.segments(vad, audio)).hasSize(1);
        List<SpeechSegment> split = VadSegmenter.segments(vad, audio, 16000,
                VadConfig.defaults().withMaxSpeechMs(5000));
        assertThat(split).hasSizeGreaterThanOrEqualTo(3);
        for (SpeechSegment seg : split) assertThat(seg.durationSeconds()).isLessThanOrEqualTo(5.0 + 0.1);
    }

    @Test
    void speechStartIsReportedOnlyAfterTheMinimumSpeechDuration() {
        float[] audio = TestSpeech.shared().mono16k("misc/jfk.wav");
        VadSegmenter s = new VadSegmenter(vad, 16000, VadConfig.defaults().withSpeechPadMs(0));
        for (int at = 0; at + 512 <= audio.length; at += 512) {
            List<VadEvent> ev = s.accept(audio, at, 512);
            for (VadEvent e : ev) {
                if (e instanceof VadEvent.SpeechStart st) {
                    assertThat(s.position() - st.sample()).isGreaterThan(250 * 16);
                    return;
                }
            }
        }
        throw new AssertionError("no speech start");
    }
}
