package dev.parley.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles, the statistic every benchmark report here uses. Pure, thread-safe. */
public final class Percentiles {
    private Percentiles() {}

    /**
     * The nearest-rank {@code p}-th percentile: the smallest value with at least {@code p} % of the values at or below
     * it ({@code p} = 50: the median, the lower one for an even count). NaN for no values. The array is not changed.
     *
     * @param p percent, in (0, 100]
     */
    public static double of(double[] values, double p) {
        if (values.length == 0) return Double.NaN;
        double[] s = values.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.clamp(i, 0, s.length - 1)];
    }

    /** {@link #of(double[], double)} of boxed values. */
    public static double of(Collection<Double> values, double p) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }
}
