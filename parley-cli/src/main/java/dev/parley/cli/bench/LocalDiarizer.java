package dev.parley.cli.bench;

import dev.parley.bench.engine.DiarizerUnderTest;
import dev.parley.bench.eval.DerScorer;
import dev.parley.engines.diarize.DiarizationOptions;
import dev.parley.engines.diarize.Diarizer;
import dev.parley.engines.diarize.SpeechSegment;
import dev.parley.engines.diarize.internal.EnergyVad;
import java.util.List;
import java.util.Locale;

/** {@link DiarizerUnderTest} on the project's classical diarizer with its default options. Stateless. */
public final class LocalDiarizer implements DiarizerUnderTest {
    private final Diarizer auto = new Diarizer();

    @Override
    public int sampleRate() {
        return Diarizer.SAMPLE_RATE;
    }

    @Override
    public List<DerScorer.Turn> diarize(float[] samples, List<Span> speech, int speakers) {
        Diarizer d = speakers == 0 ? auto : new Diarizer(DiarizationOptions.DEFAULTS.withNumSpeakers(speakers));
        List<SpeechSegment> segments = speech.stream().map(s -> new SpeechSegment(s.start(), s.end())).toList();
        return d.diarize(samples, Diarizer.SAMPLE_RATE, segments).stream()
                .map(t -> new DerScorer.Turn(t.start(), t.end(), t.speaker())).toList();
    }

    @Override
    public List<Span> energySpeech(float[] samples) {
        return EnergyVad.detect(samples, Diarizer.SAMPLE_RATE).stream().map(s -> new Span(s.start(), s.end())).toList();
    }

    @Override
    public String describeDefaults() {
        return String.format(Locale.ROOT, "change penalty %.2f, cluster penalty %.2f",
                DiarizationOptions.DEFAULTS.changePenalty(), DiarizationOptions.DEFAULTS.clusterPenalty());
    }
}
