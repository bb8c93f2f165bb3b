package io.sedstream.trainer.evidence;

import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.trainer.library.LibraryManifest;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.train.LibraryTables;
import io.sedstream.trainer.train.TrainingTable;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Two simulated libraries, one per model, as one labelled table for the evidence network: the
 * first {@code n} galaxies of each (n = the smaller library, or the row cap), label 1 for model 1
 * and 0 for model 2. Equal rows per model make the classes balanced, i.e. equal prior odds, so the
 * classifier's logit estimates ln K = ln p(x|M1) - ln p(x|M2). The libraries must be directly
 * comparable: same bands in the same order, same filter set and same noise model (otherwise the
 * classifier would learn the difference in survey, not in physics).
 *
 * @param model1  library.json of model 1's library
 * @param model2  library.json of model 2's library
 * @param table   2n rows: model 1's n rows then model 2's; one "parameter", {@value #LABEL} (1 or 0)
 * @param rowsPerModel n
 */
public record EvidenceLibraries(Path library1, Path library2, LibraryManifest model1, LibraryManifest model2, TrainingTable table,
                                int rowsPerModel) {

    /** The label column: 1 for model 1, 0 for model 2. */
    public static final String LABEL = "is_model1";
    /** The label as a parameter with the identity standardisation, so the batch source hands it to the loss unchanged. */
    public static final ParameterSpec LABEL_SPEC = new ParameterSpec(LABEL, "", 0.0, 1.0, 0.0, 1.0);

    /**
     * Reads and labels a pair of libraries.
     *
     * @param maxRowsPerModel at most this many galaxies per model (0 = as many as the smaller library has)
     * @throws IllegalArgumentException when the libraries come from the same model or differ in bands, filter set or noise
     */
    public static EvidenceLibraries read(Path library1, Path library2, long maxRowsPerModel) {
        LibraryManifest m1 = LibraryReader.open(library1).manifest();
        LibraryManifest m2 = LibraryReader.open(library2).manifest();
        checkComparable(library1, m1, library2, m2);
        long n = Math.min(m1.n(), m2.n());
        if (maxRowsPerModel > 0) {
            n = Math.min(n, maxRowsPerModel);
        }
        if (n < 1) {
            throw new IllegalArgumentException("libraries " + library1 + " and " + library2 + " hold no galaxies to compare");
        }
        if (2 * n > Integer.MAX_VALUE / 32) {
            throw new IllegalArgumentException(n + " galaxies per model are more than this trainer holds in memory; use --max-rows");
        }
        TrainingTable t1 = LibraryTables.read(library1, n);
        TrainingTable t2 = LibraryTables.read(library2, n);
        return new EvidenceLibraries(library1, library2, m1, m2, labelled(t1, t2), (int) n);
    }

    /** Refuses a pair the evidence network cannot be trained or validated on, naming the difference. */
    static void checkComparable(Path p1, LibraryManifest m1, Path p2, LibraryManifest m2) {
        String pair = " (" + p1 + " vs " + p2 + ")";
        if (!m1.bands().equals(m2.bands())) {
            throw new IllegalArgumentException("the two libraries have different bands" + pair + ": " + m1.bands() + " vs " + m2.bands());
        }
        if (!Objects.equals(m1.filterSet(), m2.filterSet()) || !Objects.equals(m1.filterSetSpec(), m2.filterSetSpec())) {
            throw new IllegalArgumentException("the two libraries use different filter sets" + pair + ": '" + m1.filterSet()
                    + "' vs '" + m2.filterSet() + "' (or their curves differ)");
        }
        if (!Objects.equals(m1.noiseModel(), m2.noiseModel())) {
            throw new IllegalArgumentException("the two libraries have different noise models" + pair + ": '" + m1.noiseModel()
                    + "' vs '" + m2.noiseModel() + "'; simulate both with the same --noise");
        }
        if (Objects.equals(m1.model(), m2.model()) && Objects.equals(m1.modelConfig(), m2.modelConfig())) {
            throw new IllegalArgumentException("both libraries come from the same model '" + m1.model() + "'" + pair
                    + ": an evidence network compares two different models");
        }
    }

    private static TrainingTable labelled(TrainingTable t1, TrainingTable t2) {
        int n = t1.rows();
        int b = t1.bandCount();
        double[] flux = new double[2 * n * b];
        double[] err = new double[2 * n * b];
        double[] label = new double[2 * n];
        System.arraycopy(t1.fluxNJy(), 0, flux, 0, n * b);
        System.arraycopy(t2.fluxNJy(), 0, flux, n * b, n * b);
        System.arraycopy(t1.fluxErrNJy(), 0, err, 0, n * b);
        System.arraycopy(t2.fluxErrNJy(), 0, err, n * b, n * b);
        java.util.Arrays.fill(label, 0, n, 1.0);
        return new TrainingTable(t1.bandNames(), List.of(LABEL), 2 * n, flux, err, label);
    }

    /** One line for logs and provenance. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "model 1 '%s' from %s (seed %d), model 2 '%s' from %s (seed %d), %,d galaxies each, "
                        + "bands %s, noise %s", model1.model(), library1, model1.seed(), model2.model(), library2, model2.seed(),
                rowsPerModel, model1.filterSet(), model1.noiseModel());
    }
}
