package dev.parley.engines.diarize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.bench.TestSpeech;
import dev.parley.engines.diarize.internal.EnergyVad;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelSpeakersTest {
    private static final AudioClip STEREO = TestSpeech.shared().clip("multispeaker/stereo_diarization.wav");

    private static double speech(List<SpeakerTurn> turns, int speaker, double from, double to) {
        double s = 0;
        for (SpeakerTurn t : turns) {
            if (t.speaker() == speaker) s += Math.max(0, Math.min(to, t.end()) - Math.max(from, t.start()));
        }
        return s;
    }

    @Test
    void perChannelSpeechGivesEachChannelItsOwnSpeaker() {
        // the recording: channel 1 talks from ~0.3 s to ~2.4 s, then is digital silence; channel 0 talks until ~4.7 s
        List<List<SpeechSegment>> perChannel = new ArrayList<>();
        for (float[] ch : STEREO.channels()) perChannel.add(EnergyVad.detect(ch, STEREO.sampleRate()));
        List<SpeakerTurn> turns = ChannelSpeakers.fromChannelSpeech(perChannel);
        assertThat(ScorerTypes.speakers(turns)).isEqualTo(2);
        assertThat(speech(turns, 1, 0.5, 2.2)).isGreaterThan(1.5);
        assertThat(speech(turns, 1, 3.2, 5.0)).isZero();
        assertThat(speech(turns, 0, 3.2, 4.5)).isGreaterThan(1.2);
        assertThat(turns).isSortedAccordingTo(java.util.Comparator.comparingDouble(SpeakerTurn::start));
    }

    @Test
    void dominantChannelOfTheMixGivesTheSpeechAfterChannelOneStopsToChannelZero() {
        List<SpeechSegment> speech = EnergyVad.detect(STEREO.mono(), STEREO.sampleRate());
        List<SpeakerTurn> turns = ChannelSpeakers.byDominantChannel(STEREO, speech);
        assertThat(ScorerTypes.speakers(turns)).isEqualTo(2);
        assertThat(speech(turns, 0, 3.0, 4.7)).isCloseTo(1.7, org.assertj.core.api.Assertions.within(0.05));
        assertThat(speech(turns, 1, 0.5, 2.2)).isGreaterThan(0.5);
        for (int i = 1; i < turns.size(); i++) assertThat(turns.get(i).start()).isGreaterThanOrEqualTo(turns.get(i - 1).end());
    }

    @Test
    void monoClipGivesOneSpeakerPerSegment() {
        AudioClip mono = AudioClip.ofMono(16000, STEREO.channels()[0]);
        List<SpeakerTurn> turns = ChannelSpeakers.byDominantChannel(mono, List.of(new SpeechSegment(1, 2), new SpeechSegment(3, 4)));
        assertThat(turns).containsExactly(new SpeakerTurn(1, 2, 0), new SpeakerTurn(3, 4, 0));
    }
}
