package dev.parley.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic (the run itself is `./parley bench realtime`). */
class RealtimeBenchTest {
    @Test
    void aQuestionGets300MsOfLeadingSilenceAndItsVoicedSpanIsFound() {
        float[] clip = new float[24000]; // 1 s: silence, 0.5 s of tone from 0.25 s, silence
        for (int i = 6000; i < 18000; i++) clip[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 24000.0));
        RealtimeBench.Question q = RealtimeBench.question("tone", clip);
        assertThat(q.pcm().length).isEqualTo((7200 + 24000) * 2);
        assertThat(q.firstVoiced()).isBetween(7200 + 6000 - 240, 7200 + 6000);
        assertThat(q.lastVoiced()).isBetween(7200 + 18000, 7200 + 18000 + 240);
    }

    @Test
    void aSilentQuestionIsVoicedFromTheEndOfTheLeadInToItsEnd() {
        RealtimeBench.Question q = RealtimeBench.question("silence", new float[4800]);
        assertThat(q.firstVoiced()).isEqualTo(7200);
        assertThat(q.lastVoiced()).isEqualTo(7200 + 4800);
    }
}
