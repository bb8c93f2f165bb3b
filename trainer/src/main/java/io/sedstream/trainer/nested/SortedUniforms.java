package io.sedstream.trainer.nested;

/**
 * One-to-one map from n unit-cube coordinates to n sorted uniforms x_1 <= ... <= x_n on [0, 1],
 * whose spacings (x_1, x_2 - x_1, ..., 1 - x_n) are then flat-Dirichlet(1, ..., 1) distributed:
 * the Dense Basis prior on the quantile times t25, t50, t75 (Iyer et al. 2019). The largest of n
 * uniforms has CDF x^n, so x_n = u_n^(1/n), and given x_{k+1} the k smaller ones are k uniforms
 * on [0, x_{k+1}]: x_k = x_{k+1} u_k^(1/k). Being a bijection (unlike sorting), it keeps the
 * likelihood in the cube single-moded where the posterior is.
 */
public final class SortedUniforms {

    private SortedUniforms() {
    }

    /** Writes sorted uniforms for {@code u[from .. from + n)} into {@code out[to .. to + n)}. */
    public static void transform(double[] u, int from, int n, double[] out, int to) {
        double upper = 1.0;
        for (int k = n; k >= 1; k--) {
            upper *= Math.pow(u[from + k - 1], 1.0 / k);
            out[to + k - 1] = upper;
        }
    }
}
