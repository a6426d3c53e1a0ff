package dev.parley.engines.vad;

/** A span of speech, {@code [startSample, endSample)} at {@code sampleRate}. */
public record SpeechSegment(long startSample, long endSample, int sampleRate) {
    public SpeechSegment {
        if (endSample < startSample) throw new IllegalArgumentException("end before start");
    }

    public double startSeconds() {
        return startSample / (double) sampleRate;
    }

    public double endSeconds() {
        return endSample / (double) sampleRate;
    }

    public double durationSeconds() {
        return (endSample - startSample) / (double) sampleRate;
    }

    public int length() {
        return Math.toIntExact(endSample - startSample);
    }
}
