package dev.parley.server.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.WireCodec;
import dev.parley.server.stt.internal.StreamDecoder;
import dev.parley.server.stt.internal.StreamRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query parsing and the binary-frame decoder, without sockets. */
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

    static float[] decodeInPieces(StreamDecoder d, byte[] data, int piece) {
        float[] out = new float[0];
        for (int at = 0; at < data.length; at += piece) {
            float[] f = d.decode(data, at, Math.min(piece, data.length - at))[0];
            float[] joined = java.util.Arrays.copyOf(out, out.length + f.length);
            System.arraycopy(f, 0, joined, out.length, f.length);
            out = joined;
        }
        return out;
    }

    @Test
    void oddSizedChunksDecodeToTheSameSamplesAsOneChunk() {
        byte[] pcm = new byte[3200];
        for (int i = 0; i < pcm.length; i++) pcm[i] = (byte) (i * 37);
        float[] whole = new StreamDecoder(WireCodec.PCM, 16000, 1, false).decode(pcm, 0, pcm.length)[0];
        StreamDecoder d = new StreamDecoder(WireCodec.PCM, 16000, 1, false);
        float[] pieces = decodeInPieces(d, pcm, 7);
        assertThat(pieces).containsExactly(whole);
        assertThat(d.carried()).isZero();
    }

    @Test
    void aTrailingHalfSampleWaitsForTheNextFrame() {
        StreamDecoder d = new StreamDecoder(WireCodec.PCM, 16000, 1, false);
        assertThat(d.decode(new byte[] {0x00, 0x40, 0x00}, 0, 3)[0]).containsExactly(0.5f);
        assertThat(d.carried()).isEqualTo(1);
        assertThat(d.decode(new byte[] {(byte) 0xC0}, 0, 1)[0]).containsExactly(-0.5f);
        assertThat(d.carried()).isZero();
    }

    @Test
    void stereoFramesSplitAcrossMessagesGoToTheirChannels() {
        StreamDecoder d = new StreamDecoder(WireCodec.PCM, 16000, 2, true);
        byte[] frame = {0x00, 0x40, 0x00, (byte) 0xC0}; // left 0.5, right -0.5
        float[][] a = d.decode(frame, 0, 3);
        assertThat(a[0]).isEmpty();
        float[][] b = d.decode(frame, 3, 1);
        assertThat(b[0]).containsExactly(0.5f);
        assertThat(b[1]).containsExactly(-0.5f);
    }

    @Test
    void muLawAt8kHzComesOutAt16kHz() {
        StreamDecoder d = new StreamDecoder(WireCodec.MULAW, 8000, 1, false);
        float[] out = d.decode(new byte[800], 0, 800)[0];
        float[] tail = d.flush()[0];
        assertThat(out.length + tail.length).isEqualTo(1600);
    }
}
