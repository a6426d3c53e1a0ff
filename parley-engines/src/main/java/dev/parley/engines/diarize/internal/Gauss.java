package dev.parley.engines.diarize.internal;

/**
 * Sufficient statistics of a full-covariance Gaussian (count, sum, sum of outer products) over feature
 * vectors restricted to dimensions {@code [from, from + dim)}, with the log-determinant of the ML covariance.
 *
 * <p>Not thread-safe; owned by one computation.
 */
public final class Gauss {
    final int from;
    final int dim;
    double n;
    final double[] sum;
    final double[] sq; // full d x d, row major

    public Gauss(int from, int dim) {
        this.from = from;
        this.dim = dim;
        this.sum = new double[dim];
        this.sq = new double[dim * dim];
    }

    public Gauss copy() {
        Gauss g = new Gauss(from, dim);
        g.n = n;
        System.arraycopy(sum, 0, g.sum, 0, dim);
        System.arraycopy(sq, 0, g.sq, 0, sq.length);
        return g;
    }

    public double count() {
        return n;
    }

    public void add(float[] x) {
        n++;
        for (int i = 0; i < dim; i++) {
            double xi = x[from + i];
            sum[i] += xi;
            int row = i * dim;
            for (int j = 0; j <= i; j++) sq[row + j] += xi * x[from + j];
        }
    }

    public void addRange(float[][] x, int start, int end) {
        for (int t = start; t < end; t++) add(x[t]);
    }

    public void add(Gauss o) {
        n += o.n;
        for (int i = 0; i < dim; i++) sum[i] += o.sum[i];
        for (int i = 0; i < sq.length; i++) sq[i] += o.sq[i];
    }

    public void subtract(Gauss o) {
        n -= o.n;
        for (int i = 0; i < dim; i++) sum[i] -= o.sum[i];
        for (int i = 0; i < sq.length; i++) sq[i] -= o.sq[i];
    }

    public static Gauss merged(Gauss a, Gauss b) {
        Gauss g = a.copy();
        g.add(b);
        return g;
    }

    public double[] mean() {
        double[] m = new double[dim];
        for (int i = 0; i < dim; i++) m[i] = sum[i] / n;
        return m;
    }

    /** ML covariance (lower triangle filled, symmetric copy above) plus {@code ridge} on the diagonal. */
    public double[] covariance(double ridge) {
        double[] c = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            double mi = sum[i] / n;
            for (int j = 0; j <= i; j++) {
                double v = sq[i * dim + j] / n - mi * (sum[j] / n);
                c[i * dim + j] = v;
                c[j * dim + i] = v;
            }
            c[i * dim + i] += ridge;
        }
        return c;
    }

    /** Standard deviation per dimension. */
    public double[] std() {
        double[] s = new double[dim];
        for (int i = 0; i < dim; i++) {
            double m = sum[i] / n;
            s[i] = Math.sqrt(Math.max(1e-12, sq[i * dim + i] / n - m * m));
        }
        return s;
    }

    /** log det of the ML covariance with {@code ridge} added to the diagonal. */
    public double logDet(double ridge) {
        return Linalg.logDetSpd(covariance(ridge), dim);
    }
}
