package dev.parley.server.realtime.internal;

import java.util.Arrays;

/**
 * Growable float buffer with a hard capacity (the session's input audio, 16 kHz). Not thread-safe.
 */
public final class SampleBuffer {
    private final int capacity;
    private float[] data = new float[16000];
    private int length;

    public SampleBuffer(int capacity) {
        this.capacity = capacity;
    }

    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    /** Appends; returns false (and appends nothing) when it would exceed the capacity. */
    public boolean append(float[] src, int offset, int count) {
        if (length + count > capacity) return false;
        if (length + count > data.length) data = Arrays.copyOf(data, Math.min(capacity, Math.max(length + count, data.length * 2)));
        System.arraycopy(src, offset, data, length, count);
        length += count;
        return true;
    }

    /** A copy of samples {@code from..length}. */
    public float[] copyFrom(int from) {
        return Arrays.copyOfRange(data, Math.max(0, from), length);
    }

    /** Drops the first {@code n} samples. */
    public void dropFirst(int n) {
        n = Math.min(n, length);
        System.arraycopy(data, n, data, 0, length - n);
        length -= n;
    }

    public void clear() {
        length = 0;
        if (data.length > 16000 * 10) data = new float[16000];
    }
}
