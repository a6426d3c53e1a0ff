package dev.parley.server.net;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link Connector} that opens no socket: for each hop it asks the policy for the addresses (as the production
 * connector's resolver does), records where it would connect, and answers from a script keyed by
 * {@code host:port}. An unscripted target answers 200 with an empty body.
 */
public final class RecordingConnector implements Connector {
    /** One hop that would have connected: the request and the admitted addresses. */
    public record Connection(Hop hop, List<InetSocketAddress> addresses) {}

    private final OutboundPolicy policy;
    private final Map<String, Function<Hop, OutboundResponse>> scripts = new HashMap<>();
    public final List<Connection> connections = new CopyOnWriteArrayList<>();

    public RecordingConnector(OutboundPolicy policy) {
        this.policy = policy;
    }

    /** Answers hops to {@code host:port} with {@code answer}. */
    public RecordingConnector on(String hostPort, Function<Hop, OutboundResponse> answer) {
        scripts.put(hostPort, answer);
        return this;
    }

    /** A redirect answer. */
    public static OutboundResponse redirect(int status, String location) {
        return new OutboundResponse(status, Map.of("location", location), new ByteArrayInputStream(new byte[0]));
    }

    /** A 2xx or other answer with a text body. */
    public static OutboundResponse answer(int status, String body) {
        return new OutboundResponse(status, Map.of("content-type", "application/json"),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public OutboundResponse exchange(Hop hop) throws OutboundException {
        List<InetSocketAddress> addresses = policy.resolve(hop.target().host().text(), hop.target().port());
        connections.add(new Connection(hop, addresses));
        Function<Hop, OutboundResponse> f = scripts.get(hop.target().host().text() + ":" + hop.target().port());
        return f != null ? f.apply(hop) : answer(200, "");
    }

    /** The hosts connected to, in order. */
    public List<String> hosts() {
        return connections.stream().map(c -> c.hop().target().host().text()).toList();
    }

    @Override
    public void close() {}
}
