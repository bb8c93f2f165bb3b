package io.sedstream.trainer.nested;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A union of ellipsoids bounding the live points: one ellipsoid around all of them, split
 * recursively in two by 2-means whenever the two children's bounding ellipsoids take less than
 * half the parent's volume (the splitting test of Feroz, Hobson and Bridges 2009 in its simple
 * volume form; dynesty's MultiEllipsoid uses the same idea). The enlarged ellipsoids serve
 * rejection sampling; their overlap groups them into components, each with one tight ellipsoid
 * around all its points whose axes set the slice directions there.
 */
final class MultiEllipsoid {

    /** Children must take less than this fraction of the parent's volume for a split to be kept. */
    private static final double SPLIT_VOLUME_FRACTION = 0.5;
    private static final int KMEANS_ITERATIONS = 50;

    private final List<Ellipsoid> enlarged;
    private final double[] cumulativeVolume;
    private final double logTotalVolume;
    /** component (group of overlapping ellipsoids) of each ellipsoid */
    private final int[] componentOfLeaf;
    /** tight bounding ellipsoid of each component's points: the axes of its slice moves */
    private final List<Ellipsoid> componentAxes;

    private MultiEllipsoid(List<Ellipsoid> enlarged, int[] componentOfLeaf, List<Ellipsoid> componentAxes) {
        this.enlarged = List.copyOf(enlarged);
        this.componentOfLeaf = componentOfLeaf.clone();
        this.componentAxes = List.copyOf(componentAxes);
        double maxLog = Double.NEGATIVE_INFINITY;
        for (Ellipsoid e : enlarged) {
            maxLog = Math.max(maxLog, e.logVolume());
        }
        this.cumulativeVolume = new double[enlarged.size()];
        double sum = 0;
        for (int i = 0; i < enlarged.size(); i++) {
            sum += Math.exp(enlarged.get(i).logVolume() - maxLog);
            cumulativeVolume[i] = sum;
        }
        this.logTotalVolume = maxLog + Math.log(sum);
    }

    /**
     * Bounds the points (rows of {@code points}); {@code allowSplit} false gives one ellipsoid.
     * Clusters never get fewer than 2(D + 1) points, so their covariances stay well determined.
     * Ellipsoids whose enlarged copies share a point are grouped into one component: a curved
     * ridge cut into pieces stays one component, well separated modes become several.
     */
    static MultiEllipsoid build(double[][] points, double enlargement, boolean allowSplit) {
        int n = points.length;
        int d = points[0].length;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        List<Ellipsoid> leaves = new ArrayList<>();
        List<int[]> leafRows = new ArrayList<>();
        split(points, all, Ellipsoid.bounding(points, all, 1.0), allowSplit ? 2 * (d + 1) : Integer.MAX_VALUE,
                leaves, leafRows);
        List<Ellipsoid> grown = new ArrayList<>(leaves.size());
        for (Ellipsoid e : leaves) {
            grown.add(e.scaled(enlargement));
        }
        int m = grown.size();
        int[] parent = new int[m];
        for (int k = 0; k < m; k++) {
            parent[k] = k;
        }
        if (m > 1) {
            double[] work = new double[d];
            for (double[] p : points) {
                int first = -1;
                for (int k = 0; k < m; k++) {
                    if (grown.get(k).contains(p, work)) {
                        if (first < 0) {
                            first = k;
                        } else {
                            parent[find(parent, k)] = find(parent, first);
                        }
                    }
                }
            }
        }
        int[] componentOfLeaf = new int[m];
        int[] rootToComponent = new int[m];
        java.util.Arrays.fill(rootToComponent, -1);
        int components = 0;
        for (int k = 0; k < m; k++) {
            int root = find(parent, k);
            if (rootToComponent[root] < 0) {
                rootToComponent[root] = components++;
            }
            componentOfLeaf[k] = rootToComponent[root];
        }
        List<Ellipsoid> axes = new ArrayList<>(components);
        for (int c = 0; c < components; c++) {
            int size = 0;
            for (int k = 0; k < m; k++) {
                size += componentOfLeaf[k] == c ? leafRows.get(k).length : 0;
            }
            int[] rows = new int[size];
            int at = 0;
            for (int k = 0; k < m; k++) {
                if (componentOfLeaf[k] == c) {
                    System.arraycopy(leafRows.get(k), 0, rows, at, leafRows.get(k).length);
                    at += leafRows.get(k).length;
                }
            }
            axes.add(Ellipsoid.bounding(points, rows, 1.0));
        }
        return new MultiEllipsoid(grown, componentOfLeaf, axes);
    }

