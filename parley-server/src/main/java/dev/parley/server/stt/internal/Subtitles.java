package dev.parley.server.stt.internal;

import dev.parley.engines.stt.SttResult;
import dev.parley.engines.stt.SttSegment;
import dev.parley.engines.stt.SttWord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Timed stretches of a transcript for the OpenAI alias: {@link #segments} ({@code verbose_json} {@code segments}, one
 * per speech segment the engine transcribed) and {@link #cues} (SubRip and WebVTT cues: segments cut into readable
 * pieces), and their {@link #srt} / {@link #vtt} text. Times in both lists are monotone: each starts at or after the
 * end of the one before, and ends after it starts. Stateless; thread-safe.
 */
public final class Subtitles {
    /** Longest cue text: two lines of 42 characters. */
    static final int MAX_CUE_CHARS = 84;
    /** Longest cue. */
    static final double MAX_CUE_SECONDS = 7.0;
    /** Shortest cue (a lone short word still shows long enough to read). */
    static final double MIN_CUE_SECONDS = 0.3;

    private Subtitles() {}

    /**
     * A timed piece of the transcript.
     *
     * @param start seconds, rounded to milliseconds
     * @param end   seconds, after {@code start}
     * @param text  its words
     * @param words its timed words (may be empty when the engine timed none)
     */
    public record Cue(double start, double end, String text, List<SttWord> words) {}

    /**
     * One cue per engine segment with text: from its first word's start to its last word's end (the segment's
     * bounds when it has no words), within {@code [0, duration]}.
     */
    public static List<Cue> segments(SttResult r, double duration) {
        List<Cue> out = new ArrayList<>();
        for (SttSegment s : r.segments()) {
            if (s.text().isBlank()) continue;
            double start = s.words().isEmpty() ? s.start() : s.words().getFirst().start();
            double end = s.words().isEmpty() ? s.end() : s.words().getLast().end();
            out.add(new Cue(start, end, s.text().strip(), s.words()));
        }
        return monotone(out, duration);
    }

    /**
     * Subtitle cues: each segment cut at word boundaries so that a cue holds at most {@value #MAX_CUE_CHARS}
     * characters and lasts at most {@value #MAX_CUE_SECONDS} s, and a cue of at least a second also ends at a
     * sentence end; a full cue ends at its last clause mark ({@code , ; :}) when that leaves at least half of it. A
 * segment without timed words is one cue.
     */
    public static List<Cue> cues(SttResult r, double duration) {
        List<Cue> out = new ArrayList<>();
        for (Cue seg : segments(r, duration)) {
            if (seg.words().isEmpty()) {
                out.add(seg);
                continue;
            }
            List<SttWord> cur = new ArrayList<>();
            for (SttWord w : seg.words()) {
                if (!cur.isEmpty() && full(cur, w)) {
                    // a full cue ends at its last clause mark in its second half, when it has one; what follows
                    // that mark starts the next cue unless it is itself too long to take this word
                    int cut = clauseCut(cur);
                    out.add(cue(cur.subList(0, cut)));
                    cur = new ArrayList<>(cur.subList(cut, cur.size()));
                    if (!cur.isEmpty() && full(cur, w)) {
                        out.add(cue(cur));
                        cur = new ArrayList<>();
                    }
                } else if (!cur.isEmpty() && sentenceEnd(cur.getLast())
                        && cur.getLast().end() - cur.getFirst().start() >= 1.0) {
                    out.add(cue(cur));
                    cur = new ArrayList<>();
                }
                cur.add(w);
            }
            if (!cur.isEmpty()) out.add(cue(cur));
        }
        return monotone(out, duration);
    }

    /** Whether {@code next} no longer fits the cue {@code words}: too many characters or too long. */
    private static boolean full(List<SttWord> words, SttWord next) {
        int chars = next.text().length();
        for (SttWord w : words) chars += w.text().length() + 1;
        return chars > MAX_CUE_CHARS || next.end() - words.getFirst().start() > MAX_CUE_SECONDS;
    }

    private static boolean sentenceEnd(SttWord w) {
        String t = w.text();
        return t.endsWith(".") || t.endsWith("?") || t.endsWith("!");
    }

    /** Words to keep in a full cue: up to its last word ending a clause (,;:.?!) in its second half, else all. */
    static int clauseCut(List<SttWord> words) {
        for (int i = words.size() - 1; i >= Math.max(1, words.size() / 2); i--) {
            String t = words.get(i - 1).text();
            if (t.endsWith(",") || t.endsWith(";") || t.endsWith(":") || t.endsWith(".") || t.endsWith("?")
                    || t.endsWith("!")) {
                return i;
            }
        }
        return words.size();
    }

    private static Cue cue(List<SttWord> words) {
        return new Cue(words.getFirst().start(), words.getLast().end(),
                String.join(" ", words.stream().map(SttWord::text).toList()), List.copyOf(words));
    }

    /** Rounds to milliseconds and makes the times monotone and non-empty, within the audio where possible. */
    static List<Cue> monotone(List<Cue> cues, double duration) {
        List<Cue> out = new ArrayList<>(cues.size());
        double prevEnd = 0;
        for (Cue c : cues) {
            double start = ms(Math.max(prevEnd, Math.max(0, c.start())));
            double end = ms(Math.max(Math.min(c.end(), Math.max(duration, start)), start + MIN_CUE_SECONDS));
            out.add(new Cue(start, end, c.text(), c.words()));
            prevEnd = end;
        }
        return out;
    }

    private static double ms(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }

    /** SubRip: numbered cues from 1, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, a blank line after each. */
    public static String srt(List<Cue> cues) {
        StringBuilder b = new StringBuilder();
        int n = 1;
        for (Cue c : cues) {
            b.append(n++).append('\n').append(time(c.start(), ',')).append(" --> ").append(time(c.end(), ','))
                    .append('\n').append(c.text()).append("\n\n");
        }
        return b.toString();
    }

    /** WebVTT: the {@code WEBVTT} header, then {@code HH:MM:SS.mmm --> HH:MM:SS.mmm} cues separated by blank lines. */
    public static String vtt(List<Cue> cues) {
        StringBuilder b = new StringBuilder("WEBVTT\n\n");
        for (Cue c : cues) {
            // "-->" inside cue text would end the timing line early in a parser: it cannot come from speech, but be safe
            b.append(time(c.start(), '.')).append(" --> ").append(time(c.end(), '.')).append('\n')
                    .append(c.text().replace("-->", "->")).append("\n\n");
        }
        return b.toString();
    }

    static String time(double seconds, char msSeparator) {
        long total = Math.round(seconds * 1000.0);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", total / 3_600_000, total / 60_000 % 60,
                total / 1000 % 60, msSeparator, total % 1000);
    }
}
