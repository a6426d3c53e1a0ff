package dev.parley.client;

/**
 * A realtime audio format ({@code audio.input.format} / {@code audio.output.format}).
 *
 * @param type {@code audio/pcm} (16-bit little-endian mono), {@code audio/pcmu} or {@code audio/pcma} (8 kHz G.711)
 * @param rate Hz for PCM (8000–48000, default 24000), or null
 */
public record RealtimeAudioFormat(String type, Integer rate) {
    /** 16-bit PCM at {@code rate} Hz. */
    public static RealtimeAudioFormat pcm(int rate) {
        return new RealtimeAudioFormat("audio/pcm", rate);
    }

    /** G.711 µ-law at 8 kHz. */
    public static RealtimeAudioFormat pcmu() {
        return new RealtimeAudioFormat("audio/pcmu", null);
    }

    /** G.711 A-law at 8 kHz. */
    public static RealtimeAudioFormat pcma() {
        return new RealtimeAudioFormat("audio/pcma", null);
    }
}
