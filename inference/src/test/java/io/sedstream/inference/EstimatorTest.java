package io.sedstream.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.features.InvalidPhotometryException;
import io.sedstream.inference.posterior.ConditionalMixture;
import io.sedstream.inference.posterior.MixturePosterior;
import io.sedstream.inference.posterior.ParameterSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimatorTest {
    @TempDir
    static Path dir;
    static Path defaultFixture;
    static Path ensembleFixture;

    @BeforeAll
    static void writeFixtures() throws IOException {
        defaultFixture = dir.resolve("default");
        FixtureBundleWriter.write(defaultFixture);
        ensembleFixture = dir.resolve("ensemble");
        FixtureBundleWriter.write(ensembleFixture, FixtureBundleWriter.Options.defaults().withSize(32, 2, 5).withMembers(3).withSeed(99));
    }

    private static List<BandFlux> photometry(double fluxNJy) {
        List<BandFlux> phot = new ArrayList<>();
        for (String band : FixtureBundleWriter.JADES_GS_14) {
            phot.add(BandFlux.observed(band, fluxNJy, 0.1 * fluxNJy + 1));
        }
        return phot;
    }

    @Test
    void defaultFixtureEstimatesAreLabelledAndOrdered() {
        try (Estimator est = Estimator.load(defaultFixture)) {
            Manifest m = est.manifest();
            assertTrue(m.fixture());
            assertEquals(20, m.mixtureComponents());
            assertEquals(FixtureBundleWriter.JADES_GS_14, m.bandNames());
            List<BandFlux> phot = photometry(40);
            phot.set(4, BandFlux.missing("hst.acs.f850lp"));
            phot.remove(0);
            phot.add(BandFlux.observed("euclid.vis", 3, 1));
            PosteriorResult r = est.estimate(phot);
            assertTrue(r.fixture(), "fixture results say so");
            assertEquals(m.version(), r.modelVersion());
            assertEquals(List.of("hst.acs.f435w", "hst.acs.f850lp"), r.bands().masked());
            assertEquals(List.of("euclid.vis"), r.bands().unknown());
            assertEquals(12, r.bands().used().size());
            assertEquals(m.parameterNames(), r.parameters().stream().map(ParameterSummary::name).toList());
            double worst = 0;
            for (int i = 0; i < 12; i++) {
                ParameterSummary s = r.parameters().get(i);
                ParameterSpec spec = m.parameters().get(i);
                assertEquals(spec.unit(), s.unit());
                double[] ordered = {spec.lower(), s.p2_5(), s.p16(), s.median(), s.p84(), s.p97_5(), spec.upper()};
                for (int j = 1; j < ordered.length; j++) {
                    assertTrue(ordered[j - 1] <= ordered[j], s.name() + " percentiles ordered inside the prior: " + s);
                }
                assertTrue(s.mode() >= spec.lower() && s.mode() <= spec.upper());
                assertTrue(s.std() > 0 && s.mean() > spec.lower() && s.mean() < spec.upper());
                worst = Math.max(worst, s.massOutsidePrior());
            }
            assertEquals(worst, r.massOutsidePriorBox());
            assertEquals(0, r.samples().count());
            assertTrue(r.timings().inferNanos() > 0 && r.timings().summariseNanos() > 0);
            // Different photometry, different posterior; same photometry, same posterior.
            PosteriorResult again = est.estimate(phot);
            assertEquals(r.parameters(), again.parameters());
            assertTrue(!r.parameters().equals(est.estimate(photometry(400)).parameters()));
        }
    }

    @Test
    void samplesWhenAskedSeededAndInsideTheBox() {
        try (Estimator est = Estimator.load(defaultFixture)) {
            PosteriorResult a = est.estimate(photometry(20), null, EstimateOptions.withSamples(500, 7));
            PosteriorResult b = est.estimate(photometry(20), null, EstimateOptions.withSamples(500, 7));
            assertEquals(500, a.samples().count());
            assertArrayEquals(a.samples().values(), b.samples().values());
            assertTrue(a.samples().acceptanceRate() > 0 && a.samples().acceptanceRate() <= 1);
            List<ParameterSpec> params = est.manifest().parameters();
            for (int n = 0; n < 500; n++) {
                for (int i = 0; i < 12; i++) {
                    double v = a.samples().value(n, i);
                    assertTrue(v >= params.get(i).lower() && v <= params.get(i).upper());
                }
            }
        }
    }

    @Test
    void ensembleIsAMixtureOfMemberMixtures() throws Exception {
        try (ModelBundle bundle = ModelBundle.load(ensembleFixture);
                Estimator est = Estimator.of(bundle)) {
            assertEquals(3, bundle.memberCount());
            List<BandFlux> phot = photometry(15);
            PosteriorResult r = est.estimate(phot);
            // Rebuild the posterior from batch inference of each member and compare.
            float[] features = new float[bundle.encoder().featureCount()];
            bundle.encoder().encode(phot, null, features, 0);
            float[][] outputs = bundle.inferBatch(features, 1);
            MixturePosterior manual = MixturePosterior.forManifest(bundle.manifest());
            for (int m = 0; m < 3; m++) {
                manual.setMember(m, bundle.manifest().members().get(m).weight(), outputs[m], 0);
            }
            double total = 0;
            for (int c = 0; c < manual.componentCount(); c++) {
                total += manual.componentWeight(c);
            }
            assertEquals(1.0, total, 1e-12);
            for (int i = 0; i < 12; i++) {
                assertEquals(manual.summarise(i), r.parameters().get(i));
            }
        }
    }

    @Test
    void batchInferenceMatchesSingleRecords() throws Exception {
        try (ModelBundle bundle = ModelBundle.load(defaultFixture); Estimator est = Estimator.of(bundle)) {
            int f = bundle.encoder().featureCount();
            int rows = 8;
            float[] features = new float[rows * f];
            for (int row = 0; row < rows; row++) {
                bundle.encoder().encode(photometry(5 + 10 * row), null, features, row * f);
            }
            float[] batch = bundle.inferBatch(features, rows)[0];
            int width = bundle.layout().width();
            float[] single = new float[width];
            for (int row = 0; row < rows; row++) {
                est.estimate(photometry(5 + 10 * row));
                est.lastNetworkOutput(0, single);
                for (int i = 0; i < width; i++) {
                    assertEquals(single[i], batch[row * width + i], 1e-5 * Math.max(1, Math.abs(single[i])));
                }
            }
        }
    }

    @Test
    void estimateBatchMatchesEstimateAndReportsRefusalsInPlace() throws Exception {
        try (ModelBundle bundle = ModelBundle.load(ensembleFixture); Estimator est = Estimator.of(bundle);
                Estimator single = Estimator.of(bundle)) {
            List<Estimator.BatchItem> items = new ArrayList<>();
            for (int row = 0; row < 9; row++) {
                List<BandFlux> phot = photometry(3 + 7 * row);
                if (row % 3 == 1) {
                    phot.set(row % 14, BandFlux.missing(FixtureBundleWriter.JADES_GS_14.get(row % 14)));
                }
                EstimateOptions options = row == 4 ? EstimateOptions.withSamples(20, 5) : EstimateOptions.summariesOnly();
                items.add(new Estimator.BatchItem(phot, null, options));
            }
            List<BandFlux> bad = photometry(10);
            bad.set(2, BandFlux.observed(FixtureBundleWriter.JADES_GS_14.get(2), 10, -1));
            items.add(5, new Estimator.BatchItem(bad, null, EstimateOptions.summariesOnly()));
            // Twice: the second call reuses the grown buffers.
            for (int round = 0; round < 2; round++) {
                List<Estimator.BatchOutcome> outcomes = est.estimateBatch(items);
                assertEquals(items.size(), outcomes.size());
                for (int i = 0; i < items.size(); i++) {
                    Estimator.BatchItem item = items.get(i);
                    if (i == 5) {
                        assertTrue(!outcomes.get(i).ok());
                        assertEquals(InvalidPhotometryException.Reason.NON_POSITIVE_ERROR, outcomes.get(i).refusal().reason());
                        continue;
                    }
                    PosteriorResult batched = outcomes.get(i).result();
                    PosteriorResult alone = single.estimate(item.measurements(), item.specZ(), item.options());
                    assertEquals(alone.bands(), batched.bands());
                    assertEquals(alone.samples().count(), batched.samples().count());
                    for (int p = 0; p < 12; p++) {
                        ParameterSummary a = alone.parameters().get(p);
                        ParameterSummary b = batched.parameters().get(p);
                        // The batched matrix product rounds differently in float32; summaries move by a tiny fraction of the width.
                        double tol = 1e-4 * a.std() + 1e-9;
                        assertEquals(a.median(), b.median(), tol, a.name());
                        assertEquals(a.p2_5(), b.p2_5(), tol, a.name());
                        assertEquals(a.p97_5(), b.p97_5(), tol, a.name());
                        assertEquals(a.mean(), b.mean(), tol, a.name());
                    }
                }
            }
            assertTrue(est.estimateBatch(List.of()).isEmpty());
        }
    }

    @Test
    void redshiftConditionedBundleNeedsSpecZ() throws IOException {
        Path zBundle = dir.resolve("specz");
        FixtureBundleWriter.write(zBundle, FixtureBundleWriter.Options.defaults().withSize(16, 1, 2).withRedshiftInput(true));
        try (Estimator est = Estimator.load(zBundle)) {
            assertEquals(43, est.manifest().featureCount());
            assertThrows(InvalidPhotometryException.class, () -> est.estimate(photometry(10)));
            PosteriorResult r = est.estimate(photometry(10), 3.2, EstimateOptions.summariesOnly());
            assertEquals(12, r.parameters().size());
            assertEquals(RedshiftSource.SPECTROSCOPIC, r.redshiftSource(), "the network was given the redshift");
        }
    }

    @Test
    void aGivenSpecZConditionsTheOtherParametersOnIt() {
        try (ModelBundle bundle = ModelBundle.load(ensembleFixture); Estimator est = Estimator.of(bundle)) {
            Manifest m = est.manifest();
            List<BandFlux> phot = photometry(25);
            PosteriorResult free = est.estimate(phot, null, EstimateOptions.summariesOnly());
            assertEquals(RedshiftSource.PHOTOMETRIC, free.redshiftSource());
            double specZ = 2.5;
            PosteriorResult given = est.estimate(phot, specZ, EstimateOptions.withSamples(40, 3));
            assertEquals(RedshiftSource.SPECTROSCOPIC, given.redshiftSource());
            ParameterSummary z = given.parameter("redshift");
            for (double v : new double[] {z.mean(), z.median(), z.p2_5(), z.p16(), z.p84(), z.p97_5(), z.mode()}) {
                assertEquals(specZ, v, 0.0);
            }
            assertEquals(0.0, z.std(), 0.0);
            // The other parameters are the conditioned mixture's summaries of this record's network output.
            ConditionalMixture c = ConditionalMixture.forManifest(m, "redshift");
            float[] row = new float[bundle.layout().width()];
            for (int member = 0; member < bundle.memberCount(); member++) {
                est.lastNetworkOutput(member, row);
                c.setMember(member, m.members().get(member).weight(), row, 0);
            }
            MixturePosterior conditioned = c.condition(specZ);
            boolean moved = false;
            for (int p = 1; p < 12; p++) {
                assertEquals(conditioned.summarise(p - 1), given.parameters().get(p));
                moved |= given.parameters().get(p).median() != free.parameters().get(p).median();
            }
            assertTrue(moved, "conditioning changes the other parameters' posteriors");
            assertEquals(40, given.samples().count());
            for (int s = 0; s < 40; s++) {
                assertEquals(specZ, given.samples().value(s, 0), 0.0);
                for (int p = 1; p < 12; p++) {
                    double v = given.samples().value(s, p);
                    assertTrue(v >= m.parameters().get(p).lower() && v <= m.parameters().get(p).upper());
                }
            }
            // Batched: the same, and a redshift outside the prior interval is refused in place.
            List<Estimator.BatchOutcome> batch = est.estimateBatch(List.of(
                    new Estimator.BatchItem(phot, 15.0, EstimateOptions.summariesOnly()),
                    new Estimator.BatchItem(phot, specZ, EstimateOptions.summariesOnly()),
                    new Estimator.BatchItem(phot, null, EstimateOptions.summariesOnly())));
            assertEquals(InvalidPhotometryException.Reason.REDSHIFT_OUTSIDE_PRIOR, batch.get(0).refusal().reason());
            assertTrue(batch.get(0).refusal().getMessage().contains("prior interval"), batch.get(0).refusal().getMessage());
            assertEquals(RedshiftSource.SPECTROSCOPIC, batch.get(1).result().redshiftSource());
            assertEquals(RedshiftSource.PHOTOMETRIC, batch.get(2).result().redshiftSource());
            for (int p = 1; p < 12; p++) {
                ParameterSummary a = given.parameters().get(p);
                assertEquals(a.median(), batch.get(1).result().parameters().get(p).median(), 1e-4 * a.std() + 1e-9, a.name());
            }
            InvalidPhotometryException nan = assertThrows(InvalidPhotometryException.class,
                    () -> est.estimate(phot, Double.NaN, EstimateOptions.summariesOnly()));
            assertEquals(InvalidPhotometryException.Reason.REDSHIFT_OUTSIDE_PRIOR, nan.reason());
        }
    }

    @Test
    void closedEstimatorRefusesWork() {
        Estimator est = Estimator.load(defaultFixture);
        est.close();
        assertThrows(IllegalStateException.class, () -> est.estimate(photometry(10)));
    }
}
