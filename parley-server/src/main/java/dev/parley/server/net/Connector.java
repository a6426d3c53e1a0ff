package dev.parley.server.net;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The connect step of {@link OutboundHttp}: carries one hop (no redirects followed) to the network and returns
 * the response. An implementation must connect only to addresses that {@link OutboundPolicy#resolve} returned for
 * the hop's host and port; the production one ({@link OutboundHttp#create}) is Jetty's HTTP client with the policy
 * as its address resolver and a gate at connect time. Tests substitute one that records where it would connect.
 */
public interface Connector extends AutoCloseable {
    /**
     * One hop of a request.
     *
     * @param method  the method
     * @param uri     the URL of this hop
     * @param target  its parsed target (checked, not yet resolved)
     * @param headers the headers to send (already filtered)
     * @param body    the body, or null
     * @param timeout what is left of the request's time limit
     */
    record Hop(String method, URI uri, Target target, Map<String, String> headers, byte[] body, Duration timeout) {}

    /**
     * Sends {@code hop} and returns the response once its headers arrived.
     *
     * @throws OutboundException when refused (the policy's reasons) or failed (unreachable, timeout, cancelled)
     */
    OutboundResponse exchange(Hop hop) throws OutboundException;

    /** Releases the connector; exchanges in flight fail. */
    @Override
    void close();
}
