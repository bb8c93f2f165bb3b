package io.sedstream.trainer.survey;

import io.sedstream.inference.EstimateOptions;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.QualityFlag;
import io.sedstream.inference.catalogue.CatalogueReader;
import io.sedstream.inference.catalogue.CatalogueRow;
import io.sedstream.inference.catalogue.ColumnMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real catalogue through the bundle's serving path ({@link Estimator}, as {@code infer} and the stream
 * run it): the fraction of galaxies the misfit model flags and of posteriors outside the prior box.
 *
 * @param threshold          p-value below which a record is flagged MISFIT (the stream's misfit.p.threshold)
 * @param estimated          rows estimated
 * @param refused            rows the reader or the encoder refused (unreadable cells, no usable band)
 * @param misfitFlagged      rows flagged MISFIT at {@code threshold}
 * @param pBelow             rows with misfit p-value below 0.05, 0.01, 0.001 ({@link #P_LEVELS})
 * @param outsidePriorBox    rows flagged POSTERIOR_OUTSIDE_PRIOR_BOX
 */
public record MisfitCensus(double threshold, long estimated, long refused, long misfitFlagged, long[] pBelow, long outsidePriorBox) {
    public static final double[] P_LEVELS = {0.05, 0.01, 0.001};
    private static final int BATCH = 64;

    public double misfitFraction() {
        return estimated == 0 ? Double.NaN : (double) misfitFlagged / estimated;
    }

    public double fractionBelow(int level) {
        return estimated == 0 ? Double.NaN : (double) pBelow[level] / estimated;
    }

    public double outsidePriorBoxFraction() {
        return estimated == 0 ? Double.NaN : (double) outsidePriorBox / estimated;
    }

    public static MisfitCensus run(Path bundle, Path catalogue, ColumnMap columns, double threshold) {
        Counts c = new Counts();
        try (Estimator estimator = Estimator.load(bundle);
             CatalogueReader reader = CatalogueReader.open(catalogue, columns, StandardCharsets.UTF_8)) {
            if (estimator.bundle().misfit().isEmpty()) {
                throw new IllegalStateException("bundle " + bundle + " has no misfit model (fit-misfit did not run)");
            }
            List<Estimator.BatchItem> batch = new ArrayList<>(BATCH);
            while (reader.hasNext()) {
                if (reader.next() instanceof CatalogueRow.Read read) {
                    batch.add(new Estimator.BatchItem(read.fluxes(), null, EstimateOptions.summariesOnly()));
                } else {
                    c.refused++;
                }
                if (batch.size() == BATCH) {
                    c.add(estimator.estimateBatch(batch), threshold);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                c.add(estimator.estimateBatch(batch), threshold);
            }
        }
        return new MisfitCensus(threshold, c.estimated, c.refused, c.flagged, c.below, c.outside);
    }

    private static final class Counts {
        long estimated;
        long refused;
        long flagged;
        long outside;
        final long[] below = new long[P_LEVELS.length];

        void add(List<Estimator.BatchOutcome> outcomes, double threshold) {
            for (Estimator.BatchOutcome o : outcomes) {
                if (!o.ok()) {
                    refused++;
                    continue;
                }
                estimated++;
                double p = o.result().misfit().pValue();
                for (int l = 0; l < P_LEVELS.length; l++) {
                    below[l] += p < P_LEVELS[l] ? 1 : 0;
                }
                List<String> flags = QualityFlag.of(o.result().massOutsidePriorBox(), p, threshold);
                flagged += flags.contains(QualityFlag.MISFIT.name()) ? 1 : 0;
                outside += flags.contains(QualityFlag.POSTERIOR_OUTSIDE_PRIOR_BOX.name()) ? 1 : 0;
            }
        }
    }
}
