package io.sedstream.inference.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.ParameterTransform;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ConditionalMixture} against brute-force conditioning: the joint density of the
 * UNconditioned posterior ({@link MixturePosterior#logDensity}), evaluated on a fine 2-D grid of the
 * other two parameters at the known value, normalised numerically and marginalised by quadrature.
 * Three parameters (redshift identity, a logit one, an identity one), two members of three
 * correlated components each, so the known value reweights components and shifts their means.
 */
class ConditionalMixtureTest {
    private static final int K = 3;
    private static final int D = 3;
    private static final int GRID = 1600;

    private static List<ParameterSpec> parameters(ParameterTransform knownTransform) {
        return List.of(
                new ParameterSpec("redshift", "dimensionless", 0.01, 14.0, knownTransform == ParameterTransform.LOGIT ? 0.0 : 5.0,
                        knownTransform == ParameterTransform.LOGIT ? 1.5 : 3.0, knownTransform),
                new ParameterSpec("log10_av", "log10 mag", -3.0, 0.7, 0.1, 1.6, ParameterTransform.LOGIT),
                // A wide box: its truncation is negligible, so per-marginal truncation and the grid agree.
                new ParameterSpec("log10_mass", "log10 Msun", -60.0, 80.0, 9.0, 2.0, ParameterTransform.IDENTITY));
    }

    /** Random but well-conditioned member rows: correlated components at different redshifts. */
    private static float[][] rows(long seed) {
        MixtureLayout layout = new MixtureLayout(K, D);
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] out = new float[2][layout.width()];
        for (float[] row : out) {
            for (int k = 0; k < K; k++) {
                row[layout.logitOffset(k)] = (float) rng.nextDouble(-1, 1);
                for (int i = 0; i < D; i++) {
                    row[layout.meanOffset(k, i)] = (float) rng.nextDouble(-0.9, 0.9);
                    row[layout.logDiagonalOffset(k, i)] = (float) rng.nextDouble(0.3, 1.2);
                    for (int j = i + 1; j < D; j++) {
                        row[layout.upperOffset(k, i, j)] = (float) rng.nextDouble(-2.0, 2.0);
                    }
                }
            }
        }
        return out;
    }

    private static MixturePosterior joint(List<ParameterSpec> specs, float[][] rows, double[] weights) {
        MixturePosterior p = new MixturePosterior(new MixtureLayout(K, D), rows.length, specs);
        for (int m = 0; m < rows.length; m++) {
            p.setMember(m, weights[m], rows[m], 0);
        }
        return p;
    }

    private static ConditionalMixture conditional(List<ParameterSpec> specs, float[][] rows, double[] weights) {
        ConditionalMixture c = new ConditionalMixture(new MixtureLayout(K, D), rows.length, specs, 0);
        for (int m = 0; m < rows.length; m++) {
            c.setMember(m, weights[m], rows[m], 0);
        }
        return c;
    }

    /**
     * The conditional density of (y1, y2) at redshift z on a grid in the network variables y (where
     * it is smooth), from the joint's log-density in x minus each transform's log-Jacobian.
     */
    private record Grid(double[] y1, double[] y2, double[][] density, double step1, double step2) { }

    private static Grid grid(MixturePosterior joint, List<ParameterSpec> specs, double z) {
        // y ranges wide enough to hold the whole conditional (checked by the edge mass below).
        double[] lo = {-14, -12};
        double[] hi = {14, 30};
        double[][] ys = new double[2][GRID];
        double[] step = new double[2];
        for (int a = 0; a < 2; a++) {
            step[a] = (hi[a] - lo[a]) / GRID;
            for (int i = 0; i < GRID; i++) {
                ys[a][i] = lo[a] + (i + 0.5) * step[a];
            }
        }
        double[][] dens = new double[GRID][GRID];
        double[] theta = new double[D];
        theta[0] = z;
        double total = 0;
        for (int i = 0; i < GRID; i++) {
            ParameterSpec p1 = specs.get(1);
            theta[1] = p1.toPhysical(ys[0][i]);
            double jac1 = p1.transform().logJacobian(theta[1], p1.lower(), p1.upper());
            for (int j = 0; j < GRID; j++) {
                theta[2] = ys[1][j];
                double v = Math.exp(joint.logDensity(theta) - jac1);
                dens[i][j] = v;
                total += v;
            }
        }
        double edge = 0;
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                dens[i][j] /= total;
                if (i == 0 || j == 0 || i == GRID - 1 || j == GRID - 1) {
                    edge += dens[i][j];
                }
            }
        }
        assertTrue(edge < 1e-12, "the grid holds the whole conditional (edge mass " + edge + ")");
        return new Grid(ys[0], ys[1], dens, step[0], step[1]);
    }

    /** CDF of remaining parameter {@code a} (0 or 1) at y by the midpoint rule, interpolated inside the cell. */
    private static double gridCdf(Grid g, int a, double y) {
        double[] ys = a == 0 ? g.y1() : g.y2();
        double step = a == 0 ? g.step1() : g.step2();
        double cdf = 0;
        for (int i = 0; i < GRID; i++) {
            double cellLo = ys[i] - step / 2;
            double part = Math.min(1.0, Math.max(0.0, (y - cellLo) / step));
            if (part == 0) {
                break;
            }
            double mass = 0;
            for (int j = 0; j < GRID; j++) {
                mass += a == 0 ? g.density()[i][j] : g.density()[j][i];
            }
            cdf += part * mass;
        }
        return cdf;
    }

    private static double gridMeanPhysical(Grid g, int a, ParameterSpec spec) {
        double mean = 0;
        for (int i = 0; i < GRID; i++) {
            double x = spec.toPhysical(a == 0 ? g.y1()[i] : g.y2()[i]);
            for (int j = 0; j < GRID; j++) {
                mean += x * (a == 0 ? g.density()[i][j] : g.density()[j][i]);
            }
        }
        return mean;
    }

    private static void agreeWithBruteForce(ParameterTransform knownTransform, double z, long seed) {
        List<ParameterSpec> specs = parameters(knownTransform);
        float[][] rows = rows(seed);
        double[] weights = {0.35, 0.65};
        MixturePosterior joint = joint(specs, rows, weights);
        MixturePosterior cond = conditional(specs, rows, weights).condition(z);
        assertEquals(List.of("log10_av", "log10_mass"), cond.parameterNames());
        Grid g = grid(joint, specs, z);
        for (int a = 0; a < 2; a++) {
            ParameterSpec spec = specs.get(a + 1);
            ParameterSummary s = cond.summarise(a);
            // Percentiles: the grid CDF at the conditioned posterior's quantile is the level (midpoint rule
            // on a 1600^2 grid and float32 network rows: 2e-5 in level).
            double[] levels = {0.025, 0.16, 0.5, 0.84, 0.975};
            double[] values = {s.p2_5(), s.p16(), s.median(), s.p84(), s.p97_5()};
            for (int q = 0; q < levels.length; q++) {
                double level = gridCdf(g, a, spec.toNetwork(values[q]));
                assertEquals(levels[q], level, 2e-5, spec.name() + " at level " + levels[q] + " (z = " + z + ")");
            }
            double span = spec.transform() == ParameterTransform.LOGIT ? spec.upper() - spec.lower() : 1.0;
            assertEquals(gridMeanPhysical(g, a, spec), s.mean(), 2e-5 * span, spec.name() + " mean (z = " + z + ")");
        }
        // The conditioned joint density is the joint's at (z, x) over the marginal density of z, at a few points.
        double[] theta = new double[D];
        theta[0] = z;
        double logMarginalZ = Double.NaN;
        for (int i = GRID / 3; i < GRID; i += GRID / 3) {
            int j = GRID / 2;
            theta[1] = specs.get(1).toPhysical(g.y1()[i]);
            theta[2] = g.y2()[j];
            double lc = cond.logDensity(new double[] {theta[1], theta[2]});
            double lj = joint.logDensity(theta);
            double logZ = lj - lc;
            if (Double.isNaN(logMarginalZ)) {
                logMarginalZ = logZ;
            } else {
                assertEquals(logMarginalZ, logZ, 1e-5, "joint / conditional is one constant (the marginal density of z)");
            }
        }
    }

    @Test
    void identityRedshiftAtSeveralValuesAgreesWithNumericalConditioning() {
        for (double z : new double[] {1.3, 5.0, 9.7}) {
            agreeWithBruteForce(ParameterTransform.IDENTITY, z, 11);
        }
    }

    @Test
    void logitKnownParameterMapsTheGivenValueThroughItsTransform() {
        agreeWithBruteForce(ParameterTransform.LOGIT, 3.2, 23);
    }

    @Test
    void aGivenValueSelectsTheComponentsThatExplainIt() {
        // Two components far apart in redshift with different masses: given z at one, the mass is the other's no more.
        List<ParameterSpec> specs = parameters(ParameterTransform.IDENTITY);
        MixtureLayout layout = new MixtureLayout(2, D);
        float[] row = new float[layout.width()];
        double[][] means = {{2.0, 0.0, 8.0}, {10.0, 0.0, 11.0}};
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < D; i++) {
                ParameterSpec p = specs.get(i);
                row[layout.meanOffset(k, i)] = (float) ((means[k][i] - p.mean()) / p.std());
                row[layout.logDiagonalOffset(k, i)] = (float) Math.log(p.std() / 0.3);
            }
        }
        ConditionalMixture c = new ConditionalMixture(layout, 1, specs, 0);
        c.setMember(0, 1.0, row, 0);
        assertEquals(8.0, c.condition(2.0).summarise(1).median(), 1e-5);
        assertEquals(11.0, c.condition(10.0).summarise(1).median(), 1e-5);
        // Halfway, both explain it equally: half the mass at each (the mean sits between them, the CDF is 1/2 in the gap).
        MixturePosterior mid = c.condition(6.0);
        assertEquals(9.5, mid.summarise(1).mean(), 1e-4);
        assertEquals(0.5, mid.marginalCdf(1, 9.5), 1e-5);
    }

    @Test
    void valuesOutsideThePriorIntervalAndUnsetMembersAreRefused() {
        List<ParameterSpec> specs = parameters(ParameterTransform.IDENTITY);
        float[][] rows = rows(5);
        ConditionalMixture c = new ConditionalMixture(new MixtureLayout(K, D), 2, specs, 0);
        c.setMember(0, 0.5, rows[0], 0);
        IllegalStateException unset = assertThrows(IllegalStateException.class, () -> c.condition(3.0));
        assertTrue(unset.getMessage().contains("member 1"), unset.getMessage());
        c.setMember(1, 0.5, rows[1], 0);
        for (double bad : new double[] {0.0, 14.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.condition(bad));
            assertTrue(e.getMessage().contains("prior interval"), e.getMessage());
        }
        assertEquals(2, c.condition(0.01).dimensions());
    }
}
