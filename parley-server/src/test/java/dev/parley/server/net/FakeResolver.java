package dev.parley.server.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Resolver} from a fixed table, no DNS: names map to literal addresses; any other name does not resolve.
 * Records every name it was asked for. "Public" addresses in the table are only ever classified by the policy, never
 * connected to: tests that connect map names to 127.0.0.1 alone.
 */
public final class FakeResolver implements Resolver {
    private final Map<String, List<InetAddress>> table = new HashMap<>();
    public final List<String> asked = new CopyOnWriteArrayList<>();

    /** Maps {@code name} to the addresses (canonical literals), in order. */
    public FakeResolver map(String name, String... addresses) {
        List<InetAddress> list = new ArrayList<>();
        for (String a : addresses) {
            byte[] raw = Host.literal(a);
            if (raw == null) throw new IllegalArgumentException(a);
            try {
                list.add(InetAddress.getByAddress(raw));
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        table.put(name, List.copyOf(list));
        return this;
    }

    @Override
    public List<InetAddress> resolve(String name) throws UnknownHostException {
        asked.add(name);
        List<InetAddress> a = table.get(name);
        if (a == null) throw new UnknownHostException(name);
        return a;
    }
}
