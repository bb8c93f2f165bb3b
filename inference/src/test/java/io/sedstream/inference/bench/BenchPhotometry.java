package io.sedstream.inference.bench;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.features.BandFlux;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The benchmarks' toy photometry: jades-gs-14 fluxes of 3-300 nJy with 1-5 nJy errors, 10% of bands missing, seeded. */
final class BenchPhotometry {
    private BenchPhotometry() {
    }

    static List<List<BandFlux>> toyRecords(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<BandFlux>> records = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            List<BandFlux> phot = new ArrayList<>();
            double logFlux = 0.5 + 2.0 * random.nextDouble();
            for (String band : FixtureBundleWriter.JADES_GS_14) {
                if (random.nextDouble() < 0.1) {
                    phot.add(BandFlux.missing(band));
                } else {
                    double err = 1.0 + 4.0 * random.nextDouble();
                    phot.add(BandFlux.observed(band, Math.pow(10, logFlux) + err * random.nextGaussian(), err));
                }
            }
            records.add(phot);
        }
        return records;
    }
}
