package dev.parley.engines.tts.internal;

import dev.parley.audio.RealFft;
import java.util.random.RandomGenerator;

/**
 * The host-side half of the hibari voice: turns the model's per-frame vocoder parameters (12.5 ms frames) into 24 kHz
 * audio, as the hibari-tts package's {@code hibari/dsp.py} does. Per frame and frequency bin:
 *
 * <pre>S = exp(lh) e^{i pi tanh(theta)} STFT(pulses(f0)) + exp(ln) Z + exp(lr) e^{i phi}</pre>
 *
 * a band-limited pulse train from F0 shaped by the harmonic branch, complex Gaussian noise {@code Z} shaped by the
 * noise branch, and a free-phase branch; each log magnitude is capped at 7. One inverse STFT (n_fft 1200, hop 300,
 * periodic Hann, overlap-add normalised by the summed squared window, {@code torch.istft(center=True)}) gives
 * {@code frames * 300} samples.
 *
 * <p>Two controls the model does not have: {@code pitch} scales F0 before the pulse train (the spectral envelope stays,
 * so the formants do not move), and {@code whisper} replaces the pulse train by noise of the same power and the free-phase
 * branch's phases by random ones (a whispered voice: the same envelope, no periodicity).
 *
 * <p>Threading: stateless; {@link #synthesize} may run on many threads at once (each call makes its own FFTs).
 * Blocking: CPU only, with native FFT calls of a few microseconds each: call it on an inference thread. Buffers: the
 * inputs are read, never kept or written; the result is a new array the caller owns.
 */
public final class HibariVocoder {
    /** Output rate, Hz. */
    public static final int SAMPLE_RATE = 24000;
    /** Samples per frame. */
    public static final int HOP = 300;
    /** STFT length. */
    public static final int N_FFT = 1200;
    /** Frequency bins per frame. */
    public static final int BINS = N_FFT / 2 + 1;
    /** Frames whose F0 is below this are unvoiced (no pulses). */
    static final float VOICED_HZ = 40f;
    /** The pulse train's harmonics stop below this. */
    static final float PULSE_MAX_HZ = 11000f;
    private static final float LOG_CAP = 7f;
    /** A log magnitude below this adds less than 2e-8 to a bin: the term is left out. */
    private static final float NEGLIGIBLE = -18f;
    private static final float[] WIN = new float[N_FFT];
    /** The analysis window of the pulse train: a unit cosine peaks at magnitude 1. */
    private static final float[] WIN_SRC = new float[N_FFT];

