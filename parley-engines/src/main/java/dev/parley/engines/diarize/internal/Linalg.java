package dev.parley.engines.diarize.internal;

/** Small dense linear algebra on row-major {@code double[d*d]} matrices. Stateless. */
public final class Linalg {
    private Linalg() {}

    /**
     * In-place Cholesky factorisation {@code A = L L^T} of a symmetric positive-definite matrix; the lower
     * triangle of {@code a} receives L. Pivots below a tiny positive floor are clamped to it, so a near-singular
     * covariance yields a very negative (finite) log-determinant instead of NaN.
     */
    public static void cholesky(double[] a, int d) {
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int k = 0; k < j; k++) s -= a[j * d + k] * a[j * d + k];
            double piv = Math.sqrt(Math.max(s, 1e-12));
            a[j * d + j] = piv;
            for (int i = j + 1; i < d; i++) {
                double t = a[i * d + j];
                for (int k = 0; k < j; k++) t -= a[i * d + k] * a[j * d + k];
                a[i * d + j] = t / piv;
            }
        }
    }

    /** log det of a symmetric positive-definite matrix (destroys {@code a}). */
    public static double logDetSpd(double[] a, int d) {
        cholesky(a, d);
        double s = 0;
        for (int i = 0; i < d; i++) s += Math.log(a[i * d + i]);
        return 2 * s;
    }

    /** Solves {@code L y = b} for lower-triangular L (from {@link #cholesky}) into {@code y}. */
    public static void forward(double[] l, int d, double[] b, double[] y) {
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * d + k] * y[k];
            y[i] = s / l[i * d + i];
        }
    }
}
