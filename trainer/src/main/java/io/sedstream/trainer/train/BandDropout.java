package io.sedstream.trainer.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random missing-band augmentation, so that one network serves any subset of bands (the flag
 * scheme of Harvey et al. 2026, section on missing photometry): for each training row,
 * independently, (a) each whole instrument group is dropped with its probability, (b) with
 * probability {@code randomSubsetProbability} between 1 and {@code maxRandomBands} bands chosen
 * uniformly are dropped, and (c) each band is dropped independently with {@code perBandProbability}.
 * At least one band always stays observed.
 */
public record BandDropout(double perBandProbability, double randomSubsetProbability, int maxRandomBands,
                          List<Group> groups) {

    /** A set of bands that real surveys miss together (e.g. no HST/ACS coverage). */
    public record Group(String name, int[] bands, double probability) {
        public Group {
            bands = bands.clone();
            if (probability < 0 || probability > 1) {
                throw new IllegalArgumentException("group " + name + ": probability must be in [0, 1], got " + probability);
            }
        }

        @Override
        public int[] bands() {
            return bands.clone();
        }
    }

    public BandDropout {
        groups = List.copyOf(groups);
        if (perBandProbability < 0 || perBandProbability >= 1) {
            throw new IllegalArgumentException("per-band dropout must be in [0, 1), got " + perBandProbability);
        }
        if (randomSubsetProbability < 0 || randomSubsetProbability > 1) {
            throw new IllegalArgumentException("random-subset probability must be in [0, 1], got " + randomSubsetProbability);
        }
        if (maxRandomBands < 0) {
            throw new IllegalArgumentException("max random bands must be >= 0, got " + maxRandomBands);
        }
    }

    /** No augmentation. */
    public static BandDropout none() {
        return new BandDropout(0, 0, 0, List.of());
    }

    /**
     * The default for HST+JWST libraries: all ACS bands missing in 15% of rows, both NIRCam medium
     * bands (F335M, F410M) in 15%, 1-4 random bands in 20%, and 3% independent per-band dropout:
     * about half the rows keep every band.
     */
    public static BandDropout defaultFor(List<String> bandNames) {
        List<Group> groups = new ArrayList<>();
        int[] acs = indicesWhere(bandNames, n -> n.toLowerCase(Locale.ROOT).startsWith("hst.acs."));
        if (acs.length > 0) {
            groups.add(new Group("all-acs", acs, 0.15));
        }
        int[] medium = indicesWhere(bandNames, n -> {
            String s = n.toLowerCase(Locale.ROOT);
            return s.startsWith("jwst.nircam.") && s.endsWith("m");
        });
        if (medium.length > 0) {
            groups.add(new Group("nircam-medium", medium, 0.15));
        }
        return new BandDropout(0.03, 0.20, 4, groups);
    }

    private static int[] indicesWhere(List<String> names, java.util.function.Predicate<String> test) {
        return java.util.stream.IntStream.range(0, names.size()).filter(i -> test.test(names.get(i))).toArray();
    }

    /**
     * Sets {@code flux[offset + b]} to NaN for each dropped band b of one row of {@code bandCount}
     * bands. Bands already missing (NaN) stay missing; if every band would be gone, the brightest
     * (highest S/N) band originally observed is kept.
     */
    public void apply(double[] flux, double[] fluxErr, int offset, int bandCount, SplittableRandom rng) {
        if (perBandProbability == 0 && randomSubsetProbability == 0 && groups.isEmpty()) {
            return;
        }
        boolean[] drop = new boolean[bandCount];
        for (Group g : groups) {
            if (rng.nextDouble() < g.probability) {
                for (int b : g.bands) {
                    drop[b] = true;
                }
            }
        }
        if (maxRandomBands > 0 && rng.nextDouble() < randomSubsetProbability) {
            int k = 1 + rng.nextInt(Math.min(maxRandomBands, bandCount));
            for (int i = 0; i < k; i++) {
                drop[rng.nextInt(bandCount)] = true;
            }
        }
        if (perBandProbability > 0) {
            for (int b = 0; b < bandCount; b++) {
                if (rng.nextDouble() < perBandProbability) {
                    drop[b] = true;
                }
            }
        }
        int keep = -1;
        double bestSnr = Double.NEGATIVE_INFINITY;
        boolean anyLeft = false;
        for (int b = 0; b < bandCount; b++) {
            double f = flux[offset + b];
            if (Double.isNaN(f)) {
                continue;
            }
            double snr = f / fluxErr[offset + b];
            if (snr > bestSnr) {
                bestSnr = snr;
                keep = b;
            }
            if (!drop[b]) {
                anyLeft = true;
            }
        }
        for (int b = 0; b < bandCount; b++) {
            if (drop[b] && (anyLeft || b != keep)) {
                flux[offset + b] = Double.NaN;
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "per-band %.2f, random 1-%d bands %.2f",
                perBandProbability, maxRandomBands, randomSubsetProbability));
        for (Group g : groups) {
            sb.append(String.format(Locale.ROOT, ", %s %s %.2f", g.name, Arrays.toString(g.bands), g.probability));
        }
        return sb.toString();
    }
}
