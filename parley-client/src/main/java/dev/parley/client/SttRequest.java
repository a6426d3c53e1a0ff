package dev.parley.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code POST /v1/stt} request: the audio (a file, bytes, or a URL the server downloads) and the form fields of
 * the API. Build one with {@link #file(Path)}, {@link #bytes(byte[], String)} or {@link #url(String)}, then
 * {@link Builder}:
 * <pre>{@code
 * SttRequest r = SttRequest.file(Path.of("call.mp3")).language("en").diarize(true).build();
 * }</pre>
 * The option fields are sent before the {@code file} part, as the API requires.
 *
 * @param file         audio file to upload, or null
 * @param bytes        audio bytes to upload (not copied: do not change them until the call returns), or null
 * @param filename     the file name sent with the upload (the server may use its extension as a hint)
 * @param url          URL the server downloads instead of an upload, or null
 * @param audioFormat  {@code pcm}, {@code mulaw} or {@code alaw} for headerless audio, else null
 * @param sampleRate   required for headerless audio, else null
 * @param language     language code (enables inverse text normalization with {@code format}), or null
 * @param format       inverse text normalization ("one hundred dollars" to "$100"), or null
 * @param multichannel transcribe each channel separately, or null
 * @param channels     channel count of headerless multichannel audio, or null
 * @param diarize      add a speaker number to each word, or null
 * @param keyterms     terms to bias recognition towards (repeated {@code keyterm} field); empty for none
 * @param fillerWords  keep "uh", "um", or null
 * @param vadThreshold 0–1 speech gate, or null
 * @param model        model name, or null
 */
public record SttRequest(Path file, byte[] bytes, String filename, String url, String audioFormat, Integer sampleRate,
        String language, Boolean format, Boolean multichannel, Integer channels, Boolean diarize, List<String> keyterms,
        Boolean fillerWords, Double vadThreshold, String model) {
    public SttRequest {
        int sources = (file == null ? 0 : 1) + (bytes == null ? 0 : 1) + (url == null ? 0 : 1);
        if (sources != 1) throw new IllegalArgumentException("exactly one of file, bytes or url is required");
        keyterms = keyterms == null ? List.of() : List.copyOf(keyterms);
    }

    /** Upload a file (streamed from disk). */
    public static Builder file(Path file) {
        Builder b = new Builder();
        b.file = Objects.requireNonNull(file, "file");
        b.filename = file.getFileName().toString();
        return b;
    }

    /** Upload bytes held in memory, named {@code filename} (e.g. {@code "audio.wav"}). */
    public static Builder bytes(byte[] bytes, String filename) {
        Builder b = new Builder();
        b.bytes = Objects.requireNonNull(bytes, "bytes");
        b.filename = Objects.requireNonNull(filename, "filename");
        return b;
    }

    /** Let the server download the audio from {@code url}. */
    public static Builder url(String url) {
        Builder b = new Builder();
        b.url = Objects.requireNonNull(url, "url");
        return b;
    }

    /** Collects the optional fields; not thread-safe. */
    public static final class Builder {
        private Path file;
        private byte[] bytes;
        private String filename;
        private String url;
        private String audioFormat;
        private Integer sampleRate;
        private String language;
        private Boolean format;
        private Boolean multichannel;
        private Integer channels;
        private Boolean diarize;
        private final List<String> keyterms = new ArrayList<>();
        private Boolean fillerWords;
        private Double vadThreshold;
        private String model;

        private Builder() {}

        /** Headerless audio: {@code pcm} (s16le), {@code mulaw} or {@code alaw} at {@code sampleRate} Hz. */
        public Builder raw(String audioFormat, int sampleRate) {
            this.audioFormat = audioFormat;
            this.sampleRate = sampleRate;
            return this;
        }

        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public Builder format(boolean format) {
            this.format = format;
            return this;
        }

        public Builder multichannel(boolean multichannel) {
            this.multichannel = multichannel;
            return this;
        }

        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        public Builder diarize(boolean diarize) {
            this.diarize = diarize;
            return this;
        }

        public Builder keyterm(String term) {
            keyterms.add(term);
            return this;
        }

        public Builder fillerWords(boolean keep) {
            this.fillerWords = keep;
            return this;
        }

        public Builder vadThreshold(double threshold) {
            this.vadThreshold = threshold;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public SttRequest build() {
            return new SttRequest(file, bytes, filename, url, audioFormat, sampleRate, language, format, multichannel,
                    channels, diarize, keyterms, fillerWords, vadThreshold, model);
        }
    }
}
