package io.sedstream.sed.prior;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A prior built from a model configuration's {@code prior.NAME = ...} lines, in their order:
 * {@code uniform LO HI} (or {@code uniform grid} for the SPS metallicity range), and
 * {@code dirichlet ALPHA N} for the Dense Basis quantile times, which expands into N parameters
 * named t25, t50, t75 for N = 3 (t_{100 i/(N+1)} in general).
 */
public final class ModelPrior implements Prior {
    private final List<String> names = new ArrayList<>();
    private final List<double[]> bounds = new ArrayList<>();
    private final List<String> descriptions = new ArrayList<>();
    // per block: kind 0 = uniform (one parameter), 1 = dirichlet (n parameters)
    private final List<int[]> blocks = new ArrayList<>();
    private final List<Double> alphas = new ArrayList<>();

    /**
     * @param lines              prior lines by parameter name, in order
     * @param gridLog10ZMin      lower end of the SPS metallicity grid (for {@code uniform grid})
     * @param gridLog10ZMax      upper end
     */
    public ModelPrior(Map<String, String> lines, double gridLog10ZMin, double gridLog10ZMax) {
        for (Map.Entry<String, String> e : lines.entrySet()) {
            String name = e.getKey();
            String[] p = e.getValue().trim().split("\\s+");
            try {
                switch (p[0]) {
                    case "uniform" -> {
                        double lo;
                        double hi;
                        if (p.length == 2 && p[1].equals("grid")) {
                            lo = gridLog10ZMin;
                            hi = gridLog10ZMax;
                        } else if (p.length == 3) {
                            lo = Double.parseDouble(p[1]);
                            hi = Double.parseDouble(p[2]);
                        } else {
                            throw new IllegalArgumentException("expected 'uniform LO HI' or 'uniform grid'");
                        }
                        if (!(hi > lo)) {
                            throw new IllegalArgumentException("upper bound " + hi + " must exceed lower bound " + lo);
                        }
                        blocks.add(new int[] {0, names.size(), 1});
                        alphas.add(Double.NaN);
                        names.add(name);
                        bounds.add(new double[] {lo, hi});
                        descriptions.add("uniform(" + lo + ", " + hi + ")");
                    }
                    case "dirichlet" -> {
                        if (p.length != 3) {
                            throw new IllegalArgumentException("expected 'dirichlet ALPHA N'");
                        }
                        double alpha = Double.parseDouble(p[1]);
                        int n = Integer.parseInt(p[2]);
                        if (!(alpha > 0) || n < 1 || n > 20) {
                            throw new IllegalArgumentException("need ALPHA > 0 and 1 <= N <= 20");
                        }
                        blocks.add(new int[] {1, names.size(), n});
                        alphas.add(alpha);
                        for (int i = 1; i <= n; i++) {
                            names.add("t" + Math.round(100.0 * i / (n + 1)));
                            bounds.add(new double[] {0, 1});
                            descriptions.add("cumulative flat-Dirichlet(alpha=" + alpha + ", " + (n + 1) + ") component " + i);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown distribution '" + p[0]
                            + "' (known: uniform, dirichlet)");
                }
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("prior." + name + " = '" + e.getValue() + "': " + ex.getMessage(), ex);
            }
        }
    }

    @Override
    public List<String> names() {
        return List.copyOf(names);
    }

    @Override
    public double lower(int i) {
        return bounds.get(i)[0];
    }

    @Override
    public double upper(int i) {
        return bounds.get(i)[1];
    }

    @Override
    public String describe(int i) {
        return descriptions.get(i);
    }

    @Override
    public void sample(SplittableRandom rng, double[] out) {
        for (int b = 0; b < blocks.size(); b++) {
            int[] blk = blocks.get(b);
            if (blk[0] == 0) {
                double[] bd = bounds.get(blk[1]);
                out[blk[1]] = Distributions.uniform(rng, bd[0], bd[1]);
            } else {
                Distributions.dirichletCumulative(rng, alphas.get(b), blk[2], out, blk[1]);
            }
        }
    }
}
