package dev.parley.server.realtime.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a token stream into clauses for speech synthesis: at sentence punctuation ({@code . ! ? ; :}) followed by
 * whitespace, at newlines, and at commas once the clause has {@link #COMMA_MIN} characters. The first audio can
 * leave as soon as the first clause is complete. Single-threaded.
 */
public final class ClauseSplitter {
    /** A comma ends a clause only after this many characters (short comma clauses sound choppy). */
    static final int COMMA_MIN = 40;
    private final StringBuilder pending = new StringBuilder();

    /** Adds text; returns the clauses completed by it (trimmed, non-empty). */
    public List<String> add(String text) {
        pending.append(text);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < pending.length(); i++) {
            char c = pending.charAt(i);
            boolean boundary;
            if (c == '\n') {
                boundary = true;
            } else if (i + 1 < pending.length() && Character.isWhitespace(pending.charAt(i + 1))) {
                boundary = c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '…'
                        || (c == ',' && i + 1 - start >= COMMA_MIN);
            } else {
                boundary = false;
            }
            if (boundary) {
                String clause = pending.substring(start, i + 1).strip();
                if (!clause.isEmpty()) out.add(clause);
                start = i + 1;
            }
        }
        pending.delete(0, start);
        return out;
    }

    /** The rest (trimmed; empty if nothing is pending), and resets. */
    public String flush() {
        String rest = pending.toString().strip();
        pending.setLength(0);
        return rest;
    }
}
