package dev.parley.client.internal;

import dev.parley.client.SttRequest;
import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body for {@code POST /v1/stt}: the option fields first, the {@code file} part last
 * (the API ignores fields after the file in streamed uploads). Files are streamed from disk, not loaded.
 */
public final class Multipart {
    private final String boundary = "parley-" + UUID.randomUUID();
    private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    private void field(String name, Object value) {
        if (value == null) return;
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n", StandardCharsets.UTF_8));
    }

    public static Multipart of(SttRequest r) throws FileNotFoundException {
        Multipart m = new Multipart();
        m.field("url", r.url());
        m.field("model", r.model());
        m.field("audio_format", r.audioFormat());
        m.field("sample_rate", r.sampleRate());
        m.field("language", r.language());
        m.field("format", r.format());
        m.field("multichannel", r.multichannel());
        m.field("channels", r.channels());
        m.field("diarize", r.diarize());
        for (String k : r.keyterms()) m.field("keyterm", k);
        m.field("filler_words", r.fillerWords());
        m.field("vad_threshold", r.vadThreshold());
        if (r.file() != null || r.bytes() != null) {
            String name = r.filename().replace("\"", "_").replace("\r", "_").replace("\n", "_");
            m.parts.add(HttpRequest.BodyPublishers.ofString("--" + m.boundary + "\r\nContent-Disposition: form-data; "
                    + "name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                    StandardCharsets.UTF_8));
            m.parts.add(r.file() != null ? HttpRequest.BodyPublishers.ofFile(r.file())
                    : HttpRequest.BodyPublishers.ofByteArray(r.bytes()));
            m.parts.add(HttpRequest.BodyPublishers.ofString("\r\n", StandardCharsets.UTF_8));
        }
        m.parts.add(HttpRequest.BodyPublishers.ofString("--" + m.boundary + "--\r\n", StandardCharsets.UTF_8));
        return m;
    }

    /** The whole body (its length is known: every part's is). */
    public HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new));
    }
}
