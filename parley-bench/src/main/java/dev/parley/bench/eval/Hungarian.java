package dev.parley.bench.eval;

import java.util.Arrays;

/** Optimal assignment (Kuhn-Munkres with potentials, O(n^3)) maximising total weight. Stateless. */
final class Hungarian {
    private Hungarian() {}

    /**
     * For a {@code rows x cols} weight matrix returns {@code match[row]} = assigned column or {@code -1}, such
     * that the sum of matched weights is maximal and each column is used at most once.
     */
    static int[] maximise(double[][] w, int rows, int cols) {
        int n = Math.max(rows, cols);
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        if (n == 0) return result;
        double max = 0;
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) max = Math.max(max, w[i][j]);
        // cost[i][j] = max - w (padded cells cost max): minimisation on a square matrix, 1-based arrays
        double[] u = new double[n + 1], v = new double[n + 1];
        int[] p = new int[n + 1], way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= n; j++) {
                    if (used[j]) continue;
                    double c = (i0 <= rows && j <= cols ? max - w[i0 - 1][j - 1] : max) - u[i0] - v[j];
                    if (c < minv[j]) {
                        minv[j] = c;
                        way[j] = j0;
                    }
                    if (minv[j] < delta) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (int j = 1; j <= n; j++) {
            int i = p[j];
            if (i >= 1 && i <= rows && j <= cols) result[i - 1] = j - 1;
        }
        return result;
    }
}
