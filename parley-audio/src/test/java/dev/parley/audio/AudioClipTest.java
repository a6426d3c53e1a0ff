package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AudioClipTest {
    @Test
    void monoAveragesTheChannels() {
        AudioClip clip = new AudioClip(8000, new float[][] {{1f, 0.5f}, {0f, -0.5f}});
        assertThat(clip.mono()).containsExactly(0.5f, 0f);
    }

    @Test
    void monoOfAOneChannelClipIsThatChannel() {
        float[] ch = {0.1f, 0.2f};
        assertThat(AudioClip.ofMono(8000, ch).mono()).isSameAs(ch);
    }

    @Test
    void durationIsFramesOverRate() {
        AudioClip clip = new AudioClip(16000, new float[][] {new float[8000], new float[8000]});
        assertThat(clip.frames()).isEqualTo(8000);
        assertThat(clip.durationSeconds()).isEqualTo(0.5);
    }

    @Test
    void channelsOfDifferentLengthsAreRejected() {
        assertThatThrownBy(() -> new AudioClip(8000, new float[][] {new float[2], new float[3]}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClipNeedsAChannelAndAPositiveRate() {
        assertThatThrownBy(() -> new AudioClip(8000, new float[0][])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AudioClip(0, new float[][] {{0f}})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resampleConvertsEveryChannel() {
        AudioClip clip = new AudioClip(8000, new float[][] {new float[800], new float[800]}).resample(16000);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.channelCount()).isEqualTo(2);
        assertThat(clip.frames()).isEqualTo(1600);
    }
}
