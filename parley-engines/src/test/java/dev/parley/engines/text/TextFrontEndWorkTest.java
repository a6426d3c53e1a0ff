package dev.parley.engines.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Planning is linear in the text's length whatever its shape: the characters every step of the front end reads
 * ({@link CountingText}) and the bytes the planning thread allocates are counted for a text of the API's largest size
 * (15,000 characters) and one twice as long. A step that rescanned the rest of the text per chunk, or a regex that
 * started over at every character of a run, would read about n²/2 characters (over 100 million for 15,000); one that
 * copied the rest of the text per chunk (as {@code SentenceSplitter} did: 17 minutes on the text of a 24-deep
 * {@code replace} chain) would allocate as much. Either is four times as much for twice the text.
 */
class TextFrontEndWorkTest {
    static final int N = 15_000;
    /**
     * Reads per character allowed: the forty-odd English rules read a character about 300 times in all, a 200-character
     * substitution key up to 200 times more; a quadratic step would read over 7,000 per character at this size.
     */
    static final int READS_PER_CHAR = 1000;
    static final Language EN = Languages.resolve("en", "");

    static String repeat(String unit, int n) {
        return unit.repeat(n / unit.length() + 1).substring(0, n);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                shape("one word", n -> "a".repeat(n)),
                shape("full stops", n -> ".".repeat(n)),
                shape("mixed punctuation", n -> repeat(".,;:!?…—", n)),
                shape("one-letter sentences", n -> repeat("a. ", n)),
                shape("sentences without spaces", n -> repeat("a.", n)),
                shape("dotted word", n -> repeat("a.", n) + "a"),
                shape("hyphenated word", n -> repeat("a-", n) + "a"),
                shape("dotted host", n -> repeat("www.", n)),
                shape("local part without a domain", n -> repeat("a.", n) + "@"),
                shape("digits", n -> "1".repeat(n)),
                shape("digit groups", n -> repeat("1,000", n)),
                shape("decimals", n -> repeat("1.1", n)),
                shape("opening brackets", n -> "[".repeat(n)),
                shape("angle brackets", n -> "<".repeat(n)),
                shape("unclosed tags", n -> repeat("[pause <slow ", n)),
                shape("pauses", n -> repeat("[pause]", n)),
                shape("wrapping tags", n -> repeat("<slow>a</slow>b ", n)),
                shape("initials", n -> repeat("J. ", n)),
                shape("abbreviations", n -> repeat("Mr. ", n)),
                shape("spaces", n -> "a" + " ".repeat(n - 2) + "a"),
                shape("clause marks without spaces", n -> repeat("a,", n)),
                shape("emoji", n -> repeat("😀", n)));
    }

    static Arguments shape(String name, IntFunction<String> text) {
        return Arguments.of(name, text);
    }

    static long reads(String text, TextFrontEnd.Options options) {
        CountingText.Meter meter = new CountingText.Meter();
        TextFrontEnd.plan(text, EN, options, meter);
        return meter.reads();
    }

    static void assertLinear(IntFunction<String> text, TextFrontEnd.Options options) {
        long once = reads(text.apply(N), options);
        long twice = reads(text.apply(2 * N), options);
        assertThat(once).as("characters read planning %d characters", N).isLessThanOrEqualTo((long) READS_PER_CHAR * N);
        assertThat(twice).as("characters read for twice the text (%d for once)", once)
                .isLessThanOrEqualTo(once * 5 / 2);
        assertAllocatesLinearly(n -> TextFrontEnd.plan(text.apply(n), EN, options));
    }

    /**
     * Bytes allocated per character allowed: the English rules make about 40 copies of the text (one per rule), and
     * text cut into many pieces by tags gets 40 matchers per piece (about 1,300 bytes per character for
     * {@code <slow>a</slow>b}). Work that grows with the square of the length shows in the second check: four times
     * the bytes for twice the text.
     */
    static final int BYTES_PER_CHAR = 4000;

    /** Bytes the current thread allocates while {@code work} runs (the JVM's own count, not a clock). */
    static long allocated(Runnable work) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        work.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    /** {@code work} on {@link #N} characters allocates at most {@link #BYTES_PER_CHAR} each, and about twice for 2N. */
    static void assertAllocatesLinearly(IntConsumer work) {
        work.accept(N); // loads and links what the work uses, so that its one-time allocations are not counted
        long once = allocated(() -> work.accept(N));
        long twice = allocated(() -> work.accept(2 * N));
        assertThat(once).as("bytes allocated for %d characters", N).isLessThanOrEqualTo((long) BYTES_PER_CHAR * N);
        assertThat(twice).as("bytes allocated for twice the text (%d for once)", once).isLessThanOrEqualTo(once * 5 / 2);
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {8, 48, 250})
    void splittingOneLongSentenceCopiesEachCharacterABoundedNumberOfTimes(int limit) {
        assertAllocatesLinearly(n -> SentenceSplitter.split(repeat("word ", n), limit));
        assertAllocatesLinearly(n -> SentenceSplitter.split("a".repeat(n), limit));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void planningReadsEachCharacterABoundedNumberOfTimes(String name, IntFunction<String> text) {
        assertLinear(text, TextFrontEnd.Options.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void planningWithoutNormalisationReadsEachCharacterABoundedNumberOfTimes(String name, IntFunction<String> text) {
        assertLinear(text, new TextFrontEnd.Options(false, null, ChunkPolicy.DEFAULT, 0));
    }

    @Test
    void substitutionsReadEachCharacterAtMostTheLongestKeyTimes() {
        String key = "a".repeat(199) + "b";
        Replacements r = Replacements.of(Map.of(key, "x", "a", "b b"), Integer.MAX_VALUE);
        assertLinear(n -> "a".repeat(n), new TextFrontEnd.Options(true, r, ChunkPolicy.DEFAULT, 0));
        assertLinear(n -> repeat("a ", n), new TextFrontEnd.Options(true, r, ChunkPolicy.DEFAULT, 0));
    }

    @Test
    void sentenceEndsOfTextThatArrivesACharacterAtATimeAreFoundInLinearTime() {
        for (String unit : new String[] {"a", ".", "a.", "\n", "。", "\"'"}) {
            long once = incrementalReads(repeat(unit, N));
            long twice = incrementalReads(repeat(unit, 2 * N));
            assertThat(once).as("reads for %s", unit).isLessThanOrEqualTo(64L * N);
            assertThat(twice).as("reads for twice %s", unit).isLessThanOrEqualTo(once * 5 / 2);
        }
    }

    /** The reads of {@link SentenceSplitter#lastBoundary(CharSequence, int)} as IncrementalText asks, pushing one character at a time. */
    static long incrementalReads(String text) {
        StringBuilder buffer = new StringBuilder();
        CountingText.Meter meter = new CountingText.Meter();
        CharSequence counted = meter.apply(buffer);
        for (int i = 0; i < text.length(); i++) {
            int from = buffer.length();
            buffer.append(text.charAt(i));
            if (SentenceSplitter.lastBoundary(counted, from) > 0) buffer.setLength(0);
        }
        return meter.reads();
    }
}
