package dev.parley.server.config;

import java.util.List;

/** The configuration is invalid; {@link #problems()} lists every problem found, one line each. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, each naming the setting and where its value came from. */
    public List<String> problems() {
        return problems;
    }
}
