package io.sedstream.inference.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.Estimator;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.ParameterTransform;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.features.InvalidPhotometryException;
import io.sedstream.inference.posterior.baseline.BaselineSummaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The summaries equal main's (the verbatim copy in {@code posterior.baseline}, main at 0c2d602)
 * within 1e-6 of the prior box width, value by value (mean, std, the five percentiles, mode): on
 * the shipped model's posteriors for galaxy-like and hostile photometry, and on random 1-D mixtures
 * drawn in every regime the fast paths distinguish (truncated edges, multimodal, very narrow and very
 * wide components, little mass inside the box, none at all, logit parameters).
 */
class SummaryOracleTest {
    private static final Path SHIPPED = Path.of("../models/default/1.2.0");
    private static final double TOLERANCE = 1e-6;
    private static final String[] FIELDS = {"mean", "std", "p2.5", "p16", "p50", "p84", "p97.5", "mode"};

    @Test
    void shippedModelSummariesEqualMains() {
        assertTrue(Files.isDirectory(SHIPPED), "the shipped bundle sits at " + SHIPPED.toAbsolutePath());
        List<String> failures = new ArrayList<>();
        int compared = 0;
        double worst = 0;
        try (Estimator est = Estimator.load(SHIPPED)) {
            Manifest m = est.manifest();
            List<String> bands = m.bandNames();
            SplittableRandom random = new SplittableRandom(12);
            for (int trial = 0; trial < 300; trial++) {
                // Smooth spectra from faint to bright, errors from deep to shallow, a few bands missing,
                // and every tenth one hostile (negative or flat fluxes, errors far beyond training).
                boolean hostile = trial % 10 == 0;
                double level = Math.pow(10, random.nextDouble(hostile ? -1 : 0.5, hostile ? 5 : 3.5));
                double slope = random.nextDouble(-2.5, 2.5);
                double err = hostile ? Math.pow(10, random.nextDouble(0, 2)) : Math.pow(10, random.nextDouble(-0.3, 0.8));
                List<BandFlux> phot = new ArrayList<>();
                for (int i = 0; i < bands.size(); i++) {
                    if (random.nextDouble() < 0.1) {
                        phot.add(BandFlux.missing(bands.get(i)));
                    } else {
                        double flux = level * Math.pow(10, slope * (i - 7) / 14.0) + err * random.nextGaussian();
                        phot.add(BandFlux.observed(bands.get(i), flux, err));
                    }
                }
                if (phot.stream().allMatch(BandFlux::isMissing)) {
                    continue;
                }
                try {
                    est.estimate(phot);
                } catch (InvalidPhotometryException refused) {
                    continue;
                }
                MixturePosterior p = (MixturePosterior) est.lastPosterior(); // the shipped bundle is the mixture kind
                for (int dim = 0; dim < p.dimensions(); dim++) {
                    ParameterSpec spec = m.parameters().get(dim);
                    worst = Math.max(worst, compare(p, dim, spec, "trial " + trial, failures));
                    compared++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "oracle, shipped model: %d marginals, worst |new - main| %.2e of the box%n", compared, worst);
        assertTrue(compared > 2000, "compared " + compared + " marginals");
        assertTrue(failures.isEmpty(), failures.size() + " differ:\n" + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
    }

    @Test
    void randomMixturesInEveryRegimeEqualMains() {
        SplittableRandom random = new SplittableRandom(2026);
        List<String> failures = new ArrayList<>();
        int[] regimes = new int[Regime.values().length];
        int[] mainFaults = new int[8];
        double worst = 0;
        for (int trial = 0; trial < 4000; trial++) {
            Regime regime = Regime.values()[trial % Regime.values().length];
            boolean logit = regime == Regime.LOGIT || regime == Regime.LOGIT_WIDE;
            double lower = logit ? 0.0 : -1.0 + random.nextDouble(-0.5, 0.5);
            double upper = logit ? 1.0 : 3.0 + random.nextDouble(-0.5, 0.5);
            double width = upper - lower;
            int k = 1 + random.nextInt(20);
            double[] w = new double[k];
            double[] mu = new double[k];
            double[] sd = new double[k];
            double total = 0;
            for (int i = 0; i < k; i++) {
                // Weights over many decades, as a trained network's softmax leaves them.
                w[i] = Math.exp(random.nextDouble(-30, 0));
                total += w[i];
                switch (regime) {
                    case ORDINARY -> { mu[i] = random.nextDouble(lower, upper); sd[i] = width * Math.exp(random.nextDouble(-4, -1)); }
                    case EDGES -> { mu[i] = (random.nextBoolean() ? lower : upper) + width * random.nextDouble(-0.2, 0.2);
                        sd[i] = width * Math.exp(random.nextDouble(-5, -1)); }
                    case MULTIMODAL -> { mu[i] = lower + width * (0.1 + 0.8 * random.nextInt(4) / 3.0) + width * 0.01 * random.nextGaussian();
                        sd[i] = width * Math.exp(random.nextDouble(-6, -3)); }
                    case NARROW -> { mu[i] = random.nextDouble(lower, upper); sd[i] = width * Math.exp(random.nextDouble(-12, -7)); }
                    case WIDE -> { mu[i] = random.nextDouble(lower - 10 * width, upper + 10 * width); sd[i] = width * Math.exp(random.nextDouble(0, 8)); }
                    case MOSTLY_OUTSIDE -> { mu[i] = upper + width * random.nextDouble(0.3, 2); sd[i] = width * Math.exp(random.nextDouble(-3, -1)); }
                    case OUTSIDE -> { mu[i] = upper + width * random.nextDouble(50, 100); sd[i] = width * 1e-3; }
                    case LOGIT -> { mu[i] = random.nextDouble(-6, 6); sd[i] = Math.exp(random.nextDouble(-3, 0)); }
                    case LOGIT_WIDE -> { mu[i] = random.nextDouble(-10, 10); sd[i] = Math.exp(random.nextDouble(-1, 1.6)); }
                    default -> throw new IllegalStateException();
                }
            }
            for (int i = 0; i < k; i++) {
                w[i] /= total;
            }
            ParameterTransform transform = logit ? ParameterTransform.LOGIT : ParameterTransform.IDENTITY;
            double[] expected = BaselineSummaries.summarise(w, mu, sd, lower, upper, transform);
            double[] actual = summarise(w, mu, sd, lower, upper, transform);
            String label = regime + " trial " + trial;
            for (int q = 0; q < 8; q++) {
                double diff = Math.abs(actual[q] - expected[q]) / width;
                if (!(diff <= TOLERANCE)) {
                    if (mainIsWrongAndNewRight(q, w, mu, sd, lower, upper, transform, actual[q], expected[q])) {
                        mainFaults[q]++;
                        continue;
                    }
                    failures.add(String.format(Locale.ROOT, "%s: %s new %.12g main %.12g", label, FIELDS[q], actual[q], expected[q]));
                }
                worst = Math.max(worst, diff);
            }
            ParameterSummary s = new ParameterSummary("x", "", actual[0], actual[1], actual[4], actual[2], actual[3], actual[5], actual[6], actual[7], 0);
            assertNull(SummaryInvariants.violation(s, lower, upper), label);
            regimes[regime.ordinal()]++;
        }
        System.out.printf(Locale.ROOT, "oracle, random mixtures: worst |new - main| %.2e of the box where main is right; main wrong"
                + " and new right (by the exact CDF and density) in %s of %d trials%n", worst, java.util.Arrays.toString(mainFaults), 4000);
        assertTrue(failures.isEmpty(), failures.size() + " differ:\n" + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
    }

    /**
     * Where the two differ, whether main's value is the wrong one and the new one right, judged by
     * main's own exact CDF (Hart's tails, no table) and by the density: a percentile whose level is
     * off by more than 1e-7 while the new one's is within it; a mode whose density is below the new
     * one's. Main's root finder stops short on mixtures of components 1e-4 to 1e-5 box widths wide,
     * and its logit mode search ranked peaks in y, missing a higher mode in x near a wall.
     */
    private static boolean mainIsWrongAndNewRight(int q, double[] w, double[] mu, double[] sd, double lower, double upper,
                                                  ParameterTransform transform, double actual, double expected) {
        boolean logit = transform == ParameterTransform.LOGIT;
        java.util.function.DoubleUnaryOperator toY = x -> logit ? transform.toNetwork(x, lower, upper) : x;
        if (q >= 2 && q <= 6) {
            double level = new double[] {0.025, 0.16, 0.5, 0.84, 0.975}[q - 2];
            io.sedstream.inference.posterior.baseline.BaselineTruncatedMarginal exact = new io.sedstream.inference.posterior.baseline.BaselineTruncatedMarginal(w.length);
            exact.reset(logit ? -MixturePosterior.LOGIT_NETWORK_BOUND : lower, logit ? MixturePosterior.LOGIT_NETWORK_BOUND : upper);
            for (int i = 0; i < w.length; i++) {
                exact.add(w[i], mu[i], 1.0 / sd[i]);
            }
            return Math.abs(exact.cdf(toY.applyAsDouble(actual)) - level) <= 1e-7 && Math.abs(exact.cdf(toY.applyAsDouble(expected)) - level) > 1e-7;
        }
        if (q == 7) {
            return densityX(w, mu, sd, toY.applyAsDouble(actual), logit) > densityX(w, mu, sd, toY.applyAsDouble(expected), logit) * (1 + 1e-9);
        }
        return false;
    }

    /** The density in x at network value y, up to a constant. */
    private static double densityX(double[] w, double[] mu, double[] sd, double y, boolean logit) {
        double p = 0;
        for (int i = 0; i < w.length; i++) {
            double z = (y - mu[i]) / sd[i];
            p += w[i] * Math.exp(-0.5 * z * z) / sd[i];
        }
        double f = ParameterTransform.sigmoid(y);
        return logit ? p / (f * (1 - f)) : p;
    }

    /** The regimes the table path and the exact path divide between them. */
    enum Regime { ORDINARY, EDGES, MULTIMODAL, NARROW, WIDE, MOSTLY_OUTSIDE, OUTSIDE, LOGIT, LOGIT_WIDE }

    /** The production summary of a 1-D mixture, as MixturePosterior computes it. */
    static double[] summarise(double[] w, double[] mu, double[] sd, double lower, double upper, ParameterTransform transform) {
        boolean logit = transform == ParameterTransform.LOGIT;
        TruncatedMarginal t = new TruncatedMarginal(w.length);
        t.reset(logit ? -MixturePosterior.LOGIT_NETWORK_BOUND : lower, logit ? MixturePosterior.LOGIT_NETWORK_BOUND : upper);
        for (int i = 0; i < w.length; i++) {
            t.add(w[i], mu[i], 1.0 / sd[i]);
        }
        t.finish();
        double[] out = new double[8];
        if (logit) {
            new LogitMarginal(w.length).summarise(t, lower, upper, out);
        } else {
            t.summarise(out);
        }
        return out;
    }

    private static double compare(MixturePosterior p, int dim, ParameterSpec spec, String label, List<String> failures) {
        int c = p.componentCount();
        double[] w = new double[c];
        double[] mu = new double[c];
        double[] sd = new double[c];
        for (int k = 0; k < c; k++) {
            w[k] = p.componentWeight(k);
            mu[k] = p.componentMarginalMean(k, dim);
            sd[k] = p.componentMarginalStd(k, dim);
        }
        double[] expected = BaselineSummaries.summarise(w, mu, sd, spec.lower(), spec.upper(), spec.transform());
        ParameterSummary s = p.summarise(dim);
        double[] actual = {s.mean(), s.std(), s.p2_5(), s.p16(), s.median(), s.p84(), s.p97_5(), s.mode()};
        double width = spec.upper() - spec.lower();
        double worst = 0;
        for (int q = 0; q < 8; q++) {
            double diff = Math.abs(actual[q] - expected[q]) / width;
            worst = Math.max(worst, diff);
            if (!(diff <= TOLERANCE)) {
                failures.add(String.format(Locale.ROOT, "%s %s: %s new %.12g main %.12g", label, spec.name(), FIELDS[q], actual[q], expected[q]));
            }
        }
        double outside = BaselineSummaries.massOutside(w, mu, sd, spec.lower(), spec.upper(), spec.transform());
        assertEquals(outside, s.massOutsidePrior(), 1e-12, label + " " + spec.name() + ": mass outside");
        return worst;
    }
}
