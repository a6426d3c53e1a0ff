package dev.parley.engines.diarize.internal;

import dev.parley.engines.diarize.SpeakerTurn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The classical diarization pipeline on MFCC frames:
 * <ol>
 *   <li>cepstral mean normalisation over the speech frames;</li>
 *   <li>speaker-change detection inside each speech segment: ΔBIC between two adjacent 1 s windows
 *       (full-covariance Gaussians on c1..c20) every 0.1 s; positive peaks at least 0.5 s apart are changes
 *       (penalty weight {@code changeLambda});</li>
 *   <li>over-clustering of the pieces (at least 0.5 s) by agglomerative ΔBIC with a lenient penalty
 *       ({@code initLambda}), at most {@code maxSpeakers + 2} clusters;</li>
 *   <li>Viterbi resegmentation of all speech frames against one full-covariance Gaussian per cluster with a
 *       switch penalty, re-estimated {@code resegIters} times; clusters with under {@code minClusterFrames}
 *       frames are dissolved into the others (too little speech to stand for a speaker);</li>
 *   <li>cluster-level merging: the pair with the lowest ΔBIC (penalty {@code clusterLambda}) is merged and the
 *       speech resegmented, until every merge would raise the BIC, or down to {@code numSpeakers} when the
 *       caller gave it, and never more than {@code maxSpeakers}.</li>
 * </ol>
 * Pure Java, CPU-bound; holds no shared state, so concurrent calls are independent.
 */
public final class Pipeline {

    /** All tunables (the public options map onto a subset). Frame counts are in 10 ms frames. */
    public record Params(int numSpeakers, int maxSpeakers, double changeLambda, double clusterLambda,
                         int bicDim, int clusterDim, int window, int step, int minChange, int minClusterPiece,
                         double ridge, double switchPenalty, int resegIters, double initLambda, int minClusterFrames) {
        /** Tuned on the shared samples (see ./parley bench diarize); the stable region is λc 1.2-1.5, λk 2.1-2.5. */
        public static final double CHANGE_LAMBDA = 1.3, CLUSTER_LAMBDA = 2.3;

        public static Params defaults() {
            return new Params(0, 8, CHANGE_LAMBDA, CLUSTER_LAMBDA, 20, 20, 100, 10, 50, 50, 1e-3, 30, 3, 1.0, 150);
        }

        public Params withClusterLambda(double l) {
            return new Params(numSpeakers, maxSpeakers, changeLambda, l, bicDim, clusterDim, window, step,
                    minChange, minClusterPiece, ridge, switchPenalty, resegIters, initLambda, minClusterFrames);
        }

        public Params with(int numSpeakers, int maxSpeakers, double changeLambda, double clusterLambda) {
            return new Params(numSpeakers, maxSpeakers, changeLambda, clusterLambda, bicDim, clusterDim, window, step,
                    minChange, minClusterPiece, ridge, switchPenalty, resegIters, initLambda, minClusterFrames);
        }
    }

    /**
     * What a run did, for the benchmark and tuning: number of pieces after change detection, clusters after the
     * first clustering, final speakers, and for every cluster-level merge decision the penalty weight λ at which
     * that merge would break even (merges happen while it is below {@code clusterLambda}).
     */
    public record Trace(int pieces, int clustersAfterBic, int speakers, List<Double> breakEvenLambdas) {}

    private Pipeline() {}

    /**
     * Diarizes 16 kHz mono samples given merged, sorted speech segments in seconds ({@code {start, end}}).
     * Returns turns covering the segments, speakers numbered by first appearance.
     */
    public static List<SpeakerTurn> diarize(float[] x16k, List<double[]> segs, Params p, Trace[] trace) {
        float[][] feats = Mfcc.compute(x16k);
        int frames = feats.length;
        List<int[]> frameSegs = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        for (double[] s : segs) {
            int a = Mfcc.frameAt(s[0]), b = Math.min(frames, Mfcc.frameAt(s[1]));
            if (b > a) {
                frameSegs.add(new int[] {a, b});
                kept.add(s);
            }
        }
        if (frameSegs.isEmpty()) return List.of();
        int[] labels = run(feats, frameSegs, p, trace);
        return toTurns(labels, frameSegs, kept);
    }

