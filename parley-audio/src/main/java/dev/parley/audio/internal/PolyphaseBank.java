package dev.parley.audio.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Immutable polyphase coefficient bank for a rational rate change {@code L/M} (L = up, M = down after gcd),
 * designed as a Kaiser-windowed sinc. Shared by all resamplers of the same rate pair.
 *
 * <p>Design, in terms of the lower of the two rates {@code f_low}: pass band up to {@code 0.90 * f_low/2},
 * stop band from {@code f_low/2} (so nothing above the output Nyquist folds back when decimating, and images
 * above the input Nyquist are removed when interpolating), {@value #ATTENUATION_DB} dB design attenuation.
 *
 * <p>Output sample {@code m} sits at input position {@code u = m*M/L = n0 + p/L} and is
 * {@code sum_j phases[p][j] * x[n0 - H + 1 + j]} for {@code j < 2H}: zero delay, {@code H} samples lookahead.
 */
public final class PolyphaseBank {
    /** Stop-band attenuation the Kaiser design aims for, in dB. */
    public static final double ATTENUATION_DB = 72;
    private static final double PASS_EDGE = 0.90;
    private static final double STOP_EDGE = 1.00;
    /** The largest number of phases (L after gcd) accepted; far above any pair of common rates (max 640). */
    public static final int MAX_PHASES = 4096;

    private static final ConcurrentHashMap<Long, PolyphaseBank> CACHE = new ConcurrentHashMap<>();

    public final int up;       // L
    public final int down;     // M
    public final int half;     // H: taps either side
    public final int taps;     // K = 2H
    public final int stepWhole;  // M / L
    public final int stepFrac;   // M % L
    public final float[][] phases;

    private PolyphaseBank(int fromHz, int toHz) {
        int g = gcd(fromHz, toHz);
        this.up = toHz / g;
        this.down = fromHz / g;
        if (up > MAX_PHASES) {
            throw new IllegalArgumentException(
                    "rate pair " + fromHz + " -> " + toHz + " needs " + up + " phases (max " + MAX_PHASES + ")");
        }
        this.stepWhole = down / up;
        this.stepFrac = down % up;
        double low = Math.min(fromHz, toHz);
        double nyqLow = low / 2;
        double cutoff = (PASS_EDGE + STOP_EDGE) / 2 * nyqLow / fromHz;         // cycles per input sample
        double transition = 2 * Math.PI * (STOP_EDGE - PASS_EDGE) * nyqLow / fromHz; // rad per input sample
        double a = ATTENUATION_DB;
        double beta = a > 50 ? 0.1102 * (a - 8.7) : a >= 21 ? 0.5842 * Math.pow(a - 21, 0.4) + 0.07886 * (a - 21) : 0;
        double n = (a - 7.95) / (2.285 * transition);
        int h = (int) Math.ceil(n / 2) + 1;
        if ((h & 1) != 0) h++;
        this.half = h;
        this.taps = 2 * h;
        double i0Beta = besselI0(beta);
        this.phases = new float[up][taps];
        for (int p = 0; p < up; p++) {
            double frac = (double) p / up;
            double[] c = new double[taps];
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                double d = frac + h - 1 - j; // distance from output position to this input sample
                double x = d / h;
                double w = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
                double arg = 2 * cutoff * d;
                double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
                c[j] = 2 * cutoff * sinc * w;
                sum += c[j];
            }
            for (int j = 0; j < taps; j++) phases[p][j] = (float) (c[j] / sum); // unity DC gain on every phase
        }
    }

    /** The shared bank for a rate pair (designed once, then cached). */
    public static PolyphaseBank of(int fromHz, int toHz) {
        return CACHE.computeIfAbsent(((long) fromHz << 32) | toHz, k -> new PolyphaseBank(fromHz, toHz));
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }
}
