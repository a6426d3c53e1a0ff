package dev.parley.engines.text;

import java.util.function.UnaryOperator;

/**
 * A {@link CharSequence} that counts the characters read from it ({@code charAt}) and copied out of it
 * ({@code subSequence}, {@code toString}), to bound the work of the text front end by content instead of time.
 * Not thread-safe.
 */
final class CountingText implements CharSequence {
    private final CharSequence text;
    private final long[] reads;

    private CountingText(CharSequence text, long[] reads) {
        this.text = text;
        this.reads = reads;
    }

    /** Wraps every text it is given in a {@link CountingText} adding to {@link #reads()}. */
    static final class Meter implements UnaryOperator<CharSequence> {
        private final long[] reads = {0};

        @Override
        public CharSequence apply(CharSequence s) {
            return new CountingText(s, reads);
        }

        long reads() {
            return reads[0];
        }
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        reads[0]++;
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        reads[0] += end - start;
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        reads[0] += text.length();
        return text.toString();
    }
}