    private static List<SpeakerTurn> toTurns(int[] labels, List<int[]> frameSegs, List<double[]> secs) {
        List<SpeakerTurn> turns = new ArrayList<>();
        for (int i = 0; i < frameSegs.size(); i++) {
            int a = frameSegs.get(i)[0], b = frameSegs.get(i)[1];
            double start = secs.get(i)[0], end = secs.get(i)[1];
            int runStart = a;
            for (int t = a + 1; t <= b; t++) {
                if (t == b || labels[t] != labels[runStart]) {
                    double s = runStart == a ? start : Mfcc.frameTime(runStart);
                    double e = t == b ? end : Mfcc.frameTime(t);
                    if (e > s) turns.add(new SpeakerTurn(s, e, Math.max(0, labels[runStart])));
                    runStart = t;
                }
            }
        }
        return List.copyOf(turns);
    }

    /**
     * Labels every frame: {@code -1} for frames outside {@code segments}, otherwise a cluster index
     * {@code 0..k-1} numbered by first appearance.
     *
     * @param feats    {@link Mfcc} features, modified in place (normalised)
     * @param segments speech frame ranges {@code [start, end)}, sorted, disjoint, within the frame count
     */
    public static int[] run(float[][] feats, List<int[]> segments, Params p, Trace[] trace) {
        int frames = feats.length;
        int[] labels = new int[frames];
        Arrays.fill(labels, -1);
        if (segments.isEmpty()) return labels;
        normalise(feats, segments);

        // 1. change detection
        List<int[]> pieces = new ArrayList<>();
        for (int[] seg : segments) pieces.addAll(splitAtChanges(feats, seg[0], seg[1], p));

        // 2. clustering of the pieces long enough to estimate a covariance
        List<int[]> longPieces = new ArrayList<>();
        for (int[] pc : pieces) if (pc[1] - pc[0] >= p.minClusterPiece()) longPieces.add(pc);
        if (longPieces.isEmpty()) longPieces = pieces;
        List<Gauss> stats = new ArrayList<>();
        for (int[] pc : longPieces) {
            Gauss g = new Gauss(1, p.clusterDim());
            g.addRange(feats, pc[0], pc[1]);
            stats.add(g);
        }
        int target = p.numSpeakers() > 0 ? p.numSpeakers() : 0;
        // over-cluster the pieces with a lenient penalty, then let resegmented clusters decide the count
        Params loose = p.withClusterLambda(p.initLambda());
        List<Gauss> clusters = agglomerate(stats, loose, 0, Math.max(p.maxSpeakers(), target) + 2, target);
        int afterBic = clusters.size();
        for (int it = 0; it < p.resegIters(); it++) {
            viterbi(feats, segments, clusters, p, labels);
            clusters = reestimate(feats, labels, clusters.size(), p);
        }
        List<Double> breakEven = new ArrayList<>();
        while (clusters.size() > 1) {
            int k = clusters.size();
            int bi = -1, bj = -1;
            double best = Double.POSITIVE_INFINITY, bestLambda = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < i; j++) {
                    Gauss a = clusters.get(i), b = clusters.get(j);
                    double v = deltaBic(a, a.logDet(p.ridge()), b, b.logDet(p.ridge()), p.clusterDim(), p);
                    if (v < best) {
                        best = v;
                        bi = i;
                        bj = j;
                        double unit = bicPenalty(p.clusterDim(), a.n + b.n, 1.0);
                        bestLambda = (v + bicPenalty(p.clusterDim(), a.n + b.n, p.clusterLambda())) / unit;
                    }
                }
            }
            breakEven.add(bestLambda);
            boolean merge = target > 0 ? k > target : (k > p.maxSpeakers() || best < 0);
            if (!merge) break;
            clusters.get(bj).add(clusters.get(bi));
            clusters.remove(bi);
            for (int it = 0; it < p.resegIters(); it++) {
                viterbi(feats, segments, clusters, p, labels);
                clusters = reestimate(feats, labels, clusters.size(), p);
            }
        }
        viterbi(feats, segments, clusters, p, labels);
        int k = renumber(labels);
        if (trace != null && trace.length > 0) trace[0] = new Trace(pieces.size(), afterBic, k, List.copyOf(breakEven));
        return labels;
    }

    /** Subtracts the mean cepstrum of the speech frames (dims 1..) and the maximum log energy (dim 0). */
    static void normalise(float[][] feats, List<int[]> segments) {
        int d = feats[0].length;
        double[] mean = new double[d];
        double maxE = Double.NEGATIVE_INFINITY;
        long n = 0;
        for (int[] s : segments) {
            for (int t = s[0]; t < s[1]; t++) {
                for (int i = 1; i < d; i++) mean[i] += feats[t][i];
                maxE = Math.max(maxE, feats[t][0]);
                n++;
            }
        }
        if (n == 0) return;
        for (int i = 1; i < d; i++) mean[i] /= n;
        mean[0] = maxE;
        for (float[] f : feats) for (int i = 0; i < d; i++) f[i] -= (float) mean[i];
    }

    private static double bicPenalty(int d, double n, double lambda) {
        return lambda * 0.5 * (d + d * (d + 1) / 2.0) * Math.log(n);
    }

    /** Splits {@code [s, e)} at ΔBIC peaks; returns the pieces in order. */
    static List<int[]> splitAtChanges(float[][] x, int s, int e, Params p) {
        List<int[]> out = new ArrayList<>();
        int len = e - s, step = p.step(), w = p.window(), min = p.minChange();
        if (len < 2 * min) {
            out.add(new int[] {s, e});
            return out;
        }
        int d = p.bicDim();
        int nPos = (len + step - 1) / step + 1;
        int[] pos = new int[nPos];
        Gauss[] prefix = new Gauss[nPos];
        Gauss acc = new Gauss(1, d);
        for (int k = 0; k < nPos; k++) {
            pos[k] = Math.min(e, s + k * step);
            if (k > 0) acc.addRange(x, pos[k - 1], pos[k]);
            prefix[k] = acc.copy();
        }
        int wk = Math.max(1, w / step);
        double[] score = new double[nPos];
        Arrays.fill(score, Double.NEGATIVE_INFINITY);
        for (int k = 1; k < nPos - 1; k++) {
            if (pos[k] - s < min || e - pos[k] < min) continue;
            int a = Math.max(0, k - wk), b = Math.min(nPos - 1, k + wk);
            Gauss left = prefix[k].copy();
            left.subtract(prefix[a]);
            Gauss right = prefix[b].copy();
            right.subtract(prefix[k]);
            Gauss both = prefix[b].copy();
            both.subtract(prefix[a]);
            score[k] = 0.5 * (both.n * both.logDet(p.ridge()) - left.n * left.logDet(p.ridge())
                    - right.n * right.logDet(p.ridge())) - bicPenalty(d, both.n, p.changeLambda());
        }
        // greedy peak picking: highest positive score first, at least `min` frames from chosen changes
        List<Integer> chosen = new ArrayList<>();
        Integer[] order = new Integer[nPos];
        for (int k = 0; k < nPos; k++) order[k] = k;
        Arrays.sort(order, (i, j) -> Double.compare(score[j], score[i]));
        for (int k : order) {
            if (!(score[k] > 0)) break;
            boolean far = true;
            for (int c : chosen) if (Math.abs(pos[c] - pos[k]) < min) far = false;
            if (far) chosen.add(k);
        }
        chosen.sort(null);
        int start = s;
        for (int c : chosen) {
            out.add(new int[] {start, pos[c]});
            start = pos[c];
        }
        out.add(new int[] {start, e});
        return out;
    }

    /**
     * Agglomerative ΔBIC clustering: merges while a merge lowers the BIC or the count is above {@code max}
     * (or above {@code target} when that is set), never below {@code min} clusters.
     */
    static List<Gauss> agglomerate(List<Gauss> items, Params p, int target, int max, int min) {
        List<Gauss> cl = new ArrayList<>(items.size());
        for (Gauss g : items) cl.add(g.copy());
        int n = cl.size();
        if (n <= 1) return cl;
        int d = p.clusterDim();
        double[] ld = new double[n];
        for (int i = 0; i < n; i++) ld[i] = cl.get(i).logDet(p.ridge());
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) dist[i][j] = deltaBic(cl.get(i), ld[i], cl.get(j), ld[j], d, p);
        boolean[] alive = new boolean[n];
        Arrays.fill(alive, true);
        int count = n;
        while (count > Math.max(1, min)) {
            int bi = -1, bj = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!alive[i]) continue;
                for (int j = 0; j < i; j++) {
                    if (alive[j] && dist[i][j] < best) {
                        best = dist[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            boolean mustMerge = target > 0 ? count > target : count > max;
            boolean wantMerge = target > 0 ? mustMerge : best < 0;
            if (!wantMerge && !mustMerge) break;
            cl.get(bj).add(cl.get(bi));
            alive[bi] = false;
            count--;
            ld[bj] = cl.get(bj).logDet(p.ridge());
            for (int k = 0; k < n; k++) {
                if (!alive[k] || k == bj) continue;
                double v = deltaBic(cl.get(bj), ld[bj], cl.get(k), ld[k], d, p);
                if (k < bj) dist[bj][k] = v; else dist[k][bj] = v;
            }
        }
        List<Gauss> out = new ArrayList<>();
        for (int i = 0; i < n; i++) if (alive[i]) out.add(cl.get(i));
        return out;
    }

    static double deltaBic(Gauss a, double lda, Gauss b, double ldb, int d, Params p) {
        Gauss m = Gauss.merged(a, b);
        return 0.5 * (m.n * m.logDet(p.ridge()) - a.n * lda - b.n * ldb) - bicPenalty(d, m.n, p.clusterLambda());
    }

    /** Frame log-likelihood models: per cluster the Cholesky factor, mean and log-det. */
    private record Model(double[] mean, double[] chol, double logDet) {}

    private static Model model(Gauss g, double ridge) {
        double[] c = g.covariance(ridge);
        Linalg.cholesky(c, g.dim);
        double ld = 0;
        for (int i = 0; i < g.dim; i++) ld += 2 * Math.log(c[i * g.dim + i]);
        return new Model(g.mean(), c, ld);
    }

    /** Viterbi over each speech segment independently; writes labels (cluster index) for speech frames. */
    static void viterbi(float[][] x, List<int[]> segments, List<Gauss> clusters, Params p, int[] labels) {
        int k = clusters.size();
        if (k == 0) return;
        if (k == 1) {
            for (int[] s : segments) Arrays.fill(labels, s[0], s[1], 0);
            return;
        }
        int d = clusters.get(0).dim, from = clusters.get(0).from;
        Model[] m = new Model[k];
        for (int c = 0; c < k; c++) m[c] = model(clusters.get(c), p.ridge());
        double[] diff = new double[d], y = new double[d];
        double[] prev = new double[k], cur = new double[k];
        for (int[] s : segments) {
            int len = s[1] - s[0];
            if (len <= 0) continue;
            int[][] back = new int[len][k];
            for (int t = 0; t < len; t++) {
                float[] f = x[s[0] + t];
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < d; i++) diff[i] = f[from + i] - m[c].mean[i];
                    Linalg.forward(m[c].chol, d, diff, y);
                    double q = 0;
                    for (int i = 0; i < d; i++) q += y[i] * y[i];
                    double ll = -0.5 * (m[c].logDet + q);
                    if (t == 0) {
                        cur[c] = ll;
                    } else {
                        int arg = c;
                        double best = prev[c];
                        for (int o = 0; o < k; o++) {
                            if (o != c && prev[o] - p.switchPenalty() > best) {
                                best = prev[o] - p.switchPenalty();
                                arg = o;
                            }
                        }
                        cur[c] = best + ll;
                        back[t][c] = arg;
                    }
                }
                double[] tmp = prev;
                prev = cur;
                cur = tmp;
            }
            int c = 0;
            for (int o = 1; o < k; o++) if (prev[o] > prev[c]) c = o;
            for (int t = len - 1; t >= 0; t--) {
                labels[s[0] + t] = c;
                if (t > 0) c = back[t][c];
            }
        }
    }

    /** New cluster statistics from the frame labels; clusters left without frames are dropped. */
    static List<Gauss> reestimate(float[][] x, int[] labels, int k, Params p) {
        Gauss[] g = new Gauss[k];
        for (int c = 0; c < k; c++) g[c] = new Gauss(1, p.clusterDim());
        for (int t = 0; t < labels.length; t++) if (labels[t] >= 0) g[labels[t]].add(x[t]);
        List<Gauss> out = new ArrayList<>();
        double min = Math.max(p.clusterDim() * 2, p.numSpeakers() > 0 ? 0 : p.minClusterFrames());
        Gauss largest = null;
        for (Gauss gg : g) {
            if (gg.n > min) out.add(gg);
            if (largest == null || gg.n > largest.n) largest = gg;
        }
        if (out.isEmpty()) out.add(largest);
        return out;
    }

    /** Renumbers speech labels by first appearance; returns the number of distinct labels. */
    static int renumber(int[] labels) {
        int[] map = new int[labels.length + 1];
        Arrays.fill(map, -1);
        int next = 0;
        for (int t = 0; t < labels.length; t++) {
            int l = labels[t];
            if (l < 0) continue;
            if (map[l] < 0) map[l] = next++;
            labels[t] = map[l];
        }
        return next;
    }
}
