package dev.parley.server.net;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Connector}: Jetty's HTTP client (HTTP/1.1, TLS with host-name verification) whose
 * {@link SocketAddressResolver} is {@link OutboundPolicy#resolve} (one lookup, only admitted addresses come back)
 * and whose {@link ClientConnector} checks every address again just before the socket connects. Redirects,
 * cookies, authentication and content decoding are all off: {@link OutboundHttp} follows redirects itself. Started
 * on first use; daemon threads named {@code parley-outbound} (at most 64). Bounds per origin: {@value
 * #MAX_CONNECTIONS} connections, {@value #MAX_QUEUED} requests waiting for one; a request past that fails at once as
 * unreachable. Thread-safe.
 */
final class JettyConnector implements Connector {
    private static final Logger LOG = LoggerFactory.getLogger(JettyConnector.class);
    /** Idle pooled connections close after this long. */
    private static final long IDLE_MS = 30_000;
    /** Connections open at once to one origin. */
    static final int MAX_CONNECTIONS = 64;
    /** Requests waiting for a connection to one origin; past it a request fails at once ({@code UNREACHABLE}). */
    static final int MAX_QUEUED = 256;

    private final OutboundPolicy policy;
    private final HttpClient client;
    private boolean started; // guarded by this
    private boolean closed; // guarded by this

    JettyConnector(OutboundPolicy policy) {
        this(policy, null);
    }

    /**
     * @param resolver null for the policy's; tests pass one that bypasses the policy to show that the connect-time
     *                 gate alone still refuses
     */
    JettyConnector(OutboundPolicy policy, SocketAddressResolver resolver) {
        this.policy = policy;
        QueuedThreadPool pool = new QueuedThreadPool(64, 1);
        pool.setName("parley-outbound");
        pool.setDaemon(true);
        client = new HttpClient(new HttpClientTransportOverHTTP(new GatedClientConnector(policy)));
        client.setExecutor(pool);
        client.setScheduler(new ScheduledExecutorScheduler("parley-outbound-scheduler", true));
        client.setSocketAddressResolver(resolver != null ? resolver : this::resolve);
        client.setFollowRedirects(false);
        client.setRedirectCache(null); // no cached redirect may rewrite a request past OutboundHttp's checks
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Parley"));
        client.setConnectTimeout(30_000);
        client.setIdleTimeout(IDLE_MS);
        client.setMaxConnectionsPerDestination(MAX_CONNECTIONS);
        client.setMaxRequestsQueuedPerDestination(MAX_QUEUED);
    }

    /** The policy as Jetty's resolver: resolution (possibly DNS) runs on a virtual thread, never on Jetty's. */
    private void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        Thread.ofVirtual().name("parley-outbound-resolve").start(() -> {
            List<InetSocketAddress> addresses;
            try {
                addresses = policy.resolve(host, port);
            } catch (Throwable t) {
                promise.failed(t);
                return;
            }
            promise.succeeded(addresses);
        });
    }

    private synchronized HttpClient started() throws OutboundException {
        if (closed) throw new OutboundException(OutboundException.Reason.CANCELLED, "the client is closed");
        if (!started) {
            try {
                client.start();
            } catch (Exception e) {
                LOG.warn("could not start the outbound HTTP client", e);
                throw new OutboundException(OutboundException.Reason.UNREACHABLE, "the client could not start");
            }
            // start() installs the default protocol handlers (redirects, authentication, ...) and decoders: none here
            client.getProtocolHandlers().clear();
            client.getContentDecoderFactories().clear();
            started = true;
        }
        return client;
    }

    @Override
    public OutboundResponse exchange(Hop hop) throws OutboundException {
        HttpClient c = started();
        long ms = Math.max(1, hop.timeout().toMillis());
        Request request = c.newRequest(hop.uri()).method(hop.method()).timeout(ms, TimeUnit.MILLISECONDS);
        String contentType = null;
        for (Map.Entry<String, String> h : hop.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("content-type")) contentType = h.getValue();
        }
        String ct = contentType;
        request.headers(fields -> {
            for (Map.Entry<String, String> h : hop.headers().entrySet()) {
                if (!h.getKey().equalsIgnoreCase("content-type")) fields.put(h.getKey(), h.getValue());
            }
        });
        if (hop.body() != null) request.body(new BytesRequestContent(ct, hop.body()));
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        Response response;
        try {
            // Jetty's total timeout fails the exchange at the limit; wait a little longer for that failure
            response = listener.get(ms + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), hop);
        } catch (TimeoutException e) {
            request.abort(e);
            throw failure(e, hop);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new OutboundException(OutboundException.Reason.CANCELLED, "interrupted");
        }
        Map<String, String> headers = new HashMap<>();
        for (HttpField f : response.getHeaders()) headers.putIfAbsent(f.getName().toLowerCase(Locale.ROOT), f.getValue());
        InputStream body = listener.getInputStream();
        return new OutboundResponse(response.getStatus(), headers, body);
    }

    /** Maps a Jetty failure to our reasons; the exception's own text stays in the log. */
    private static OutboundException failure(Throwable t, Hop hop) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutboundException o) return o;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c instanceof SocketTimeoutException) {
                return new OutboundException(OutboundException.Reason.TIMEOUT,
                        "no answer within " + hop.timeout().toMillis() + " ms");
            }
        }
        LOG.debug("outbound {} {} failed", hop.method(), hop.target().host(), t);
        return new OutboundException(OutboundException.Reason.UNREACHABLE, "the server is unreachable");
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            if (!started) return;
        }
        try {
            client.stop();
        } catch (Exception e) {
            LOG.debug("stopping the outbound HTTP client", e);
        }
    }

    /** The last check: an address is connected to only when the policy admits it for the destination's host. */
    static final class GatedClientConnector extends ClientConnector {
        private final OutboundPolicy policy;

        GatedClientConnector(OutboundPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void connect(SocketAddress address, Map<String, Object> context) {
            String host = context.get(Destination.CONTEXT_KEY) instanceof Destination d
                    ? d.getOrigin().getAddress().getHost() : null;
            if (!(address instanceof InetSocketAddress isa) || !policy.admits(isa, host)) {
                AddressKind kind = address instanceof InetSocketAddress isa && !isa.isUnresolved()
                        ? policy.refusal(isa.getAddress()) : AddressKind.RESERVED;
                connectFailed(null, address, OutboundException.refused(kind != null ? kind : AddressKind.RESERVED),
                        context);
                return;
            }
            super.connect(address, context);
        }
    }
}
