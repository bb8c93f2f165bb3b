package io.sedstream.sed.noise;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedstream.sed.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Empirical noise model fitted from a real catalogue's flux and error columns, as synference matched its
 * noise to JADES: per band, the catalogue objects are binned by asinh-scaled flux u = asinh(f / 2b)
 * (b = the band's median error, so negative fluxes bin naturally) into up to 20 equal-count bins of at
 * least 10 objects; each bin stores the median of log10(error) and its scatter (1.4826 x MAD about the bin's
 * own least-squares trend in u, so that errors growing with flux inside a wide bin are not counted as scatter).
 * A simulated flux f draws log10(sigma) from a normal with the median and scatter interpolated at u(f)
 * (clamped to the outer bins, truncated at 3 sigma), then observed = f + sigma N(0, 1).
 *
 * <p>Fitted from (flux, error) pairs in nJy per band; a pair with a missing or non-finite value, or an error
 * that is not positive, is skipped for that band. The model is saved and read as JSON. The relation is applied to the noiseless flux, whereas the
 * catalogue relates errors to measured fluxes: a small bias where errors scale with flux.
 */
public final class EmpiricalNoiseModel implements NoiseModel {
    /** How {@link #fit} bins and scatters (written into the JSON; callers that cache a fit key on it). */
    public static final String FIT_METHOD = "asinh(flux / (2 softening_njy)); per bin the median of log10(err / nJy) and its 1.4826 MAD "
            + "about the bin's linear trend in asinh flux";
    public static final int MAX_BINS = 20;
    public static final int MIN_PER_BIN = 10;
    private static final double TRUNCATION = 3.0;

    private final String source;
    private final List<String> bands;
    private final double[] softening;
    private final double[][] binU;
    private final double[][] medianLog10Err;
    private final double[][] scatterLog10Err;
    private final int[][] counts;

    private EmpiricalNoiseModel(String source, List<String> bands, double[] softening, double[][] binU,
            double[][] medianLog10Err, double[][] scatterLog10Err, int[][] counts) {
        this.source = source;
        this.bands = List.copyOf(bands);
        this.softening = softening;
        this.binU = binU;
        this.medianLog10Err = medianLog10Err;
        this.scatterLog10Err = scatterLog10Err;
        this.counts = counts;
    }

    /**
     * Fits the model from measured (flux, error) pairs in nJy, {@code perBand.get(b)} for {@code bands.get(b)}; pairs
     * whose flux or error is not finite, or whose error is not positive, are skipped. {@code source} names the
     * catalogue (the trainer reads it with the inference module's catalogue reader, any format and column map).
     */
    public static EmpiricalNoiseModel fit(String source, List<String> bands, List<? extends List<double[]>> perBandPairs) {
        if (perBandPairs.size() != bands.size()) {
            throw new IllegalArgumentException("catalogue " + source + ": " + perBandPairs.size() + " measurement lists for " + bands.size() + " bands");
        }
        List<List<double[]>> perBand = new ArrayList<>();
        for (List<double[]> pairs : perBandPairs) {
            List<double[]> usable = new ArrayList<>(pairs.size());
            for (double[] fe : pairs) {
                if (Double.isFinite(fe[0]) && Double.isFinite(fe[1]) && fe[1] > 0) {
                    usable.add(fe);
                }
            }
            perBand.add(usable);
        }
        int nb = bands.size();
        double[] soft = new double[nb];
        double[][] u = new double[nb][];
        double[][] med = new double[nb][];
        double[][] sc = new double[nb][];
        int[][] cnt = new int[nb][];
        for (int b = 0; b < nb; b++) {
            List<double[]> rows = perBand.get(b);
            if (rows.size() < MIN_PER_BIN) {
                throw new IllegalArgumentException("catalogue " + source + ": band " + bands.get(b) + " has only " + rows.size()
                        + " usable rows (need at least " + MIN_PER_BIN + ")");
            }
            double[] errs = rows.stream().mapToDouble(x -> x[1]).sorted().toArray();
            soft[b] = median(errs);
            double s = soft[b];
            double[][] pts = rows.stream().map(x -> new double[] {asinhScale(x[0], s), Math.log10(x[1])})
                    .sorted((x, y) -> Double.compare(x[0], y[0])).toArray(double[][]::new);
            int nbins = Math.max(1, Math.min(MAX_BINS, pts.length / MIN_PER_BIN));
            u[b] = new double[nbins];
            med[b] = new double[nbins];
            sc[b] = new double[nbins];
            cnt[b] = new int[nbins];
            for (int k = 0; k < nbins; k++) {
                int from = (int) ((long) pts.length * k / nbins);
                int to = (int) ((long) pts.length * (k + 1) / nbins);
                double[] us = new double[to - from];
                double[] ls = new double[to - from];
                for (int i = from; i < to; i++) {
                    us[i - from] = pts[i][0];
                    ls[i - from] = pts[i][1];
                }
                double slope = leastSquaresSlope(us, ls);
                double[] usSorted = us.clone();
                double[] lsSorted = ls.clone();
                Arrays.sort(usSorted);
                Arrays.sort(lsSorted);
                u[b][k] = median(usSorted);
                med[b][k] = median(lsSorted);
                sc[b][k] = scatterAboutTrend(us, ls, slope, u[b][k]);
                cnt[b][k] = to - from;
            }
        }
        return new EmpiricalNoiseModel("fit:" + source, bands, soft, u, med, sc, cnt);
    }

    /** Least-squares slope of log10(err) against u within a bin (0 when u does not vary). */
    private static double leastSquaresSlope(double[] u, double[] l) {
        double mu = Arrays.stream(u).average().orElse(0);
        double ml = Arrays.stream(l).average().orElse(0);
        double suu = 0;
        double sul = 0;
        for (int i = 0; i < u.length; i++) {
            suu += (u[i] - mu) * (u[i] - mu);
            sul += (u[i] - mu) * (l[i] - ml);
        }
        return suu > 0 ? sul / suu : 0.0;
    }

    /**
     * 1.4826 MAD of log10(err) about the bin's own linear trend: where errors grow with flux (a flux floor),
     * the spread of log10(err) across a wide bin is mostly that trend, which the interpolation between bin
     * medians already carries; counting it as scatter once drew errors 20x the catalogue's at bright fluxes.
     */
    private static double scatterAboutTrend(double[] u, double[] l, double slope, double uCentre) {
        double[] residual = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            residual[i] = l[i] - slope * (u[i] - uCentre);
        }
        double[] sorted = residual.clone();
        Arrays.sort(sorted);
        double centre = median(sorted);
        double[] dev = Arrays.stream(residual).map(x -> Math.abs(x - centre)).sorted().toArray();
        return 1.4826 * median(dev);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static double asinhScale(double flux, double softening) {
        double x = flux / (2 * softening);
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    /** Writes the fitted model as JSON. */
    public void write(Path json) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "empirical");
        root.put("source", source);
        root.put("binning", FIT_METHOD);
        List<Object> bl = new ArrayList<>();
        for (int b = 0; b < bands.size(); b++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("band", bands.get(b));
            m.put("softening_njy", softening[b]);
            m.put("asinh_flux", binU[b]);
            m.put("log10_err_median", medianLog10Err[b]);
            m.put("log10_err_scatter", scatterLog10Err[b]);
            m.put("count", counts[b]);
            bl.add(m);
        }
        root.put("bands", bl);
        try {
            Files.writeString(json, Json.write(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
    }

    /** Reads a model written by {@link #write}, restricted to (and ordered as) {@code bands}. */
    public static EmpiricalNoiseModel read(Path json, List<String> bands) {
        JsonNode root;
        try {
            root = Json.parse(Files.readString(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(json + ": " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(json + " is not a JSON object");
        }
        if (!"empirical".equals(root.path("kind").asText(null))) {
            throw new IllegalArgumentException(json + ": 'kind' must be 'empirical', is " + root.get("kind"));
        }
        if (!root.path("bands").isArray()) {
            throw new IllegalArgumentException(json + ": 'bands' must be an array of per-band noise models");
        }
        Map<String, JsonNode> byBand = new LinkedHashMap<>();
        for (JsonNode m : root.get("bands")) {
            byBand.put(m.path("band").asText(), m);
        }
        int nb = bands.size();
        double[] soft = new double[nb];
        double[][] u = new double[nb][];
        double[][] med = new double[nb][];
        double[][] sc = new double[nb][];
        int[][] cnt = new int[nb][];
        for (int b = 0; b < nb; b++) {
            JsonNode m = byBand.get(bands.get(b));
            if (m == null) {
                throw new IllegalArgumentException(json + " has no noise model for band " + bands.get(b)
                        + " (has " + byBand.keySet() + ")");
            }
            String where = json + ": band " + bands.get(b);
            if (!m.path("softening_njy").isNumber()) {
                throw new IllegalArgumentException(where + ": 'softening_njy' must be a number");
            }
            soft[b] = m.get("softening_njy").asDouble();
            u[b] = doubles(m, "asinh_flux", where);
            med[b] = doubles(m, "log10_err_median", where);
            sc[b] = doubles(m, "log10_err_scatter", where);
            cnt[b] = Arrays.stream(doubles(m, "count", where)).mapToInt(x -> (int) x).toArray();
            if (u[b].length == 0 || u[b].length != med[b].length || u[b].length != sc[b].length) {
                throw new IllegalArgumentException(where + " has inconsistent bin arrays");
            }
        }
        return new EmpiricalNoiseModel(root.path("source").asText("null"), bands, soft, u, med, sc, cnt);
    }

    private static double[] doubles(JsonNode band, String field, String where) {
        JsonNode a = band.path(field);
        if (!a.isArray()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be an array of numbers");
        }
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new IllegalArgumentException(where + ": '" + field + "'[" + i + "] is not a number: " + a.get(i));
            }
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    @Override
    public List<String> bandNames() {
        return bands;
    }

    @Override
    public String description() {
        return "empirical:" + source + " (error vs flux per band, " + MAX_BINS + " bins max)";
    }

    /** Median log10 error and its scatter at flux f in band b (interpolated in asinh flux). */
    public double[] log10ErrorAt(int b, double fluxNJy) {
        double x = asinhScale(fluxNJy, softening[b]);
        double[] u = binU[b];
        if (x <= u[0] || u.length == 1) {
            return new double[] {medianLog10Err[b][0], scatterLog10Err[b][0]};
        }
        if (x >= u[u.length - 1]) {
            return new double[] {medianLog10Err[b][u.length - 1], scatterLog10Err[b][u.length - 1]};
        }
        int k = 0;
        while (x > u[k + 1]) {
            k++;
        }
        double w = (x - u[k]) / (u[k + 1] - u[k]);
        return new double[] {medianLog10Err[b][k] + w * (medianLog10Err[b][k + 1] - medianLog10Err[b][k]),
            scatterLog10Err[b][k] + w * (scatterLog10Err[b][k + 1] - scatterLog10Err[b][k])};
    }

    @Override
    public void apply(double[] fluxNJy, SplittableRandom rng, double[] observedOut, double[] errorOut) {
        for (int b = 0; b < bands.size(); b++) {
            double[] ms = log10ErrorAt(b, fluxNJy[b]);
            double g;
            do {
                g = rng.nextGaussian();
            } while (Math.abs(g) > TRUNCATION);
            double sigma = Math.pow(10.0, ms[0] + ms[1] * g);
            errorOut[b] = sigma;
            observedOut[b] = fluxNJy[b] + sigma * rng.nextGaussian();
        }
    }
}
