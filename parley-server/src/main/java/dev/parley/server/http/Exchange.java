package dev.parley.server.http;

import dev.parley.server.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request and its response, as seen by an {@link HttpHandler}: blocking helpers over Jetty's core
 * {@link Request}/{@link Response}, meant to be used from the handler's virtual thread only (not thread-safe).
 *
 * <p>Respond exactly once: {@link #json}, {@link #send}, {@link #error}, or {@link #stream} (then write to the stream;
 * the router closes it when the handler returns). {@link #request()} and {@link #response()} expose the Jetty
 * objects for what the helpers do not cover (multipart parsing, trailers); a handler that writes through them
 * directly must write the last chunk itself before returning.
 */
public final class Exchange {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
    private final Request request;
    private final Response response;
    private final String route;
    private final Map<String, String> pathParams;
    private final Principal principal;
    private final String requestId;
    private Fields query;
    private OutputStream stream;

    Exchange(Request request, Response response, String route, Map<String, String> pathParams, Principal principal,
            String requestId) {
        this.request = request;
        this.response = response;
        this.route = route;
        this.pathParams = pathParams;
        this.principal = principal;
        this.requestId = requestId;
    }

    /** The route template that matched, e.g. {@code /v1/tts/voices/{voice_id}}. */
    public String route() {
        return route;
    }

    /** The HTTP method, upper case. */
    public String method() {
        return request.getMethod();
    }

    /** A decoded path parameter of the route template, or null. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        Fields.Field f = queryFields().get(name);
        return f == null ? null : f.getValue();
    }

    /** Every value of a query parameter (empty when absent). */
    public List<String> queryAll(String name) {
        Fields.Field f = queryFields().get(name);
        return f == null ? List.of() : f.getValues();
    }

    private Fields queryFields() {
        if (query == null) {
            try {
                query = Request.extractQueryParameters(request);
            } catch (RuntimeException e) {
                throw ApiException.badRequest("malformed query string");
            }
        }
        return query;
    }

    /** The first value of a request header, or null. */
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The authenticated caller, or null on routes that need no authentication. */
    public Principal principal() {
        return principal;
    }

    /** This request's id (also sent as the {@code x-request-id} response header). */
    public String requestId() {
        return requestId;
    }

    /**
     * The request body as a stream (blocking reads). The caller closes it. A body the client cut short or framed
     * wrongly fails a read with an {@link IOException}; {@link #body} turns that into the 400 a client is owed.
     */
    public InputStream bodyStream() {
        return Content.Source.asInputStream(request);
    }

    /**
     * The whole request body, at most {@code maxBytes}. Blocks until it has arrived.
     *
     * @throws ApiException 413 when the body is larger than {@code maxBytes}; 400 when the client ended it early
     *                      (fewer bytes than {@code Content-Length}, a chunk cut short, the connection half-closed) or
     *                      broke its chunked encoding; 408 when it stopped sending for the connection's idle timeout
     */
    public byte[] body(int maxBytes) {
        long declared = request.getLength();
        if (declared > maxBytes) throw ApiException.payloadTooLarge("request body larger than " + maxBytes + " bytes");
        try (InputStream in = bodyStream()) {
            byte[] data = in.readNBytes(maxBytes);
            if (in.read() != -1) throw ApiException.payloadTooLarge("request body larger than " + maxBytes + " bytes");
            return data;
        } catch (IOException e) {
            throw unreadableBody(e);
        }
    }

    /** The client error for a body that could not be read (logged at DEBUG: the client's fault, not the server's). */
    private ApiException unreadableBody(IOException e) {
        LOG.debug("request {} {}: the request body could not be read: {}", requestId, route, e.toString());
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException) {
                return new ApiException(408, "The request body did not arrive in time", e);
            }
        }
        return new ApiException(400, "Malformed request body: it ended before its declared length, or its chunked"
                + " transfer encoding is invalid", e);
    }

    /** Sets a response header (before the response is committed). */
    public Exchange header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    /** Sends {@code value} as a JSON response with {@code status}. */
    public void json(int status, Object value) throws IOException {
        send(status, "application/json", Json.bytes(value));
    }

    /**
     * Sends the error body with {@code status}: xAI's {@code {"code","error"}}, or OpenAI's shape on the
     * {@code /v1/audio/*} aliases ({@link OpenAiErrorBody}).
     */
    public void error(int status, String message) throws IOException {
        json(status, RouterHandler.errorBody(route, status, message, null));
    }

    /** Sends a complete response body. */
    public void send(int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (status >= 400) RouterHandler.closeIfBodyUnread(request, response);
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(true, ByteBuffer.wrap(body), cb);
            cb.block();
        }
    }

    /**
     * Starts a streamed (chunked) response and returns its body stream; every write blocks until the bytes are
     * handed to the network, so a slow client slows the writer (backpressure). The router closes the stream when
     * the handler returns; closing it earlier ends the response.
     */
    public OutputStream stream(int status, String contentType) {
        if (stream != null) throw new IllegalStateException("stream() already called");
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        stream = Content.Sink.asOutputStream(response);
        return stream;
    }

    /** The Jetty request, for what the helpers do not cover. */
    public Request request() {
        return request;
    }

    /** The Jetty response, for what the helpers do not cover. */
    public Response response() {
        return response;
    }

    /** Completes a streamed response, if one was started. */
    void finish() throws IOException {
        if (stream != null) stream.close();
    }
}