    private static int find(int[] parent, int k) {
        while (parent[k] != k) {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        return k;
    }

    private static void split(double[][] points, int[] rows, Ellipsoid parent, int minPoints,
                              List<Ellipsoid> out, List<int[]> outRows) {
        if (rows.length < 2 * minPoints) {
            out.add(parent);
            outRows.add(rows);
            return;
        }
        int[][] halves = twoMeans(points, rows, parent.majorAxisEnds());
        if (halves[0].length < minPoints || halves[1].length < minPoints) {
            out.add(parent);
            outRows.add(rows);
            return;
        }
        Ellipsoid a = Ellipsoid.bounding(points, halves[0], 1.0);
        Ellipsoid b = Ellipsoid.bounding(points, halves[1], 1.0);
        double logChildren = logAddExp(a.logVolume(), b.logVolume());
        if (logChildren < parent.logVolume() + Math.log(SPLIT_VOLUME_FRACTION)) {
            split(points, halves[0], a, minPoints, out, outRows);
            split(points, halves[1], b, minPoints, out, outRows);
        } else {
            out.add(parent);
            outRows.add(rows);
        }
    }

    /** Lloyd's 2-means from the two ends of the parent's major axis (deterministic). */
    private static int[][] twoMeans(double[][] points, int[] rows, double[][] seeds) {
        int d = seeds[0].length;
        double[][] centers = {seeds[0].clone(), seeds[1].clone()};
        int[] label = new int[rows.length];
        Arrays.fill(label, -1);
        for (int it = 0; it < KMEANS_ITERATIONS; it++) {
            boolean changed = false;
            for (int i = 0; i < rows.length; i++) {
                double[] p = points[rows[i]];
                int best = squaredDistance(p, centers[0]) <= squaredDistance(p, centers[1]) ? 0 : 1;
                if (best != label[i]) {
                    label[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sums = new double[2][d];
            int[] counts = new int[2];
            for (int i = 0; i < rows.length; i++) {
                counts[label[i]]++;
                double[] p = points[rows[i]];
                for (int j = 0; j < d; j++) {
                    sums[label[i]][j] += p[j];
                }
            }
            for (int k = 0; k < 2; k++) {
                if (counts[k] > 0) {
                    for (int j = 0; j < d; j++) {
                        centers[k][j] = sums[k][j] / counts[k];
                    }
                }
            }
        }
        int n0 = 0;
        for (int l : label) {
            n0 += l == 0 ? 1 : 0;
        }
        int[] a = new int[n0];
        int[] b = new int[rows.length - n0];
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < rows.length; i++) {
            if (label[i] == 0) {
                a[ia++] = rows[i];
            } else {
                b[ib++] = rows[i];
            }
        }
        return new int[][] {a, b};
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }

    static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }

    /** Number of ellipsoids. */
    int size() {
        return enlarged.size();
    }

    /** Number of components (groups of overlapping ellipsoids). */
    int components() {
        return componentAxes.size();
    }

    double logTotalVolume() {
        return logTotalVolume;
    }

    /** The ellipsoid whose axes set the slice directions in component {@code c}. */
    Ellipsoid componentAxes(int c) {
        return componentAxes.get(c);
    }

    /** Whether an enlarged ellipsoid of component {@code c} holds {@code x}. */
    boolean componentContains(int c, double[] x, double[] work) {
        for (int k = 0; k < enlarged.size(); k++) {
            if (componentOfLeaf[k] == c && enlarged.get(k).contains(x, work)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A component drawn with probability proportional to its share of the union's volume, found
     * by drawing uniform points from the union ({@link #sampleUniform}); no likelihood calls.
     */
    int componentByVolume(RandomGenerator rng, double[] x, double[] work) {
        if (componentAxes.size() == 1) {
            return 0;
        }
        while (true) {
            int k = clusterByVolume(rng);
            if (acceptDraw(k, rng, x, work)) {
                return componentOfLeaf[k];
            }
        }
    }

    private int clusterByVolume(RandomGenerator rng) {
        double target = rng.nextDouble() * cumulativeVolume[cumulativeVolume.length - 1];
        int k = 0;
        while (k < cumulativeVolume.length - 1 && cumulativeVolume[k] < target) {
            k++;
        }
        return k;
    }

    /**
     * A uniform draw from the union of the enlarged ellipsoids: pick one by volume, draw inside
     * it, and keep the draw with probability 1/q where q counts the ellipsoids holding it (so
     * overlaps are not over-sampled). Returns false when the draw is thrown away.
     */
    boolean sampleUniform(RandomGenerator rng, double[] out, double[] work) {
        return acceptDraw(clusterByVolume(rng), rng, out, work);
    }

    private boolean acceptDraw(int k, RandomGenerator rng, double[] out, double[] work) {
        enlarged.get(k).sampleUniform(rng, out, work);
        if (enlarged.size() == 1) {
            return true;
        }
        int q = 0;
        for (Ellipsoid e : enlarged) {
            if (e.contains(out, work)) {
                q++;
            }
        }
        return q <= 1 || rng.nextInt(q) == 0;
    }
}
