package io.sedstream.sed.noise;

import io.sedstream.sed.config.KeyValueText;

import io.sedstream.sed.units.PhysicalConstants;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Depth-based Gaussian noise: per band a 5-sigma limiting AB magnitude; each object draws its own depth
 * (depth + N(0, depth_scatter_mag), per band), its background sigma = f_lim / n_sigma with
 * f_lim = 10^(-0.4 (depth - 31.4)) nJy, and an error floor proportional to the flux:
 * sigma = sqrt(sigma_bg^2 + (error_floor |f|)^2).
 *
 * <p>Config ({@code key = value}): {@code name}, {@code sigma} (n_sigma of the depths, default 5),
 * {@code depth_scatter_mag}, {@code error_floor}, {@code approximate} (true/false), then one line per
 * band {@code band.name = depth}. Built-ins: {@code deep} and {@code medium}, the approximate JADES-like
 * GOODS-S tiers of ../shared/reference/physics-facts.md section 1 (NOT published per-band depths).
 */
public final class DepthNoiseModel implements NoiseModel {
    private static final List<String> KEYS = List.of("name", "sigma", "depth_scatter_mag", "error_floor", "approximate");

    private final String name;
    private final List<String> bands;
    private final double[] depthAb;
    private final double nSigma;
    private final double depthScatterMag;
    private final double errorFloor;
    private final boolean approximate;

    public DepthNoiseModel(String name, List<String> bands, double[] depthAb, double nSigma, double depthScatterMag,
            double errorFloor, boolean approximate) {
        if (bands.size() != depthAb.length) {
            throw new IllegalArgumentException("depth noise " + name + ": " + bands.size() + " bands but "
                    + depthAb.length + " depths");
        }
        if (!(nSigma > 0) || depthScatterMag < 0 || errorFloor < 0) {
            throw new IllegalArgumentException("depth noise " + name + ": need sigma > 0, scatter >= 0, floor >= 0");
        }
        this.name = name;
        this.bands = List.copyOf(bands);
        this.depthAb = depthAb.clone();
        this.nSigma = nSigma;
        this.depthScatterMag = depthScatterMag;
        this.errorFloor = errorFloor;
        this.approximate = approximate;
    }

    /** A built-in tier ({@code deep}, {@code medium}) or a config file path, restricted to {@code bands}. */
    public static DepthNoiseModel load(String nameOrPath, List<String> bands) {
        String resource = "/io/sedstream/sed/noise/" + nameOrPath + ".depths";
        try (InputStream in = DepthNoiseModel.class.getResourceAsStream(resource)) {
            if (in != null) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrPath, bands);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("unknown depth noise model '" + nameOrPath
                    + "': not a built-in tier (deep, medium) and no such file");
        }
        try {
            return parse(Files.readString(p), p.toString(), bands);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** Parses a depth config; every band of {@code bands} must have a depth. */
    public static DepthNoiseModel parse(String text, String origin, List<String> bands) {
        Map<String, String> kv = new LinkedHashMap<>();
        Map<String, Double> depths = new LinkedHashMap<>();
        for (KeyValueText.Entry entry : KeyValueText.parse(text, "noise config " + origin, "'key = value'")) {
            String key = entry.key();
            String value = entry.value();
            if (KEYS.contains(key)) {
                kv.put(key, value);
            } else {
                try {
                    depths.put(key, Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("noise config " + origin + " line " + entry.lineNumber() + ": depth of band '"
                            + key + "' is not a number: '" + value + "'", e);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        double[] d = new double[bands.size()];
        for (int b = 0; b < bands.size(); b++) {
            Double v = depths.get(bands.get(b));
            if (v == null) {
                missing.add(bands.get(b));
            } else {
                d[b] = v;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("noise config " + origin + " has no depth for bands " + missing);
        }
        try {
            return new DepthNoiseModel(kv.getOrDefault("name", origin), bands, d,
                    Double.parseDouble(kv.getOrDefault("sigma", "5")),
                    Double.parseDouble(kv.getOrDefault("depth_scatter_mag", "0")),
                    Double.parseDouble(kv.getOrDefault("error_floor", "0")),
                    Boolean.parseBoolean(kv.getOrDefault("approximate", "false")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("noise config " + origin + ": bad number in " + kv, e);
        }
    }

    @Override
    public List<String> bandNames() {
        return bands;
    }

    @Override
    public String description() {
        return "depth:" + name + " (" + nSigma + "-sigma depths, scatter " + depthScatterMag + " mag, floor "
                + errorFloor + (approximate ? ", APPROXIMATE defaults, not published per-band depths)" : ")");
    }

    /** 1-sigma background error [nJy] of band b at its nominal depth. */
    public double nominalSigmaNJy(int b) {
        return PhysicalConstants.fluxNJyFromAb(depthAb[b]) / nSigma;
    }

    public double depthAb(int b) {
        return depthAb[b];
    }

    public double depthScatterMag() {
        return depthScatterMag;
    }

    public double errorFloor() {
        return errorFloor;
    }

    @Override
    public void apply(double[] fluxNJy, SplittableRandom rng, double[] observedOut, double[] errorOut) {
        for (int b = 0; b < depthAb.length; b++) {
            double depth = depthAb[b] + depthScatterMag * rng.nextGaussian();
            double bg = PhysicalConstants.fluxNJyFromAb(depth) / nSigma;
            double fl = errorFloor * fluxNJy[b];
            double sigma = Math.sqrt(bg * bg + fl * fl);
            errorOut[b] = sigma;
            observedOut[b] = fluxNJy[b] + sigma * rng.nextGaussian();
        }
    }
}
