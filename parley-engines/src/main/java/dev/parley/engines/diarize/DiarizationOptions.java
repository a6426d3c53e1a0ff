package dev.parley.engines.diarize;

import dev.parley.engines.diarize.internal.Pipeline;

/**
 * Knobs of the {@link Diarizer}. Use {@link #DEFAULTS} and the {@code with...} methods.
 *
 * @param numSpeakers    the exact number of speakers when the caller knows it, or 0 to let the clustering decide
 * @param maxSpeakers    upper bound on the number of speakers reported (1..64)
 * @param changePenalty  BIC penalty weight λ for speaker-change detection; higher finds fewer changes
 * @param clusterPenalty BIC penalty weight λ for merging clusters; higher merges more (fewer speakers)
 */
public record DiarizationOptions(int numSpeakers, int maxSpeakers, double changePenalty, double clusterPenalty) {
    /**
     * Unknown speaker count, at most 8, change penalty 1.3, cluster penalty 2.3: tuned on the shared speech
     * samples ({@code ./parley bench diarize}), in the middle of the range (1.2-1.5, 2.1-2.5) where every sample
     * gets its true speaker count.
     */
    public static final DiarizationOptions DEFAULTS = new DiarizationOptions(0, 8,
            Pipeline.Params.CHANGE_LAMBDA, Pipeline.Params.CLUSTER_LAMBDA);

    public DiarizationOptions {
        if (maxSpeakers < 1 || maxSpeakers > 64) throw new IllegalArgumentException("maxSpeakers must be 1..64, got " + maxSpeakers);
        if (numSpeakers < 0 || numSpeakers > maxSpeakers) {
            throw new IllegalArgumentException("numSpeakers must be 0 (unknown) or 1..maxSpeakers (" + maxSpeakers + "), got " + numSpeakers);
        }
        if (!(changePenalty > 0) || !(clusterPenalty > 0) || Double.isInfinite(changePenalty) || Double.isInfinite(clusterPenalty)) {
            throw new IllegalArgumentException("penalties must be finite and > 0");
        }
    }

    /** These options with the speaker count fixed ({@code 0} = unknown); raises the cap if needed. */
    public DiarizationOptions withNumSpeakers(int n) {
        return new DiarizationOptions(n, Math.max(maxSpeakers, Math.min(64, n)), changePenalty, clusterPenalty);
    }

    public DiarizationOptions withMaxSpeakers(int max) {
        return new DiarizationOptions(numSpeakers, max, changePenalty, clusterPenalty);
    }

    public DiarizationOptions withChangePenalty(double lambda) {
        return new DiarizationOptions(numSpeakers, maxSpeakers, lambda, clusterPenalty);
    }

    public DiarizationOptions withClusterPenalty(double lambda) {
        return new DiarizationOptions(numSpeakers, maxSpeakers, changePenalty, lambda);
    }
}
