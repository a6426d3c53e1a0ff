package dev.parley.server.stt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Server-side settings of speech to text ({@code POST /v1/stt} and the {@code GET /v1/stt} WebSocket).
 *
 * @param maxUploadBytes      largest accepted request body and largest {@code url} download (spec §8/§11: 500 MB).
 *                            A larger upload gets 413: at once when {@code Content-Length} says so, otherwise as soon
 *                            as the streamed body passes the limit
 * @param tempDir             parent of the private directory where large multipart parts are spooled; null = the
 *                            JVM's {@code java.io.tmpdir}. The feature creates its own directory inside and deletes it
 *                            on close; every request deletes its own files before it answers
 * @param urlTimeout          time limit for fetching a {@code url} (connect plus body); a failure or timeout is 502
 * @param closeAfterDone      WebSocket: close with 1000 after the last {@code transcript.done}. Default false: the
 *                            socket stays open and the next audio starts a new turn (spec §12 CONFLICT #12, decided
 *                            for the April behaviour); a client can also ask per connection with the query parameter
 *                            {@code close_after_done=true}
 * @param maxPendingAudioSeconds WebSocket inbox bound: audio received but not yet transcribed, in seconds at the
 *                            connection's rate and encoding. When it is reached the server stops reading the socket
 *                            (TCP backpressure) until the worker has caught up to half of it; nothing is dropped
 * @param urlAllowPrivate     whether a {@code url} (and each redirect) may point to a loopback, private, link-local
 *                            or other non-public address; off by default, so a caller cannot make the server fetch
 *                            from its own network (server-side request forgery)
 */
public record SttConfig(long maxUploadBytes, Path tempDir, Duration urlTimeout, boolean closeAfterDone,
        int maxPendingAudioSeconds, boolean urlAllowPrivate) {
    /** 500 MB (spec §8). */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 500L * 1000 * 1000;

    public SttConfig {
        if (maxUploadBytes < 1) throw new IllegalArgumentException("maxUploadBytes must be > 0");
        Objects.requireNonNull(urlTimeout, "urlTimeout");
        if (maxPendingAudioSeconds < 1) throw new IllegalArgumentException("maxPendingAudioSeconds must be > 0");
    }

    /** 500 MB uploads, system temp dir, 60 s URL fetches, keep the socket open after done, 10 s inbox. */
    public static SttConfig defaults() {
        return new SttConfig(DEFAULT_MAX_UPLOAD_BYTES, null, Duration.ofSeconds(60), false, 10, false);
    }

    /**
     * The defaults overridden by environment variables {@code PARLEY_STT_MAX_UPLOAD_BYTES},
     * {@code PARLEY_STT_TEMP_DIR}, {@code PARLEY_STT_URL_TIMEOUT_SECONDS}, {@code PARLEY_STT_CLOSE_AFTER_DONE}
     * ({@code true}/{@code false}), {@code PARLEY_STT_MAX_PENDING_AUDIO_SECONDS},
     * {@code PARLEY_STT_URL_ALLOW_PRIVATE} ({@code true}/{@code false}).
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    public static SttConfig fromEnvironment(Map<String, String> env) {
        SttConfig d = defaults();
        return new SttConfig(
                parseLong(env, "PARLEY_STT_MAX_UPLOAD_BYTES", d.maxUploadBytes()),
                env.get("PARLEY_STT_TEMP_DIR") == null ? null : Path.of(env.get("PARLEY_STT_TEMP_DIR")),
                Duration.ofSeconds(parseLong(env, "PARLEY_STT_URL_TIMEOUT_SECONDS", d.urlTimeout().toSeconds())),
                parseBool(env, "PARLEY_STT_CLOSE_AFTER_DONE", d.closeAfterDone()),
                (int) parseLong(env, "PARLEY_STT_MAX_PENDING_AUDIO_SECONDS", d.maxPendingAudioSeconds()),
                parseBool(env, "PARLEY_STT_URL_ALLOW_PRIVATE", d.urlAllowPrivate()));
    }

    public SttConfig withMaxUploadBytes(long bytes) {
        return new SttConfig(bytes, tempDir, urlTimeout, closeAfterDone, maxPendingAudioSeconds, urlAllowPrivate);
    }

    public SttConfig withTempDir(Path dir) {
        return new SttConfig(maxUploadBytes, dir, urlTimeout, closeAfterDone, maxPendingAudioSeconds, urlAllowPrivate);
    }

    public SttConfig withCloseAfterDone(boolean close) {
        return new SttConfig(maxUploadBytes, tempDir, urlTimeout, close, maxPendingAudioSeconds, urlAllowPrivate);
    }

    public SttConfig withUrlTimeout(Duration timeout) {
        return new SttConfig(maxUploadBytes, tempDir, timeout, closeAfterDone, maxPendingAudioSeconds, urlAllowPrivate);
    }

    public SttConfig withUrlAllowPrivate(boolean allow) {
        return new SttConfig(maxUploadBytes, tempDir, urlTimeout, closeAfterDone, maxPendingAudioSeconds, allow);
    }

    public SttConfig withMaxPendingAudioSeconds(int seconds) {
        return new SttConfig(maxUploadBytes, tempDir, urlTimeout, closeAfterDone, seconds, urlAllowPrivate);
    }

    private static long parseLong(Map<String, String> env, String name, long dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    private static boolean parseBool(Map<String, String> env, String name, boolean dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return dflt;
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
        };
    }
}
