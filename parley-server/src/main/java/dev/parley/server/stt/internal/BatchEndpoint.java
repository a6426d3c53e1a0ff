package dev.parley.server.stt.internal;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.AudioFormatException;
import dev.parley.engines.runtime.Inference;
import dev.parley.server.http.ApiException;
import dev.parley.server.http.Exchange;
import dev.parley.server.http.HttpHandler;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.net.OutboundException;
import dev.parley.server.net.OutboundHttp;
import dev.parley.server.net.OutboundRequest;
import dev.parley.server.net.OutboundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/stt}: multipart form in, transcript JSON out (spec §8).
 *
 * <p>Body handling: an upload whose {@code Content-Length} exceeds {@code stt.max_upload_bytes} is refused with
 * 413 before a byte is read; without a length the parser stops with 413 as soon as the body passes the limit. Parts
 * up to {@value #MAX_MEMORY_PART} bytes stay in memory, larger ones are spooled to files in the feature's private
 * temporary directory, and every file of a request (parts and {@code url} downloads) is deleted before the response
 * is sent, on success and on failure alike.
 *
 * <p>Errors ({@code {"code","error"}}): 400 for a missing/empty file, bad parameters and undecodable audio (the
 * decoder's message) and for a {@code url} the outbound policy refuses (naming the kind of address), 413 for uploads
 * over the limit, 502 when a {@code url} cannot be fetched (naming the reason or the upstream's status code, never
 * its body), 503 when the models are not loaded or the FFmpeg pool is saturated. Threading: one call per request, on the request's virtual thread.
 */
public final class BatchEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BatchEndpoint.class);
    /** Parts larger than this go to a temporary file instead of memory. */
    static final long MAX_MEMORY_PART = 16L << 20;
    /** Files at most this large are decoded from memory (pure-Java WAV fast path); larger ones from disk. */
    static final long MAX_IN_MEMORY_DECODE = 64L << 20;
    /** Most form parts (100 keyterms plus the other fields). */
    static final int MAX_PARTS = 200;

    private final ParleyConfig.Stt config;
    private final Path tempDir;
    private final Supplier<BatchTranscriber> transcriber;
    private final OutboundHttp outbound;

    /**
     * @param tempDir     the feature's private temporary directory (exists, owned by the feature)
     * @param outbound    the server's outbound client, which fetches {@code url} under the outbound policy
     * @param transcriber gives the transcriber, or throws {@link ApiException} 503 when the models are not loaded
     */
    public BatchEndpoint(ParleyConfig.Stt config, Path tempDir, OutboundHttp outbound,
            Supplier<BatchTranscriber> transcriber) {
        this.config = config;
        this.tempDir = tempDir;
        this.outbound = outbound;
        this.transcriber = transcriber;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        guarded(exchange, () -> serve(exchange));
    }

    /** A request body run by {@link #guarded}. */
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work}, mapping a 413 (body not read to its end: {@code Connection: close}) and a saturated native
     * pool (503). Used by both {@code /v1/stt} and the OpenAI alias.
     */
    static void guarded(Exchange exchange, Work work) throws Exception {
        try {
            work.run();
        } catch (ApiException e) {
            if (e.status() != 413) throw e;
            // The body was not read to its end: tell the client not to reuse this connection for another request.
            exchange.header("Connection", "close");
            exchange.error(413, e.getMessage());
        } catch (RejectedExecutionException e) {
            // a bounded native pool (FFmpeg decode, inference) refused the work: overload, not a client error
            throw ApiException.unavailable("The server is busy (" + e.getMessage() + "); try again later");
        }
    }

    /** What a request does with its parsed form: every non-file field's values by name, and the file part or null. */
    interface FormBody<T> {
        T apply(Map<String, List<String>> fields, MultiPart.Part file) throws Exception;
    }

    /**
     * Checks the content type and declared length, calls {@code ready} (which may refuse with 503 before a byte is
     * read), parses the multipart body within the limits, gives its fields and first {@code file} part to
     * {@code body}, and deletes every spooled part file before returning, on success and failure alike.
     *
     * @throws ApiException 400 (not multipart, malformed, empty file), 413 (too large)
     */
    <T> T form(Exchange exchange, Runnable ready, FormBody<T> body) throws Exception {
        Request request = exchange.request();
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("Expected a multipart/form-data body with a 'file' part or a 'url' field");
        }
        long declared = request.getLength();
        if (declared > config.maxUploadBytes()) throw tooLarge();
        ready.run();
        MultiPartConfig mp = new MultiPartConfig.Builder()
                .location(tempDir) // required even when every part fits in memory (see DESIGN pitfalls)
                .maxSize(config.maxUploadBytes())
                .maxPartSize(config.maxUploadBytes())
                .maxMemoryPartSize(MAX_MEMORY_PART)
                .maxParts(MAX_PARTS)
                .build();
        MultiPartFormData.Parts parts;
        try {
            parts = MultiPartFormData.getParts(request, request, contentType, mp);
        } catch (Throwable t) {
            throw multipartFailure(t);
        }
        try {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            MultiPart.Part file = null;
            for (MultiPart.Part p : parts) {
                if ("file".equals(p.getName())) {
                    if (file == null) file = p;
                } else if (p.getName() != null) {
                    fields.computeIfAbsent(p.getName(), k -> new ArrayList<>())
                            .add(p.getContentAsString(StandardCharsets.UTF_8));
                }
            }
            if (file != null && file.getLength() == 0) {
                throw ApiException.badRequest("The 'file' part is empty");
            }
            return body.apply(fields, file);
        } finally {
            // before the response goes out: a client that has its answer finds no file of its request left
            release(parts);
        }
    }

    /** The transcriber, or 503 when the models are not loaded. */
    BatchTranscriber transcriber() {
        return transcriber.get();
    }

    private void serve(Exchange exchange) throws Exception {
        BatchTranscriber[] engine = new BatchTranscriber[1];
        Wire.BatchResponse response = form(exchange, () -> engine[0] = transcriber.get(), (fields, file) -> {
            Path download = null;
            try {
                BatchRequest req = BatchRequest.parse(fields, file != null);
                AudioClip clip;
                if (file != null) {
                    clip = decode(req, file instanceof MultiPart.PathPart pp ? pp.getPath() : null, file);
                } else {
                    download = fetch(req.url());
                    clip = decode(req, download, null);
                }
                if (req.channels() != null && req.raw() == null && req.multichannel()
                        && clip.channelCount() != req.channels()) {
                    throw ApiException.badRequest("'channels' is " + req.channels() + " but the file has "
                            + clip.channelCount() + " channel(s)");
                }
                try {
                    return engine[0].transcribe(clip, req);
                } catch (Inference.InferenceException e) {
                    throw new ApiException(500, "Transcription failed (request id " + exchange.requestId() + ")", e);
                }
            } finally {
                if (download != null) deleteQuietly(download);
            }
        });
        exchange.json(200, response);
    }

    /** Decodes an uploaded container file (any format FFmpeg knows), from its spooled file or from memory. */
    AudioClip decodeFile(MultiPart.Part file) throws IOException {
        return decode(null, file instanceof MultiPart.PathPart pp ? pp.getPath() : null, file);
    }

    /**
     * Decodes the upload: raw via {@code audio_format} + {@code sample_rate}, containers via FFmpeg ({@code req} null:
     * a container).
     */
    private AudioClip decode(BatchRequest req, Path path, MultiPart.Part part) throws IOException {
        try {
            if (req != null && req.raw() != null) {
                long size = path != null ? Files.size(path) : part.getLength();
                if (size / req.raw().bytesPerSample() > AudioFiles.DEFAULT_MAX_SAMPLES) {
                    throw tooLong();
                }
                byte[] data = path != null ? Files.readAllBytes(path) : bytes(part);
                return AudioFiles.decodeRaw(data, req.raw(), req.sampleRate(), req.channels());
            }
            if (path != null && Files.size(path) > MAX_IN_MEMORY_DECODE) return AudioFiles.decode(path);
            return AudioFiles.decode(path != null ? Files.readAllBytes(path) : bytes(part));
        } catch (AudioFormatException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("audio too long")) throw tooLong();
            throw ApiException.badRequest("Unsupported or damaged audio: " + e.getMessage());
        } catch (CancellationException e) {
            throw new ApiException(503, "Decoding was cancelled; try again");
        }
    }

    /** Closes the parts and deletes their spooled files ({@code Parts.close()} alone leaves the files behind). */
    private static void release(MultiPartFormData.Parts parts) {
        for (MultiPart.Part p : parts) {
            if (p instanceof MultiPart.PathPart pp) deleteQuietly(pp.getPath());
        }
        parts.close();
    }

    private static byte[] bytes(MultiPart.Part part) throws IOException {
        try (InputStream in = Content.Source.asInputStream(part.createContentSource())) {
            return in.readAllBytes();
        }
    }

    /**
     * Downloads {@code url} into a file of the private temp dir, at most the upload limit, within
     * {@code stt.url_timeout_seconds}. The request goes through the server's outbound client ({@link OutboundHttp}):
     * only http and https; the host must be a DNS name or a canonical IP literal; neither the URL nor any of its
     * redirects (at most {@value OutboundHttp#MAX_REDIRECTS}) may lead to a non-public address unless
     * {@code outbound.allow} admits it, checked on the addresses actually connected to. A refused URL is 400 naming
     * the kind of address; an unreachable one, or one that answers other than 2xx, is 502 naming only the status.
     */
    private Path fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParam("url", "Invalid 'url': " + e.getMessage());
        }
        Path target = null;
        boolean done = false;
        try (OutboundResponse r = outbound.send(OutboundRequest.get(uri, config.urlTimeout()))) {
            if (r.status() / 100 != 2) {
                throw new ApiException(502, "Could not download the audio from 'url': HTTP " + r.status());
            }
            if (r.contentLength() > config.maxUploadBytes()) throw tooLarge();
            target = Files.createTempFile(tempDir, "url-", ".audio");
            try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(target)) {
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = read(in, buf)) > 0; ) {
                    total += n;
                    if (total > config.maxUploadBytes()) throw tooLarge();
                    out.write(buf, 0, n);
                }
                if (total == 0) throw new ApiException(502, "The audio downloaded from 'url' is empty");
            }
            done = true;
            return target;
        } catch (OutboundException e) {
            throw refusedOrFailed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the temporary file, not the download: a server error
        } finally {
            if (!done && target != null) deleteQuietly(target);
        }
    }

    /** Reads the download; a failure (broken off, past the time limit) is 502 without the exception's text. */
    private int read(InputStream in, byte[] buf) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            LOG.debug("url download failed", e);
            throw new ApiException(502, "Could not download the audio from 'url': the transfer broke off or passed the"
                    + " time limit of " + config.urlTimeoutSeconds() + " s");
        }
    }

    /** 400 for a URL the server does not fetch from, 502 for one it could not fetch. */
    private static ApiException refusedOrFailed(OutboundException e) {
        return switch (e.reason()) {
            case INVALID_URL -> ApiException.invalidParam("url", "Invalid 'url': " + e.getMessage());
            case REFUSED_ADDRESS -> ApiException.invalidParam("url", "'url' " + (e.redirected() ? "redirects" : "leads")
                    + " to " + e.kind().phrase() + ", which this server does not fetch from (the server's"
                    + " outbound.allow, PARLEY_OUTBOUND_ALLOW, lists what it may reach besides public addresses)");
            default -> new ApiException(502, "Could not download the audio from 'url': " + e.getMessage());
        };
    }

    private ApiException tooLarge() {
        return ApiException.payloadTooLarge("Audio larger than the limit of " + config.maxUploadBytes() + " bytes");
    }

    private static ApiException tooLong() {
        return ApiException.payloadTooLarge("Audio too long: more than " + AudioFiles.DEFAULT_MAX_SAMPLES
                + " samples");
    }

    /** Maps a multipart parser failure: size limits to 413, the rest to 400. */
    private ApiException multipartFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ApiException a) return a;
            String m = c.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("exceeded")) {
                if (m.toLowerCase(Locale.ROOT).contains("parts")) {
                    return ApiException.badRequest("Too many form fields (at most " + MAX_PARTS + ")");
                }
                return tooLarge();
            }
        }
        LOG.debug("malformed multipart body", t);
        Throwable root = t;
        while (root.getCause() != null) root = root.getCause();
        return ApiException.badRequest("Malformed multipart/form-data body: " + describe(root));
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not delete temporary file {}", p, e);
        }
    }
}
