package dev.parley.audio.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg process-wide set-up and helpers. */
final class Ffmpeg {
    private static volatile boolean initialized;

    private Ffmpeg() {}

    /**
     * Loads the libraries and silences FFmpeg's own stderr log (errors reach callers as exceptions); set
     * system property {@code parley.ffmpeg.log=true} to keep FFmpeg's log.
     */
    static synchronized void init() {
        if (initialized) return;
        if (!Boolean.getBoolean("parley.ffmpeg.log")) av_log_set_level(AV_LOG_QUIET);
        initialized = true;
    }

    static String error(int code) {
        byte[] buf = new byte[256];
        if (av_strerror(code, buf, buf.length) < 0) return "error " + code;
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
