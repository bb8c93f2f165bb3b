package io.sedstream.inference.features;

import io.sedstream.inference.bundle.BandSpec;
import io.sedstream.inference.bundle.FeatureSpec;
import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.features.InvalidPhotometryException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ONE feature encoding of the project (the trainer builds its training tensors with it, the
 * stream encodes each record with it). Encoding {@value #ENCODING_ASINH_V1}, for n bands in
 * bundle order the feature vector is
 * <pre>
 * [ asinh mag (n) | asinh mag error (n) | missing flag (n) | redshift (1, only if redshiftInput) ]
 * </pre>
 * magnitudes and errors from {@link AsinhMagnitude} with each band's softening; then every feature
 * except the flags is standardised (x - mean) / std; a missing band has magnitude and error 0 after
 * standardisation (the training mean) and flag 1. The flags' standardisation is pinned to mean 0,
 * std 1 so they stay exactly 0/1.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureEncoder {
    /** Asinh magnitudes, their errors and missing-band flags (+ optional redshift), standardised. */
    public static final String ENCODING_ASINH_V1 = "asinh-mag-err-flag/v1";

    private final String[] bandNames;
    private final double[] softeningNJy;
    private final Map<String, Integer> bandIndex;
    private final boolean redshiftInput;
    private final double[] means;
    private final double[] invStds;
    private final int bandCount;

    public FeatureEncoder(List<BandSpec> bands, FeatureSpec features) {
        checkStandardisation(features, bands.size());
        this.bandCount = bands.size();
        this.bandNames = new String[bandCount];
        this.softeningNJy = new double[bandCount];
        this.bandIndex = new HashMap<>();
        for (int i = 0; i < bandCount; i++) {
            bandNames[i] = bands.get(i).name();
            softeningNJy[i] = bands.get(i).softeningNJy();
            if (bandIndex.put(bandNames[i], i) != null) {
                throw new InvalidModelBundleException("band " + bandNames[i] + " is listed twice");
            }
        }
        this.redshiftInput = features.redshiftInput();
        this.means = features.meansArray();
        double[] stds = features.stdsArray();
        this.invStds = new double[stds.length];
        for (int i = 0; i < stds.length; i++) {
            invStds[i] = 1.0 / stds[i];
        }
    }

    public static FeatureEncoder of(Manifest manifest) {
        return new FeatureEncoder(manifest.bands(), manifest.features());
    }

    /** Number of features for n bands: 3n, plus one when redshift is an input. */
    public static int featureCount(int bandCount, boolean redshiftInput) {
        return 3 * bandCount + (redshiftInput ? 1 : 0);
    }

    /** Index of band i's magnitude feature. */
    public static int magnitudeIndex(int band) {
        return band;
    }

    /** Index of band i's magnitude-error feature. */
    public static int errorIndex(int bandCount, int band) {
        return bandCount + band;
    }

    /** Index of band i's missing flag. */
    public static int flagIndex(int bandCount, int band) {
        return 2 * bandCount + band;
    }

    /** Index of the redshift feature (when present). */
    public static int redshiftIndex(int bandCount) {
        return 3 * bandCount;
    }

    /**
     * Checks a feature spec against a band count: known encoding, right number of means/stds, flag
     * features pinned to mean 0 / std 1. Throws {@link InvalidModelBundleException} naming the problem.
     */
    public static void checkStandardisation(FeatureSpec spec, int bandCount) {
        if (!ENCODING_ASINH_V1.equals(spec.encoding())) {
            throw new InvalidModelBundleException("unknown feature encoding '" + spec.encoding() + "' (known: " + ENCODING_ASINH_V1 + ")");
        }
        int expected = featureCount(bandCount, spec.redshiftInput());
        if (spec.means().size() != expected || spec.stds().size() != expected) {
            throw new InvalidModelBundleException("features.means/stds hold " + spec.means().size() + "/" + spec.stds().size()
                    + " values but " + bandCount + " bands" + (spec.redshiftInput() ? " + redshift" : "") + " need " + expected);
        }
        for (int b = 0; b < bandCount; b++) {
            int f = flagIndex(bandCount, b);
            if (spec.means().get(f) != 0.0 || spec.stds().get(f) != 1.0) {
                throw new InvalidModelBundleException("features.means/stds[" + f + "] (missing flag of band " + b
                        + ") must be 0 and 1, got " + spec.means().get(f) + " and " + spec.stds().get(f));
            }
        }
    }

    public int featureCount() {
        return means.length;
    }

    public int bandCount() {
        return bandCount;
    }

    public boolean redshiftInput() {
        return redshiftInput;
    }

    public List<String> bandNames() {
        return List.of(bandNames);
    }

    /** Position of a band in the bundle's order, or -1 when the bundle does not have it. */
    public int bandIndex(String band) {
        Integer i = bandIndex.get(band);
        return i == null ? -1 : i;
    }

    /** Encodes one record into {@code out[offset .. offset + F)} as floats (the ONNX input). */
    public BandUsage encode(List<BandFlux> measurements, Double redshift, float[] out, int offset) {
        double[] scratch = new double[featureCount()];
        BandUsage usage = encode(measurements, redshift, scratch, 0);
        for (int i = 0; i < scratch.length; i++) {
            out[offset + i] = (float) scratch[i];
        }
        return usage;
    }

    /**
     * Encodes one record into {@code out[offset .. offset + F)} in double precision. Measurements
     * are matched to the bundle's bands by name, in any order; bands the bundle lacks are reported
     * in {@link BandUsage#unknown()} and otherwise ignored; bundle bands without a measurement, or
     * with a null flux, are masked.
     *
     * @param redshift spectroscopic redshift, required when the bundle takes redshift as input,
     *                 ignored otherwise (may be null)
     * @throws InvalidPhotometryException on non-finite values, non-positive errors, a flux without
     *                 error, a duplicate band, no observed band, or a missing required redshift
     */
    public BandUsage encode(List<BandFlux> measurements, Double redshift, double[] out, int offset) {
        double[] flux = new double[bandCount];
        double[] err = new double[bandCount];
        java.util.Arrays.fill(flux, Double.NaN);
        boolean[] seen = new boolean[bandCount];
        List<String> unknown = null;
        for (BandFlux m : measurements) {
            Integer idx = bandIndex.get(m.band());
            if (idx == null) {
                if (unknown == null) {
                    unknown = new ArrayList<>(2);
                } else if (unknown.contains(m.band())) {
                    throw new InvalidPhotometryException(Reason.DUPLICATE_BAND, "band " + m.band() + " appears more than once");
                }
                unknown.add(m.band());
                continue;
            }
            int i = idx;
            if (seen[i]) {
                throw new InvalidPhotometryException(Reason.DUPLICATE_BAND, "band " + m.band() + " appears more than once");
            }
            seen[i] = true;
            if (m.fluxNJy() == null) {
                continue;
            }
            double f = m.fluxNJy();
            if (!Double.isFinite(f)) {
                throw new InvalidPhotometryException(Reason.NON_FINITE_VALUE, "band " + m.band() + ": flux is not finite (" + f + ")");
            }
            if (m.fluxErrNJy() == null) {
                throw new InvalidPhotometryException(Reason.FLUX_WITHOUT_ERROR, "band " + m.band() + ": flux given without its error");
            }
            double e = m.fluxErrNJy();
            if (!Double.isFinite(e)) {
                throw new InvalidPhotometryException(Reason.NON_FINITE_VALUE, "band " + m.band() + ": flux error is not finite (" + e + ")");
            }
            if (!(e > 0)) {
                throw new InvalidPhotometryException(Reason.NON_POSITIVE_ERROR, "band " + m.band() + ": flux error must be positive, got " + e);
            }
            flux[i] = f;
            err[i] = e;
        }
        List<String> used = new ArrayList<>(bandCount);
        List<String> masked = new ArrayList<>(bandCount);
        for (int i = 0; i < bandCount; i++) {
            (Double.isNaN(flux[i]) ? masked : used).add(bandNames[i]);
        }
        if (used.isEmpty()) {
            throw new InvalidPhotometryException(Reason.NO_OBSERVED_BAND, "no band of the model is observed (model bands: "
                    + String.join(", ", bandNames) + (unknown == null ? "" : "; unknown bands given: " + unknown) + ")");
        }
        double z = checkRedshift(redshift);
        encodeRow(flux, 0, err, 0, z, out, offset);
        return new BandUsage(used, masked, unknown == null ? List.of() : unknown);
    }

    /**
     * Batch encoding for training tensors: {@code count} rows of fluxes and errors in the bundle's
     * band order (row-major [count][n]); a NaN flux marks a missing band (its error is ignored).
     * Writes row r's features to {@code out[outOffset + r*F ...]}. {@code redshift} must hold
     * {@code count} values when redshift is an input, and is ignored (may be null) otherwise.
     */
    public void encodeBatch(int count, double[] fluxNJy, double[] fluxErrNJy, double[] redshift, float[] out, int outOffset) {
        checkBatch(count, fluxNJy, fluxErrNJy, redshift);
        int width = featureCount();
        if (out.length < outOffset + (long) count * width) {
            throw new IllegalArgumentException("output holds " + out.length + " floats, needs " + (outOffset + (long) count * width));
        }
        double[] row = new double[width];
        for (int r = 0; r < count; r++) {
            checkRow(r, fluxNJy, fluxErrNJy);
            encodeRow(fluxNJy, r * bandCount, fluxErrNJy, r * bandCount, redshiftInput ? batchRedshift(redshift, r) : 0.0, row, 0);
            int base = outOffset + r * width;
            for (int i = 0; i < width; i++) {
                out[base + i] = (float) row[i];
            }
        }
    }

    /** As {@link #encodeBatch(int, double[], double[], double[], float[], int)}, in double precision. */
    public void encodeBatch(int count, double[] fluxNJy, double[] fluxErrNJy, double[] redshift, double[] out, int outOffset) {
        checkBatch(count, fluxNJy, fluxErrNJy, redshift);
        int width = featureCount();
        if (out.length < outOffset + (long) count * width) {
            throw new IllegalArgumentException("output holds " + out.length + " doubles, needs " + (outOffset + (long) count * width));
        }
        for (int r = 0; r < count; r++) {
            checkRow(r, fluxNJy, fluxErrNJy);
            encodeRow(fluxNJy, r * bandCount, fluxErrNJy, r * bandCount, redshiftInput ? batchRedshift(redshift, r) : 0.0, out, outOffset + r * width);
        }
    }

    /**
     * Inverse of the encoding for one feature row: fluxes (nJy) in band order, NaN for masked bands.
     * Exact up to floating point when the row was encoded in double precision.
     */
    public double[] decodeFluxNJy(double[] features, int offset) {
        double[] flux = new double[bandCount];
        for (int i = 0; i < bandCount; i++) {
            if (features[offset + flagIndex(bandCount, i)] != 0.0) {
                flux[i] = Double.NaN;
            } else {
                double mag = features[offset + magnitudeIndex(i)] / invStds[magnitudeIndex(i)] + means[magnitudeIndex(i)];
                flux[i] = AsinhMagnitude.fluxNJy(mag, softeningNJy[i]);
            }
        }
        return flux;
    }

    private void encodeRow(double[] flux, int fluxOffset, double[] err, int errOffset, double redshift, double[] out, int offset) {
        int n = bandCount;
        for (int i = 0; i < n; i++) {
            double f = flux[fluxOffset + i];
            int mi = magnitudeIndex(i);
            int ei = errorIndex(n, i);
            int fi = flagIndex(n, i);
            if (Double.isNaN(f)) {
                // Missing band: the training mean (0 after standardisation) and flag 1.
                out[offset + mi] = 0.0;
                out[offset + ei] = 0.0;
                out[offset + fi] = 1.0;
            } else {
                double b = softeningNJy[i];
                out[offset + mi] = (AsinhMagnitude.magnitude(f, b) - means[mi]) * invStds[mi];
                out[offset + ei] = (AsinhMagnitude.magnitudeError(f, err[errOffset + i], b) - means[ei]) * invStds[ei];
                out[offset + fi] = 0.0;
            }
        }
        if (redshiftInput) {
            int zi = redshiftIndex(n);
            out[offset + zi] = (redshift - means[zi]) * invStds[zi];
        }
    }

    private double checkRedshift(Double redshift) {
        if (!redshiftInput) {
            return 0.0;
        }
        if (redshift == null) {
            throw new InvalidPhotometryException(Reason.MISSING_REDSHIFT, "this model takes the spectroscopic redshift as input and none was given");
        }
        if (!Double.isFinite(redshift) || redshift < 0) {
            throw new InvalidPhotometryException(Reason.MISSING_REDSHIFT, "redshift must be finite and non-negative, got " + redshift);
        }
        return redshift;
    }

    private double batchRedshift(double[] redshift, int row) {
        double z = redshift[row];
        if (!Double.isFinite(z) || z < 0) {
            throw new InvalidPhotometryException(Reason.MISSING_REDSHIFT, "row " + row + ": redshift must be finite and non-negative, got " + z);
        }
        return z;
    }

    private void checkBatch(int count, double[] flux, double[] err, double[] redshift) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be non-negative, got " + count);
        }
        long need = (long) count * bandCount;
        if (flux.length < need || err.length < need) {
            throw new IllegalArgumentException("flux/error arrays hold " + flux.length + "/" + err.length + " values, " + count + " rows of "
                    + bandCount + " bands need " + need);
        }
        if (redshiftInput && (redshift == null || redshift.length < count)) {
            throw new IllegalArgumentException("this encoding takes redshift as input: need " + count + " redshifts");
        }
    }

    private void checkRow(int r, double[] flux, double[] err) {
        for (int i = 0; i < bandCount; i++) {
            double f = flux[r * bandCount + i];
            if (Double.isNaN(f)) {
                continue;
            }
            double e = err[r * bandCount + i];
            if (!Double.isFinite(f) || !Double.isFinite(e)) {
                throw new InvalidPhotometryException(Reason.NON_FINITE_VALUE, "row " + r + ", band " + bandNames[i] + ": flux " + f + ", error " + e);
            }
            if (!(e > 0)) {
                throw new InvalidPhotometryException(Reason.NON_POSITIVE_ERROR, "row " + r + ", band " + bandNames[i] + ": error must be positive, got " + e);
            }
        }
    }
}