    static {
        for (int i = 0; i < N_FFT; i++) {
            WIN[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / N_FFT));
            WIN_SRC[i] = WIN[i] / (N_FFT / 4f);
        }
    }

    private HibariVocoder() {}

    /**
     * The model's outputs for one utterance: five [{@link #BINS}][frames] arrays in the model's row-major layout
     * (bin {@code k} of frame {@code i} at {@code k * frames + i}) and F0 per frame, in Hz (below
     * {@value #VOICED_HZ}: unvoiced).
     */
    public record Frames(float[] lh, float[] theta, float[] ln, float[] lr, float[] phi, float[] f0) {
        public Frames {
            int n = BINS * f0.length;
            if (lh.length != n || theta.length != n || ln.length != n || lr.length != n || phi.length != n) {
                throw new IllegalArgumentException("vocoder frames: expected " + BINS + " x " + f0.length + " values");
            }
        }

        /** Number of frames. */
        public int count() {
            return f0.length;
        }
    }

    /**
     * The waveform of {@code frames}.
     *
     * @param pitch   F0 factor (1: the model's own)
     * @param whisper noise instead of pulses as the harmonic branch's source
     * @param noise   the source of every random value: first the noise branch's complex Gaussian values, drawn in
     *                {@code [BINS][frames][real, imaginary]} order (so a test can replay a fixed draw), then the
     *                whisper's; a generator seeded from the input makes the audio reproducible
     * @return {@code frames * HOP} samples at {@value #SAMPLE_RATE} Hz
     */
    public static float[] synthesize(Frames frames, double pitch, boolean whisper, RandomGenerator noise) {
        int f = frames.count();
        if (f == 0) return new float[0];
        float[] source = pulses(frames.f0(), (float) pitch);
        float[] z = new float[BINS * f * 2];
        for (int i = 0; i < z.length; i++) z[i] = (float) noise.nextGaussian();
        int stride = N_FFT + 2;
        // every frame's spectrum, frame-major: the pulse train's first, then the whole frame's
        float[] spec = new float[f * stride];
        boolean[] voiced = new boolean[f];
        float[] seg = new float[N_FFT];
        float[] one = new float[stride];
        float[] frame = new float[N_FFT];
        float[] y = new float[(f + 3) * HOP];
        try (RealFft fft = new RealFft(N_FFT)) {
            for (int i = 0; i < f; i++) {
                voiced[i] = pulseFrame(source, i, seg);
                if (!voiced[i]) continue;
                fft.forward(seg, one);
                if (whisper) whiten(one, noise);
                System.arraycopy(one, 0, spec, i * stride, stride);
            }
            // bin-major over the model's [BINS][frames] arrays, so they are read in order
            float[] lh = frames.lh();
            float[] theta = frames.theta();
            float[] ln = frames.ln();
            float[] lr = frames.lr();
            float[] phi = frames.phi();
            for (int k = 0; k < BINS; k++) {
                for (int i = 0; i < f; i++) {
                    int at = k * f + i;
                    int o = i * stride + 2 * k;
                    double re = 0;
                    double im = 0;
                    if (voiced[i] && lh[at] > NEGLIGIBLE) {
                        double mag = exp(lh[at]);
                        double a = Math.PI * tanh(theta[at]);
                        double c = mag * Math.cos(a);
                        double sn = mag * Math.sin(a);
                        double pr = spec[o];
                        double pi = spec[o + 1];
                        re = c * pr - sn * pi;
                        im = c * pi + sn * pr;
                    }
                    if (ln[at] > NEGLIGIBLE) {
                        double nm = exp(ln[at]);
                        re += nm * z[2 * at];
                        im += nm * z[2 * at + 1];
                    }
                    if (lr[at] > NEGLIGIBLE) {
                        double rm = exp(lr[at]);
                        double ph = whisper ? noise.nextDouble(2 * Math.PI) : phi[at];
                        re += rm * Math.cos(ph);
                        im += rm * Math.sin(ph);
                    }
                    spec[o] = (float) re;
                    spec[o + 1] = (float) im;
                }
            }
            for (int i = 0; i < f; i++) {
                System.arraycopy(spec, i * stride, one, 0, stride);
                fft.inverse(one, frame);
                int off = i * HOP;
                for (int m = 0; m < N_FFT; m++) y[off + m] += frame[m] * WIN[m];
            }
        }
        float[] out = new float[f * HOP];
        int half = N_FFT / 2;
        for (int s = 0; s < out.length; s++) {
            int p = s + half;
            out[s] = y[p] / Math.max(windowSum(p, f), 1e-11f);
        }
        return out;
    }

    /** {@code tanh} through the exponential (an intrinsic; {@link Math#tanh} is not). */
    private static double tanh(double x) {
        if (x > 20) return 1;
        if (x < -20) return -1;
        double e = Math.exp(2 * x);
        return (e - 1) / (e + 1);
    }

    private static double exp(float logMagnitude) {
        return Math.exp(Math.min(logMagnitude, LOG_CAP));
    }

    /** Sum of the squared windows of the frames (0 .. f-1, frame i starting at i * HOP) that cover padded sample p. */
    private static float windowSum(int p, int f) {
        float sum = 0;
        int last = Math.min(f - 1, p / HOP);
        for (int i = Math.max(0, (p - N_FFT) / HOP); i <= last; i++) {
            int m = p - i * HOP;
            if (m >= 0 && m < N_FFT) sum += WIN[m] * WIN[m];
        }
        return sum;
    }

    /**
     * Frame {@code i} of the pulse train's STFT input: samples {@code i*HOP - N_FFT/2 ..} with reflection at both
     * ends ({@code torch.stft(center=True)}), times the source window.
     *
     * @return false when the frame is all zero (unvoiced), so its transform can be skipped
     */
    private static boolean pulseFrame(float[] x, int i, float[] seg) {
        int n = x.length;
        boolean any = false;
        int start = i * HOP - N_FFT / 2;
        for (int m = 0; m < N_FFT; m++) {
            int q = start + m;
            if (q < 0) q = -q;
            if (q >= n) q = 2 * (n - 1) - q;
            q = Math.clamp(q, 0, n - 1);
            float v = x[q];
            any |= v != 0f;
            seg[m] = v * WIN_SRC[m];
        }
        return any;
    }

    /** Replaces a pulse spectrum by complex Gaussian noise of the same mean power (a whispered source). */
    private static void whiten(float[] spec, RandomGenerator r) {
        double power = 0;
        for (int k = 0; k < BINS; k++) power += spec[2 * k] * spec[2 * k] + spec[2 * k + 1] * spec[2 * k + 1];
        double sd = Math.sqrt(power / BINS / 2);
        for (int k = 0; k < BINS; k++) {
            spec[2 * k] = (float) (sd * r.nextGaussian());
            spec[2 * k + 1] = (float) (sd * r.nextGaussian());
        }
    }

    /**
     * The band-limited pulse train of an F0 curve ({@code dsp.pulses}): F0 interpolated linearly per sample
     * ({@code align_corners=False}, edges held), every harmonic below {@value #PULSE_MAX_HZ} Hz at unit amplitude
     * through the closed form {@code sin((H+1/2)t) / (2 sin(t/2)) - 1/2}, zero where F0 is below {@value #VOICED_HZ}
     * Hz. {@code pitch} scales the frequency; voicing is decided on the unscaled curve.
     */
    static float[] pulses(float[] f0, float pitch) {
        int f = f0.length;
        float[] out = new float[f * HOP];
        double cycles = 0;
        int half = HOP / 2;
        for (int k = 0; k < f; k++) {
            for (int j = 0; j < HOP; j++) {
                float a;
                float b;
                float u;
                if (j < half) {
                    u = (float) ((j + 0.5) / HOP + 0.5);
                    a = f0[Math.max(k - 1, 0)];
                    b = f0[k];
                } else {
                    u = (float) ((j + 0.5) / HOP - 0.5);
                    a = f0[k];
                    b = f0[Math.min(k + 1, f - 1)];
                }
                float hz = a * (1f - u) + b * u;
                boolean voiced = hz > VOICED_HZ;
                hz = Math.max(hz * pitch, VOICED_HZ);
                cycles += hz;
                double c = cycles / SAMPLE_RATE;
                float t = (float) ((c - Math.floor(c)) * 2 * Math.PI);
                float h = (float) Math.floor(PULSE_MAX_HZ / hz) + 0.5f;
                float s = 2f * (float) Math.sin(t * 0.5f);
                float e = Math.abs(s) <= 2e-3f ? h : (float) Math.sin(h * t) / s;
                out[k * HOP + j] = voiced ? e - 0.5f : 0f;
            }
        }
        return out;
    }
}
