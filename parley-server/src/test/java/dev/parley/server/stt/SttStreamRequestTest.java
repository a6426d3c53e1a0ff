package dev.parley.server.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.audio.WireCodec;
import dev.parley.server.http.ApiException;
import dev.parley.server.stt.internal.StreamRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query parsing, without sockets (the binary-frame decoding is parley-audio's WireDecoderTest). */
class SttStreamRequestTest {
    @Test
    void endpointingDefaultsToTenMilliseconds_CONFLICT11() {
        assertThat(StreamRequest.parse(Map.of()).endpointingMs()).isEqualTo(10);
    }

    @Test
    void defaultsAre16kHzPcmMonoWithoutInterims() {
        StreamRequest r = StreamRequest.parse(Map.of());
        assertThat(r.sampleRate()).isEqualTo(16000);
        assertThat(r.encoding()).isEqualTo(WireCodec.PCM);
        assertThat(r.channels()).isEqualTo(1);
        assertThat(r.interimResults()).isFalse();
        assertThat(r.closeAfterDone()).isNull();
    }

    @Test
    void smartTurnAndKeytermsAreAccepted() {
        StreamRequest r = StreamRequest.parse(Map.of("smart_turn", List.of("0.7"), "smart_turn_timeout",
                List.of("800"), "keyterm", List.of("Parley", "Grok")));
        assertThat(r.smartTurn()).isEqualTo(0.7);
        assertThat(r.keyterms()).containsExactly("Parley", "Grok");
    }

    @Test
    void everyNameOfARawCodecIsAnEncodingAndAContainerIsRefusedWithTheApiWording() {
        assertThat(StreamRequest.parse(Map.of("encoding", List.of("G711_ULAW"))).encoding()).isEqualTo(WireCodec.MULAW);
        assertThat(StreamRequest.parse(Map.of("encoding", List.of("linear16"))).encoding()).isEqualTo(WireCodec.PCM);
        assertThat(StreamRequest.parse(Map.of("encoding", List.of("audio/pcma"))).encoding()).isEqualTo(WireCodec.ALAW);
        assertThatThrownBy(() -> StreamRequest.parse(Map.of("encoding", List.of("mp3"))))
                .isInstanceOf(ApiException.class).hasMessage("Unsupported encoding 'mp3': expected pcm, mulaw or alaw");
    }

    @Test
    void aSingleValuedParameterGivenTwiceWithDifferentValuesIsRefusedAndTheSameValueTwiceIsNot() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StreamRequest.parse(Map.of("sample_rate",
                List.of("16000", "8000")))).isInstanceOf(dev.parley.server.http.ApiException.class)
                .hasMessageContaining("'sample_rate' is given 2 times with different values");
        assertThat(StreamRequest.parse(Map.of("sample_rate", List.of("8000", " 8000"))).sampleRate()).isEqualTo(8000);
    }
}
