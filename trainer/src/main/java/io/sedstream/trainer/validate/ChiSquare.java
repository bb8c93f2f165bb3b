package io.sedstream.trainer.validate;

/**
 * Upper tail of the chi-square distribution, P(X > x) = Q(k/2, x/2), with the regularised upper
 * incomplete gamma function evaluated by its series (x < a + 1) or Lentz's continued fraction
 * (Press et al., Numerical Recipes, 3rd ed., section 6.2).
 */
final class ChiSquare {

    private static final int MAX_ITERATIONS = 10_000;
    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;

    private ChiSquare() {
    }

    static double survival(double x, int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + degreesOfFreedom);
        }
        if (!(x > 0)) {
            return 1.0;
        }
        double a = degreesOfFreedom / 2.0;
        double z = x / 2.0;
        return z < a + 1 ? 1.0 - lowerSeries(a, z) : upperContinuedFraction(a, z);
    }

    /** P(a, z) by its power series. */
    private static double lowerSeries(double a, double z) {
        double term = 1.0 / a;
        double sum = term;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            term *= z / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPSILON) {
                break;
            }
        }
        return sum * Math.exp(-z + a * Math.log(z) - logGamma(a));
    }

    /** Q(a, z) by the modified Lentz continued fraction. */
    private static double upperContinuedFraction(double a, double z) {
        double b = z + 1.0 - a;
        double c = 1.0 / TINY;
        double d = 1.0 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1.0) < EPSILON) {
                break;
            }
        }
        return Math.exp(-z + a * Math.log(z) - logGamma(a)) * h;
    }

    /** ln Gamma(x) for x > 0, Lanczos approximation (g = 7, n = 9), accurate to ~1e-15. */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1.0 - x);
        }
        x -= 1.0;
        double sum = c[0];
        double t = x + 7.5;
        for (int i = 1; i < c.length; i++) {
            sum += c[i] / (x + i);
        }
        return 0.5 * Math.log(2.0 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
