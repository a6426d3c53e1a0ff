package dev.parley.models;

import java.time.Duration;
import java.util.List;

/**
 * What one {@link ModelManager#fetch} call did, model by model.
 *
 * @param outcomes one per requested model, in request order
 */
public record FetchReport(List<Outcome> outcomes) {
    public FetchReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Whether every model is now installed and verified. */
    public boolean ok() {
        return outcomes.stream().noneMatch(o -> o.result() == Result.FAILED);
    }

    /** The failed outcomes. */
    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> o.result() == Result.FAILED).toList();
    }

    /** Total bytes downloaded. */
    public long bytesDownloaded() {
        return outcomes.stream().mapToLong(Outcome::bytesDownloaded).sum();
    }

    /** What happened to one model. */
    public enum Result {
        /** Downloaded, verified and installed now. */
        INSTALLED,
        /** Already there and verified (fast or full check); nothing downloaded. */
        ALREADY_PRESENT,
        /** Files were there without a marker; a full sha256 check passed and the marker was written. */
        ADOPTED,
        /** Nothing installed; see {@link Outcome#error()}. */
        FAILED
    }

    /**
     * @param id              model id
     * @param result          what happened
     * @param bytesDownloaded package bytes downloaded for it
     * @param took            wall time spent on it
     * @param error           one-line reason when failed, else {@code null}
     */
    public record Outcome(String id, Result result, long bytesDownloaded, Duration took, String error) {}
}
