package dev.parley.server.tts;

import dev.parley.engines.text.SpeechPiece;
import dev.parley.server.http.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Approximate character timings for {@code with_timestamps} ({@code audio_timestamps: {graph_chars, graph_times}},
 * times as {@code [start, end]} pairs in seconds, CONFLICT #10).
 *
 * <p>Approximation: the engines give no alignment, so each synthesised chunk's duration (its trailing inter-sentence
 * gap included) is spread evenly over the chunk's characters. The characters are those of the chunk as spoken:
 * speech tags removed and, with {@code text_normalization}, written forms expanded, so they may differ from the
 * request text. Consecutive chunks are joined by a zero-length space; pauses advance time without characters.
 *
 * <p>Not thread-safe; one per response or per {@code audio.delta}.
 */
final class CharTimes {
    private final List<String> chars = new ArrayList<>();
    private final List<double[]> times = new ArrayList<>();

    /** Adds a piece that starts at {@code start} seconds and lasts {@code seconds}. */
    void add(SpeechPiece piece, double start, double seconds) {
        if (!(piece instanceof SpeechPiece.Speech s)) return;
        if (!chars.isEmpty()) {
            chars.add(" ");
            times.add(new double[] {start, start});
        }
        int[] cps = s.text().codePoints().toArray();
        double per = cps.length == 0 ? 0 : seconds / cps.length;
        for (int i = 0; i < cps.length; i++) {
            chars.add(new String(Character.toChars(cps[i])));
            times.add(new double[] {start + i * per, start + (i + 1) * per});
        }
    }

    boolean isEmpty() {
        return chars.isEmpty();
    }

    /** {@code {"graph_chars": [...], "graph_times": [[start, end], ...]}}, times rounded to milliseconds. */
    ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode c = o.putArray("graph_chars");
        chars.forEach(c::add);
        ArrayNode t = o.putArray("graph_times");
        for (double[] se : times) t.addArray().add(round(se[0])).add(round(se[1]));
        return o;
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
