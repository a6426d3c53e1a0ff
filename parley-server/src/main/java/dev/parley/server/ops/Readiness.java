package dev.parley.server.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The composite readiness of the server: ready when every registered {@link ReadinessCheck} is. The server
 * registers {@code server} (started and not draining); features add theirs (models loaded, ...). Thread-safe.
 */
public final class Readiness {
    private final List<Map.Entry<String, ReadinessCheck>> checks = new CopyOnWriteArrayList<>();

    /** Registers a check under a unique name. */
    public synchronized void add(String name, ReadinessCheck check) {
        if (checks.stream().anyMatch(e -> e.getKey().equals(name)))
            throw new IllegalStateException("duplicate readiness check " + name);
        checks.add(Map.entry(name, check));
    }

    /** Runs every check, in registration order. */
    public Report evaluate() {
        Map<String, ReadinessCheck.Status> results = new LinkedHashMap<>();
        for (Map.Entry<String, ReadinessCheck> e : checks) {
            ReadinessCheck.Status s;
            try {
                s = e.getValue().check();
                if (s == null) s = ReadinessCheck.Status.notReady("check returned nothing");
            } catch (RuntimeException x) {
                s = ReadinessCheck.Status.notReady("check failed: " + x);
            }
            results.put(e.getKey(), s);
        }
        return new Report(results);
    }

    /** The result of every check. */
    public record Report(Map<String, ReadinessCheck.Status> checks) {
        public boolean ready() {
            return checks.values().stream().allMatch(ReadinessCheck.Status::ready);
        }

        /** The names of the checks that fail, each with its detail: {@code "server (draining)"}. */
        public String failing() {
            StringBuilder sb = new StringBuilder();
            checks.forEach((name, s) -> {
                if (!s.ready()) sb.append(sb.isEmpty() ? "" : ", ").append(name).append(" (").append(s.detail()).append(')');
            });
            return sb.toString();
        }
    }
}
