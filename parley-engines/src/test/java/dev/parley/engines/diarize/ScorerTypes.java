package dev.parley.engines.diarize;

import dev.parley.bench.engine.DiarizerUnderTest.Span;
import dev.parley.bench.eval.DerScorer;
import java.util.List;

/** The diarizer's types as the scorer's (parley-bench does not know the engines) and back. */
final class ScorerTypes {
    private ScorerTypes() {}

    static List<DerScorer.Turn> turns(List<SpeakerTurn> turns) {
        return turns.stream().map(t -> new DerScorer.Turn(t.start(), t.end(), t.speaker())).toList();
    }

    static int speakers(List<SpeakerTurn> turns) {
        return DerScorer.speakerCount(turns(turns));
    }

    static List<SpeechSegment> segments(List<Span> spans) {
        return spans.stream().map(s -> new SpeechSegment(s.start(), s.end())).toList();
    }

    static List<Span> spans(List<SpeechSegment> segments) {
        return segments.stream().map(s -> new Span(s.start(), s.end())).toList();
    }
}
