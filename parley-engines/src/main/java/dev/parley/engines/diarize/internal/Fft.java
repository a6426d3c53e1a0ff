package dev.parley.engines.diarize.internal;

/**
 * In-place iterative radix-2 complex FFT of a fixed power-of-two size, with precomputed twiddles and
 * bit-reversal table. Written here rather than taken from a library because it sits on the per-frame feature
 * path (one call per 10 ms frame) and needs nothing beyond a 512-point transform.
 *
 * <p>Threading: an instance is immutable after construction and may be shared; {@link #transform} works on
 * the caller's arrays only.
 */
public final class Fft {
    private final int n;
    private final int[] rev;
    private final double[] cos;
    private final double[] sin;

    public Fft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) throw new IllegalArgumentException("FFT size must be a power of two >= 2, got " + n);
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        rev = new int[n];
        for (int i = 0; i < n; i++) rev[i] = Integer.reverse(i) >>> (32 - bits);
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = -Math.sin(2 * Math.PI * i / n);
        }
    }

    public int size() {
        return n;
    }

    /** Forward transform {@code X[k] = sum x[j] e^{-2 pi i jk/n}}, in place; both arrays of length {@link #size()}. */
    public void transform(double[] re, double[] im) {
        if (re.length != n || im.length != n) throw new IllegalArgumentException("arrays must have length " + n);
        for (int i = 0; i < n; i++) {
            int j = rev[i];
            if (j > i) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1, step = n / len;
            for (int s = 0; s < n; s += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step], wi = sin[k * step];
                    int a = s + k, b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                }
            }
        }
    }
}
