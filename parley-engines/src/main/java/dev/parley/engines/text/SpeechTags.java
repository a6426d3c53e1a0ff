package dev.parley.engines.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses xAI speech tags (spec §2.4) out of TTS text.
 *
 * <ul>
 *   <li>Inline {@code [pause]} (0.5 s) and {@code [long-pause]} (1.2 s) become {@link SpeechPiece.Pause}s; the
 *       non-verbal family ({@code [laugh]}, {@code [breath]}, {@code [sigh]}, ...) becomes a short pause: Parley's
 *       engines cannot laugh, and a tag is never read out.</li>
 *   <li>Wrapping {@code <slow>…</slow>} and the rest change the {@link Prosody} of the enclosed words; they nest,
 *       an unclosed one lasts to the end of the text, a stray closing tag is dropped.</li>
 *   <li>Anything else in brackets ({@code [hello]}, {@code <b>}) is malformed or unknown: its content is spoken
 *       as plain text without the brackets. Parsing never fails (the API does not report malformed tags).</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class SpeechTags {
    private SpeechTags() {}

    /** Pause lengths of the inline tags, in milliseconds. */
    public static final Map<String, Integer> INLINE = Map.ofEntries(
            Map.entry("pause", 500), Map.entry("long-pause", 1200),
            Map.entry("laugh", 300), Map.entry("chuckle", 250), Map.entry("giggle", 250),
            Map.entry("breath", 200), Map.entry("inhale", 250), Map.entry("exhale", 250),
            Map.entry("sigh", 300), Map.entry("cry", 300), Map.entry("tsk", 150),
            Map.entry("tongue-click", 150), Map.entry("lip-smack", 150), Map.entry("hum-tune", 400));

    /** Prosody of the wrapping tags. */
    public static final Map<String, Prosody> WRAPPING = Map.ofEntries(
            Map.entry("slow", new Prosody(0.8, 1, 1, false)),
            Map.entry("fast", new Prosody(1.2, 1, 1, false)),
            Map.entry("soft", new Prosody(1, 1, 0.6, false)),
            Map.entry("loud", new Prosody(1, 1, 1.5, false)),
            Map.entry("whisper", new Prosody(0.95, 1, 0.45, true)),
            Map.entry("higher-pitch", new Prosody(1, 1.15, 1, false)),
            Map.entry("lower-pitch", new Prosody(1, 0.87, 1, false)),
            Map.entry("emphasis", new Prosody(0.92, 1.05, 1.25, false)),
            Map.entry("build-intensity", new Prosody(1.05, 1.05, 1.3, false)),
            Map.entry("decrease-intensity", new Prosody(0.95, 0.97, 0.75, false)),
            Map.entry("sing-song", new Prosody(0.95, 1.1, 1, false)),
            Map.entry("singing", new Prosody(0.85, 1.12, 1, false)),
            Map.entry("laugh-speak", new Prosody(1.08, 1.06, 1, false)));

    /** The longest tag, brackets included: a bracket with no closing one this near is a lone bracket. */
    private static final int MAX_TAG_CHARS = 64;
    /** The longest silence of one piece; consecutive pause tags beyond it make further pieces. */
    static final int MAX_PAUSE_MS = 5_000;

    /**
     * Splits tagged text into speech and pauses. Adjacent speech with the same prosody is merged; blank speech is
     * dropped; consecutive pauses are merged up to {@value #MAX_PAUSE_MS} ms a piece. The texts are not normalised.
     * Linear in the text's length: a bracket is matched within {@value #MAX_TAG_CHARS} characters.
     */
    public static List<SpeechPiece> parse(CharSequence text) {
        Parser p = new Parser();
        Deque<String> open = new ArrayDeque<>();
        Deque<Prosody> stack = new ArrayDeque<>();
        stack.push(Prosody.NORMAL);
        StringBuilder cur = p.cur;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[' || c == '<') {
                int end = closing(text, i, c == '[' ? ']' : '>');
                if (end < 0) {
                    // A lone bracket: not a tag; drop the bracket, keep the words.
                    cur.append(' ');
                    i++;
                    continue;
                }
                String body = text.subSequence(i + 1, end).toString().strip();
                boolean closing = body.startsWith("/");
                boolean selfClosing = body.endsWith("/");
                String name = body.replaceAll("^/+|/+$", "").strip().toLowerCase(Locale.ROOT).replace('_', '-')
                        .replace(' ', '-');
                if (INLINE.containsKey(name) && !closing) {
                    p.flush(stack.peek());
                    p.pause(INLINE.get(name));
                } else if (WRAPPING.containsKey(name)) {
                    if (closing) {
                        if (open.contains(name)) {
                            p.flush(stack.peek());
                            // close up to and including the nearest matching open tag
                            while (!open.isEmpty()) {
                                String top = open.pop();
                                stack.pop();
                                if (top.equals(name)) break;
                            }
                        }
                        // a stray closing tag is dropped
                    } else if (!selfClosing) {
                        p.flush(stack.peek());
                        open.push(name);
                        stack.push(stack.peek().then(WRAPPING.get(name)));
                    }
                } else if (INLINE.containsKey(name)) {
                    // "[/pause]": a closing inline tag means nothing; drop it.
                } else {
                    // unknown or malformed: speak the content without the brackets
                    cur.append(' ').append(body.replaceAll("[\\[\\]<>/]", " ")).append(' ');
                }
                i = end + 1;
                continue;
            }
            if (c == ']' || c == '>') {
                cur.append(' ');
                i++;
                continue;
            }
            cur.append(c);
            i++;
        }
        p.flush(stack.peek());
        p.emit();
        return p.out;
    }

    /**
     * The index of the bracket {@code close} that ends the tag opening at {@code open}, or -1 when another opening
     * bracket comes first or none comes within {@value #MAX_TAG_CHARS} characters.
     */
    private static int closing(CharSequence text, int open, char close) {
        int last = Math.min(text.length() - 1, open + MAX_TAG_CHARS);
        for (int j = open + 1; j <= last; j++) {
            char c = text.charAt(j);
            if (c == close) return j;
            if (c == '[' || c == '<') return -1;
        }
        return -1;
    }

    /** The pieces made so far, and the speech not yet emitted (so that merging never copies what came before). */
    private static final class Parser {
        final List<SpeechPiece> out = new ArrayList<>();
        final StringBuilder cur = new StringBuilder();
        final StringBuilder speech = new StringBuilder();
        Prosody speechProsody;

        /** Moves the words of {@link #cur} to the pending speech, merging with it when the prosody is the same. */
        void flush(Prosody prosody) {
            String t = Chars.collapseWhitespace(cur, 0, cur.length());
            cur.setLength(0);
            if (t.isEmpty()) return;
            if (!speech.isEmpty() && !prosody.equals(speechProsody)) emit();
            if (!speech.isEmpty()) speech.append(' ');
            speech.append(t);
            speechProsody = prosody;
        }

        /** Ends the pending speech. */
        void emit() {
            if (speech.isEmpty()) return;
            out.add(new SpeechPiece.Speech(speech.toString(), speechProsody));
            speech.setLength(0);
        }

        void pause(int ms) {
            emit();
            if (!out.isEmpty() && out.getLast() instanceof SpeechPiece.Pause p && p.millis() + ms <= MAX_PAUSE_MS) {
                out.set(out.size() - 1, new SpeechPiece.Pause(p.millis() + ms));
            } else {
                out.add(new SpeechPiece.Pause(ms));
            }
        }
    }
}
