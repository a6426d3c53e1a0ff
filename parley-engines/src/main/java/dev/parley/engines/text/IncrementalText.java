package dev.parley.engines.text;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that arrives in pieces (TTS WebSocket {@code text.delta}, an LLM's tokens): hands out whole sentences as
 * soon as they are complete, keeping wrapping tags that span sentences open across the cut. With a clause length
 * (the voice agent, whose language model writes a few words a second), it also hands out clauses: text up to a
 * {@code ;} or {@code :} followed by a space, a line break, or a comma followed by a space once at least that many
 * characters wait, so the first words are spoken before the sentence is finished.
 *
 * <p>Not thread-safe: one instance per utterance, used by one thread at a time. Buffer bound: the caller limits
 * each delta (spec: 15,000 characters); text without a sentence end is released when the buffer exceeds
 * {@code maxBufferChars} (cut at the last space), so the buffer never grows past that plus one delta. Work: a push
 * looks for sentence and clause ends only in the text it completes (what came before was searched by the pushes
 * before it), so text pushed a character at a time costs time in proportion to its length, not to its length times
 * the buffer's.
 */
public final class IncrementalText {
    private static final Pattern TAG = Pattern.compile("<\\s*(/?)\\s*([A-Za-z][A-Za-z_ -]*?)\\s*/?\\s*>");

    private final int maxBufferChars;
    private final int clauseMinChars;
    private final StringBuilder buffer = new StringBuilder();

    /** @param maxBufferChars release text even without a sentence end once this much is waiting */
    public IncrementalText(int maxBufferChars) {
        this(maxBufferChars, 0);
    }

    /**
     * @param maxBufferChars release text even without a sentence end once this much is waiting
     * @param clauseMinChars release clauses too, a comma clause once this many characters wait (0: sentences only)
     */
    public IncrementalText(int maxBufferChars, int clauseMinChars) {
        if (maxBufferChars < 16) throw new IllegalArgumentException("buffer too small");
        this.maxBufferChars = maxBufferChars;
        this.clauseMinChars = clauseMinChars;
    }

    /** Appends a delta and returns the text of the sentences now complete (possibly empty). */
    public String push(String delta) {
        // The buffer holds no sentence or clause end (they were released), so only the new text can complete one.
        int from = buffer.length();
        buffer.append(delta);
        int cut = SentenceSplitter.lastBoundary(buffer, from);
        if (clauseMinChars > 0) cut = Math.max(cut, lastClause(buffer, from));
        if (cut <= 0 && buffer.length() > maxBufferChars) {
            cut = buffer.lastIndexOf(" ");
            if (cut <= 0) cut = buffer.length();
        }
        if (cut <= 0) return "";
        return release(cut);
    }

    /**
     * Index just after the last clause end of {@code b} (see the class comment) that the text from {@code from} on
     * completes, or -1.
     */
    private int lastClause(CharSequence b, int from) {
        for (int i = b.length() - 2; i >= Math.max(0, from - 1); i--) {
            char c = b.charAt(i);
            if (c == '\n') return i + 1;
            if (!Character.isWhitespace(b.charAt(i + 1))) continue;
            if (c == ';' || c == ':' || (c == ',' && i + 1 >= clauseMinChars)) return i + 1;
        }
        return -1;
    }

    /** Ends the utterance: returns whatever is left and empties the buffer. */
    public String finish() {
        String rest = buffer.toString();
        buffer.setLength(0);
        return rest;
    }

    /** Drops the buffer ({@code text.clear}). */
    public void clear() {
        buffer.setLength(0);
    }

    private String release(int cut) {
        String done = buffer.substring(0, cut);
        String rest = buffer.substring(cut);
        // Re-open the wrapping tags still open at the cut, so that the rest keeps its prosody.
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(done);
        while (m.find()) {
            String name = m.group(2).strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
            if (!SpeechTags.WRAPPING.containsKey(name)) continue;
            if (m.group(1).isEmpty()) open.push(name);
            else open.remove(name);
        }
        StringBuilder prefix = new StringBuilder();
        var it = open.descendingIterator();
        while (it.hasNext()) prefix.append('<').append(it.next()).append('>');
        buffer.setLength(0);
        buffer.append(prefix).append(rest);
        return done;
    }
}
