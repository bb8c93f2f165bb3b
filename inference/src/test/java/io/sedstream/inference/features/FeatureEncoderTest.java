package io.sedstream.inference.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.BandSpec;
import io.sedstream.inference.bundle.FeatureSpec;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.features.InvalidPhotometryException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {
    private static final List<BandSpec> BANDS = FixtureBundleWriter.defaultBands();
    private static final int N = BANDS.size();

    /** A standardisation with non-trivial means and stds, so round trips exercise it. */
    private static FeatureSpec spec(boolean redshift) {
        List<Double> means = new ArrayList<>();
        List<Double> stds = new ArrayList<>();
        for (int i = 0; i < FeatureEncoder.featureCount(N, redshift); i++) {
            boolean flag = i >= 2 * N && i < 3 * N;
            means.add(flag ? 0.0 : 20.0 + 0.37 * i);
            stds.add(flag ? 1.0 : 0.5 + 0.11 * i);
        }
        return new FeatureSpec(FeatureEncoder.ENCODING_ASINH_V1, redshift, means, stds);
    }

    private static final FeatureEncoder ENCODER = new FeatureEncoder(BANDS, spec(false));

    /** A random record: some bands missing (null flux or absent), some negative fluxes. */
    private static List<BandFlux> randomRecord(SplittableRandom r, double[] fluxOut) {
        List<BandFlux> phot = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String band = BANDS.get(i).name();
            double u = r.nextDouble();
            if (u < 0.15) {
                phot.add(BandFlux.missing(band));
                fluxOut[i] = Double.NaN;
            } else if (u < 0.25) {
                fluxOut[i] = Double.NaN; // absent from the record altogether
            } else {
                double f = Math.pow(10, -1 + 5 * r.nextDouble()) * (r.nextDouble() < 0.1 ? -1 : 1);
                phot.add(BandFlux.observed(band, f, 0.1 + 5 * r.nextDouble()));
                fluxOut[i] = f;
            }
        }
        if (phot.stream().allMatch(BandFlux::isMissing)) {
            phot.add(BandFlux.observed(BANDS.get(0).name(), 12.0, 1.0));
            phot.removeIf(m -> m.band().equals(BANDS.get(0).name()) && m.isMissing());
            fluxOut[0] = 12.0;
        }
        return phot;
    }

    @Test
    void roundTripWithMissingBandsAndAnyInputOrder() {
        SplittableRandom r = new SplittableRandom(3);
        Random shuffler = new Random(4);
        for (int rec = 0; rec < 500; rec++) {
            double[] flux = new double[N];
            List<BandFlux> phot = randomRecord(r, flux);
            double[] features = new double[ENCODER.featureCount()];
            BandUsage usage = ENCODER.encode(phot, null, features, 0);

            // Masks: flag 1 and value/error 0 exactly where the band is missing.
            for (int i = 0; i < N; i++) {
                boolean missing = Double.isNaN(flux[i]);
                assertEquals(missing ? 1.0 : 0.0, features[FeatureEncoder.flagIndex(N, i)]);
                if (missing) {
                    assertEquals(0.0, features[FeatureEncoder.magnitudeIndex(i)]);
                    assertEquals(0.0, features[FeatureEncoder.errorIndex(N, i)]);
                    assertTrue(usage.masked().contains(BANDS.get(i).name()));
                } else {
                    assertTrue(usage.used().contains(BANDS.get(i).name()));
                }
            }
            assertEquals(N, usage.used().size() + usage.masked().size());

            // Magnitudes back to fluxes within 1e-9 relative.
            double[] back = ENCODER.decodeFluxNJy(features, 0);
            for (int i = 0; i < N; i++) {
                if (Double.isNaN(flux[i])) {
                    assertTrue(Double.isNaN(back[i]));
                } else {
                    assertEquals(flux[i], back[i], 1e-9 * Math.abs(flux[i]), "band " + i);
                }
            }

            // Band order follows the bundle, not the input.
            List<BandFlux> shuffled = new ArrayList<>(phot);
            Collections.shuffle(shuffled, shuffler);
            double[] again = new double[ENCODER.featureCount()];
            ENCODER.encode(shuffled, null, again, 0);
            assertArrayEquals(features, again);
        }
    }

    @Test
    void standardisationIsApplied() {
        FeatureSpec s = spec(false);
        double[] features = new double[ENCODER.featureCount()];
        ENCODER.encode(List.of(BandFlux.observed(BANDS.get(2).name(), 50.0, 2.0)), null, features, 0);
        double b = BANDS.get(2).softeningNJy();
        assertEquals((AsinhMagnitude.magnitude(50, b) - s.means().get(2)) / s.stds().get(2), features[2], 1e-12);
        int e = FeatureEncoder.errorIndex(N, 2);
        assertEquals((AsinhMagnitude.magnitudeError(50, 2, b) - s.means().get(e)) / s.stds().get(e), features[e], 1e-12);
    }

    @Test
    void unknownBandsAreReportedNotFatal() {
        double[] features = new double[ENCODER.featureCount()];
        BandUsage usage = ENCODER.encode(List.of(BandFlux.observed("jwst.nircam.f444w", 10, 1), BandFlux.observed("euclid.vis", 5, 1),
                BandFlux.missing("sdss.u")), null, features, 0);
        assertEquals(List.of("jwst.nircam.f444w"), usage.used());
        assertEquals(List.of("euclid.vis", "sdss.u"), usage.unknown());
        assertEquals(N - 1, usage.masked().size());
    }

    @Test
    void refusalsNameTheProblem() {
        double[] out = new double[ENCODER.featureCount()];
        String f444 = "jwst.nircam.f444w";
        assertReason(Reason.NO_OBSERVED_BAND, () -> ENCODER.encode(List.of(BandFlux.observed("euclid.vis", 5, 1)), null, out, 0), "no band of the model");
        assertReason(Reason.NO_OBSERVED_BAND, () -> ENCODER.encode(List.of(BandFlux.missing(f444)), null, out, 0), "no band of the model");
        assertReason(Reason.NON_FINITE_VALUE, () -> ENCODER.encode(List.of(BandFlux.observed(f444, Double.NaN, 1)), null, out, 0), f444);
        assertReason(Reason.NON_FINITE_VALUE, () -> ENCODER.encode(List.of(BandFlux.observed(f444, 1, Double.POSITIVE_INFINITY)), null, out, 0), f444);
        assertReason(Reason.NON_POSITIVE_ERROR, () -> ENCODER.encode(List.of(BandFlux.observed(f444, 1, 0)), null, out, 0), f444);
        assertReason(Reason.FLUX_WITHOUT_ERROR, () -> ENCODER.encode(List.of(new BandFlux(f444, 1.0, null)), null, out, 0), f444);
        assertReason(Reason.DUPLICATE_BAND, () -> ENCODER.encode(List.of(BandFlux.observed(f444, 1, 1), BandFlux.missing(f444)), null, out, 0), f444);
        assertReason(Reason.DUPLICATE_BAND, () -> ENCODER.encode(List.of(BandFlux.observed(f444, 1, 1), BandFlux.missing("x"), BandFlux.missing("x")), null, out, 0), "x");
        FeatureEncoder withZ = new FeatureEncoder(BANDS, spec(true));
        double[] outZ = new double[withZ.featureCount()];
        assertReason(Reason.MISSING_REDSHIFT, () -> withZ.encode(List.of(BandFlux.observed(f444, 1, 1)), null, outZ, 0), "redshift");
        assertReason(Reason.MISSING_REDSHIFT, () -> withZ.encode(List.of(BandFlux.observed(f444, 1, 1)), -0.5, outZ, 0), "redshift");
    }

    private static void assertReason(Reason reason, org.junit.jupiter.api.function.Executable call, String mention) {
        InvalidPhotometryException e = assertThrows(InvalidPhotometryException.class, call);
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }

    @Test
    void redshiftFeatureIsStandardised() {
        FeatureSpec s = spec(true);
        FeatureEncoder withZ = new FeatureEncoder(BANDS, s);
        double[] out = new double[withZ.featureCount()];
        withZ.encode(List.of(BandFlux.observed("hst.acs.f606w", 10, 1)), 2.5, out, 0);
        int zi = FeatureEncoder.redshiftIndex(N);
        assertEquals((2.5 - s.means().get(zi)) / s.stds().get(zi), out[zi], 1e-12);
    }

    @Test
    void batchEncodingMatchesSingleRecords() {
        SplittableRandom r = new SplittableRandom(9);
        int rows = 64;
        double[] flux = new double[rows * N];
        double[] err = new double[rows * N];
        List<List<BandFlux>> records = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            double[] f = new double[N];
            List<BandFlux> rec = randomRecord(r, f);
            records.add(rec);
            java.util.Arrays.fill(err, row * N, row * N + N, 1.0);
            for (BandFlux m : rec) {
                int i = ENCODER.bandIndex(m.band());
                if (!m.isMissing()) {
                    err[row * N + i] = m.fluxErrNJy();
                }
            }
            System.arraycopy(f, 0, flux, row * N, N);
        }
        int width = ENCODER.featureCount();
        float[] batch = new float[3 + rows * width];
        ENCODER.encodeBatch(rows, flux, err, null, batch, 3);
        double[] batchD = new double[rows * width];
        ENCODER.encodeBatch(rows, flux, err, null, batchD, 0);
        for (int row = 0; row < rows; row++) {
            float[] single = new float[width];
            ENCODER.encode(records.get(row), null, single, 0);
            for (int i = 0; i < width; i++) {
                assertEquals(single[i], batch[3 + row * width + i], 0.0, "row " + row + " feature " + i);
                assertEquals((float) batchD[row * width + i], single[i], 0.0);
            }
        }
        double[] bad = flux.clone();
        bad[5] = 3.0;
        double[] badErr = err.clone();
        badErr[5] = -1;
        InvalidPhotometryException e = assertThrows(InvalidPhotometryException.class, () -> ENCODER.encodeBatch(rows, bad, badErr, null, batch, 0));
        assertTrue(e.getMessage().contains("row 0, band " + BANDS.get(5).name()), e.getMessage());
    }

    @Test
    void statisticsFitSofteningAndStandardisation() {
        SplittableRandom r = new SplittableRandom(11);
        int rows = 5000;
        double[] flux = new double[rows * N];
        double[] err = new double[rows * N];
        for (int i = 0; i < flux.length; i++) {
            err[i] = 1.0 + (i % N) + r.nextDouble();
            flux[i] = r.nextDouble() < 0.1 ? Double.NaN : Math.pow(10, 3 * r.nextDouble()) + err[i] * r.nextGaussian();
        }
        double[] soft = FeatureStatistics.softeningFromMedianErrors(rows, N, flux, err);
        for (int b = 0; b < N; b++) {
            // errors uniform on [1 + b, 2 + b): median 1.5 + b, softening 5x that
            assertEquals(5.0 * (1.5 + b), soft[b], 0.1);
        }
        List<BandSpec> bands = FeatureStatistics.bands(FixtureBundleWriter.JADES_GS_14, soft);
        FeatureSpec fitted = FeatureStatistics.fitStandardisation(bands, false, rows, flux, err, null);
        FeatureEncoder enc = new FeatureEncoder(bands, fitted);
        double[] features = new double[rows * enc.featureCount()];
        enc.encodeBatch(rows, flux, err, null, features, 0);
        // Observed entries of each standardised feature have mean 0 and std 1.
        for (int i = 0; i < 2 * N; i++) {
            double s = 0;
            double s2 = 0;
            int n = 0;
            int band = i % N;
            for (int row = 0; row < rows; row++) {
                if (!Double.isNaN(flux[row * N + band])) {
                    double x = features[row * enc.featureCount() + i];
                    s += x;
                    s2 += x * x;
                    n++;
                }
            }
            assertEquals(0.0, s / n, 1e-9, "feature " + i);
            assertEquals(1.0, Math.sqrt((s2 - s * s / n) / (n - 1)), 1e-9, "feature " + i);
        }
    }
}
