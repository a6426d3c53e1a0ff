package dev.parley.server.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The response to an {@link OutboundRequest}: status, headers and the body as a stream (read it, then close it;
 * closing early aborts the exchange). Reads fail with an {@link IOException} once the request's time limit passes.
 * Its body is the upstream's: never copy it into a message for the client that supplied the URL.
 */
public final class OutboundResponse implements Closeable {
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    /** @param headers the first value of each header, by lower-case name */
    public OutboundResponse(int status, Map<String, String> headers, InputStream body) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The first value of header {@code name} (any case). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** {@code Content-Length}, or -1 when absent or malformed. */
    public long contentLength() {
        try {
            return header("content-length").map(String::strip).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public InputStream body() {
        return body;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // aborting: nothing to report
        }
    }
}
