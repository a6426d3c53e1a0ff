package dev.parley.server.net;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP client of every server-side request, bound to one {@link OutboundPolicy}.
 *
 * <ul>
 *   <li>Every hop's target is checked ({@link Target#of}: http/https, a DNS name or canonical literal) and resolved
 *       through the policy; the connector connects to exactly the admitted addresses.</li>
 *   <li>Redirects (301, 302, 303, 307, 308 with a {@code Location}) are followed here, hop by hop, at most
 *       {@value #MAX_REDIRECTS}: each hop goes through the same checks, so a redirect to a refused address, or to
 *       a name that resolves to one, is refused ({@link OutboundException#redirected()}). A redirect from https to
 *       http, or to another scheme, is not followed. 303, and 301/302 after a {@code POST}, continue as a
 *       {@code GET} without body; 307 and 308 keep method and body.</li>
 *   <li>Headers: the restricted ones ({@link #isRestricted}: {@code Host}, {@code Content-Length},
 *       {@code Connection}, {@code Cookie}, {@code Transfer-Encoding}, {@code X-Forwarded-*}, ...) are never sent.
 *       When a redirect leads to another origin, every header the caller set is dropped ({@code Authorization}
 *       included) except {@code Accept} and {@code Content-Type}. No cookies are kept, no proxy is used, bodies
 *       are not decompressed.</li>
 * </ul>
 * Thread-safe; one instance serves the whole process (see {@code ServerContext#outbound}).
 */
public final class OutboundHttp implements AutoCloseable {
    /** Redirects followed at most. */
    public static final int MAX_REDIRECTS = 5;

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "cookie", "cookie2",
            "transfer-encoding", "te", "trailer", "upgrade", "keep-alive", "expect", "forwarded", "via", "x-real-ip",
            "proxy-authorization", "proxy-connection");
    private static final Set<String> CROSS_ORIGIN = Set.of("accept", "content-type");

    private final OutboundPolicy policy;
    private final Connector connector;

    /** A client over {@code connector} (tests); {@link #create} for the production one. */
    public OutboundHttp(OutboundPolicy policy, Connector connector) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** The production client: Jetty's HTTP client, resolving and connecting through {@code policy}. */
    public static OutboundHttp create(OutboundPolicy policy) {
        return new OutboundHttp(policy, new JettyConnector(policy));
    }

    public OutboundPolicy policy() {
        return policy;
    }

    /**
     * Whether header {@code name} is never sent on a caller's behalf: {@code Host}, {@code Content-Length},
     * {@code Connection}, {@code Cookie}, {@code Transfer-Encoding}, {@code TE}, {@code Trailer}, {@code Upgrade},
     * {@code Keep-Alive}, {@code Expect}, {@code Forwarded}, {@code Via}, {@code X-Real-IP}, {@code X-Forwarded-*}
     * and {@code Proxy-*}.
     */
    public static boolean isRestricted(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return RESTRICTED.contains(n) || n.startsWith("x-forwarded-") || n.startsWith("proxy-");
    }

    /**
     * Sends {@code request}, following redirects, and returns the final response (any status; a 3xx only when it
     * has no {@code Location}). Blocks the calling thread (a virtual one: never a Jetty or session-lock holder) until
     * the final response's headers arrive or the request's time limit passes; resolution runs off Jetty's threads.
     * The caller owns the response and must close it; the request's body array is read, never kept or changed.
     *
     * @throws OutboundException when refused or failed; its message names the reason and never the upstream's body
     */
    public OutboundResponse send(OutboundRequest request) throws OutboundException {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        URI uri = request.uri();
        Target target = Target.of(uri);
        String method = request.method();
        byte[] body = request.body();
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> {
            if (!isRestricted(k)) headers.put(k, v);
        });
        for (int hop = 0; ; hop++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw timeout(request.timeout(), hop > 0);
            OutboundResponse response;
            try {
                response = connector.exchange(new Connector.Hop(method, uri, target, Map.copyOf(headers), body,
                        Duration.ofNanos(left)));
            } catch (OutboundException e) {
                throw hop > 0 ? e.afterRedirect() : e;
            }
            int status = response.status();
            String location = response.header("location").orElse(null);
            if (!isRedirect(status) || location == null || location.isBlank()) return response;
            response.close();
            if (hop == MAX_REDIRECTS) {
                throw new OutboundException(OutboundException.Reason.TOO_MANY_REDIRECTS,
                        "more than " + MAX_REDIRECTS + " redirects");
            }
            URI next;
            Target nextTarget;
            try {
                next = uri.resolve(location.strip());
                nextTarget = Target.of(next);
            } catch (IllegalArgumentException | OutboundException e) {
                throw new OutboundException(OutboundException.Reason.BAD_REDIRECT, "a redirect to an unusable location");
            }
            if (target.scheme().equals("https") && nextTarget.scheme().equals("http")) {
                throw new OutboundException(OutboundException.Reason.BAD_REDIRECT, "a redirect from https to http");
            }
            if (!target.sameOrigin(nextTarget)) {
                headers.keySet().removeIf(k -> !CROSS_ORIGIN.contains(k.toLowerCase(Locale.ROOT)));
            }
            boolean toGet = status == 303 && !method.equalsIgnoreCase("HEAD")
                    || (status == 301 || status == 302) && method.equalsIgnoreCase("POST");
            if (toGet) {
                method = "GET";
                body = null;
                headers.keySet().removeIf(k -> k.equalsIgnoreCase("content-type"));
            }
            uri = next;
            target = nextTarget;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static OutboundException timeout(Duration limit, boolean redirected) {
        OutboundException e = new OutboundException(OutboundException.Reason.TIMEOUT,
                "no answer within " + limit.toMillis() + " ms");
        return redirected ? e.afterRedirect() : e;
    }

    /** Closes the connector: requests in flight fail. */
    @Override
    public void close() {
        connector.close();
    }
}
