package dev.parley.engines.diarize.internal;

/**
 * MFCC front end for 16 kHz mono audio: 25 ms Hamming windows every 10 ms, pre-emphasis 0.97, per-frame DC
 * removal, 512-point power spectrum, 40 triangular mel bands from 20 to 7600 Hz, log, orthonormal DCT-II.
 *
 * <p>Each frame's feature vector has {@link #DIM} values: index 0 is the log energy of the frame (before
 * windowing), indices 1..20 are cepstra c1..c20 (c0 is left out; the log energy carries loudness). Frame
 * {@code i} covers samples {@code [i*160, i*160+400)}; its time is taken as {@code i * 0.01 s} (see
 * {@link #frameTime}).
 *
 * <p>Threading: stateless apart from immutable tables; safe to share.
 */
public final class Mfcc {
    public static final int SAMPLE_RATE = 16_000;
    public static final int WINDOW = 400;
    public static final int HOP = 160;
    public static final int FFT_SIZE = 512;
    public static final int BANDS = 40;
    public static final int CEPSTRA = 20;
    public static final int DIM = CEPSTRA + 1;
    public static final double LOW_HZ = 20, HIGH_HZ = 7600;
    /** Seconds per frame step. */
    public static final double FRAME_SECONDS = (double) HOP / SAMPLE_RATE;

    private static final double FLOOR = 1e-10;
    private static final Fft FFT = new Fft(FFT_SIZE);
    private static final double[] HAMMING = new double[WINDOW];
    private static final int[] BAND_LO = new int[BANDS];
    private static final double[][] BAND_W = new double[BANDS][];
    private static final double[][] DCT = new double[CEPSTRA][BANDS];

    static {
        for (int i = 0; i < WINDOW; i++) HAMMING[i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (WINDOW - 1));
        double mLo = mel(LOW_HZ), mHi = mel(HIGH_HZ);
        double[] edges = new double[BANDS + 2];
        for (int i = 0; i < edges.length; i++) edges[i] = melInv(mLo + (mHi - mLo) * i / (BANDS + 1));
        double binHz = (double) SAMPLE_RATE / FFT_SIZE;
        for (int b = 0; b < BANDS; b++) {
            double l = edges[b], c = edges[b + 1], r = edges[b + 2];
            int lo = (int) Math.ceil(l / binHz), hi = (int) Math.floor(r / binHz);
            BAND_LO[b] = lo;
            double[] w = new double[Math.max(0, hi - lo + 1)];
            for (int k = lo; k <= hi; k++) {
                double f = k * binHz;
                w[k - lo] = f <= c ? (f - l) / (c - l) : (r - f) / (r - c);
                if (w[k - lo] < 0) w[k - lo] = 0;
            }
            BAND_W[b] = w;
        }
        for (int k = 1; k <= CEPSTRA; k++) {
            for (int m = 0; m < BANDS; m++) {
                DCT[k - 1][m] = Math.sqrt(2.0 / BANDS) * Math.cos(Math.PI * k * (m + 0.5) / BANDS);
            }
        }
    }

    private Mfcc() {}

    static double mel(double hz) {
        return 1127.0 * Math.log1p(hz / 700.0);
    }

    static double melInv(double mel) {
        return 700.0 * (Math.exp(mel / 1127.0) - 1);
    }

    /** Number of frames for {@code samples} samples: {@code 1 + (samples - 400) / 160}, or 0 when shorter than a window. */
    public static int frameCount(int samples) {
        return samples < WINDOW ? 0 : 1 + (samples - WINDOW) / HOP;
    }

    /** Time in seconds attributed to frame {@code i}. */
    public static double frameTime(int i) {
        return i * FRAME_SECONDS;
    }

    /** First frame whose time is at or after {@code seconds} (may equal the frame count). */
    public static int frameAt(double seconds) {
        return (int) Math.max(0, Math.ceil(seconds / FRAME_SECONDS - 1e-9));
    }

    /**
     * Computes features for a whole signal. Returns {@code [frameCount][DIM]}; the input array is only read.
     */
    public static float[][] compute(float[] samples) {
        int frames = frameCount(samples.length);
        float[][] out = new float[frames][DIM];
        double[] re = new double[FFT_SIZE], im = new double[FFT_SIZE];
        double[] power = new double[FFT_SIZE / 2 + 1];
        double[] logMel = new double[BANDS];
        for (int f = 0; f < frames; f++) {
            int off = f * HOP;
            double mean = 0;
            for (int i = 0; i < WINDOW; i++) mean += samples[off + i];
            mean /= WINDOW;
            double energy = 0;
            double prev = off > 0 ? samples[off - 1] - mean : 0;
            for (int i = 0; i < WINDOW; i++) {
                double x = samples[off + i] - mean;
                energy += x * x;
                re[i] = (x - 0.97 * prev) * HAMMING[i];
                prev = x;
            }
            java.util.Arrays.fill(re, WINDOW, FFT_SIZE, 0);
            java.util.Arrays.fill(im, 0);
            FFT.transform(re, im);
            for (int k = 0; k <= FFT_SIZE / 2; k++) power[k] = re[k] * re[k] + im[k] * im[k];
            for (int b = 0; b < BANDS; b++) {
                double s = 0;
                double[] w = BAND_W[b];
                for (int k = 0; k < w.length; k++) s += w[k] * power[BAND_LO[b] + k];
                logMel[b] = Math.log(Math.max(s, FLOOR));
            }
            float[] v = out[f];
            v[0] = (float) Math.log(Math.max(energy, FLOOR));
            for (int k = 0; k < CEPSTRA; k++) {
                double c = 0;
                double[] row = DCT[k];
                for (int m = 0; m < BANDS; m++) c += row[m] * logMel[m];
                v[k + 1] = (float) c;
            }
        }
        return out;
    }
}
