package io.sedstream.trainer.evidence;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.trainer.train.TrainingTable;
import io.sedstream.trainer.validate.MaskScenario;
import io.sedstream.trainer.validate.MaskBands;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs an evidence network over held-out labelled galaxies through the serving path (the bundle's
 * FeatureEncoder and ONNX Runtime members) under each masking scenario of {@code validate}
 * ({@link MaskScenario}, with the same per-row mask seeds), collecting ln K per object.
 */
public final class EvidenceValidator {

    /** Objects per ONNX Runtime call. */
    private static final int BATCH = 1024;

    /**
     * Per-object results: the true label (1 = model 1), the S/N of the selection band in the
     * unmasked photometry, and ln K per scenario that applies to the filter set.
     */
    public record Objects(double[] label, double[] snr, Map<MaskScenario, double[]> lnK) {
        public int count() {
            return label.length;
        }
    }

    private EvidenceValidator() {
    }

    /** Refuses held-out libraries that do not fit the network, naming the problem. */
    public static void checkCompatible(Manifest manifest, EvidenceLibraries heldout) {
        if (!manifest.bandNames().equals(heldout.table().bandNames())) {
            throw new IllegalArgumentException("held-out library bands " + heldout.table().bandNames() + " differ from the network's "
                    + manifest.bandNames());
        }
        if (!manifest.model1().forwardModel().equals(heldout.model1().model())) {
            throw new IllegalArgumentException("--library-m1 " + heldout.library1() + " comes from model '" + heldout.model1().model()
                    + "' but the network's model 1 is '" + manifest.model1().forwardModel() + "'");
        }
        if (!manifest.model2().forwardModel().equals(heldout.model2().model())) {
            throw new IllegalArgumentException("--library-m2 " + heldout.library2() + " comes from model '" + heldout.model2().model()
                    + "' but the network's model 2 is '" + manifest.model2().forwardModel() + "'");
        }
        Map<String, Double> trained = manifest.provenance().metrics();
        checkNotTrainingSeed(trained.get("training.seed.model1"), heldout.model1().seed(), "--library-m1", heldout.library1());
        checkNotTrainingSeed(trained.get("training.seed.model2"), heldout.model2().seed(), "--library-m2", heldout.library2());
    }

    private static void checkNotTrainingSeed(Double trainingSeed, long heldoutSeed, String option, java.nio.file.Path library) {
        if (trainingSeed != null && trainingSeed == (double) heldoutSeed) {
            throw new IllegalArgumentException(option + " " + library + " has seed " + heldoutSeed
                    + ", the seed of the network's training library: simulate a held-out library with another --seed");
        }
    }

    /** @param snrBand band whose S/N bins the report (a band of the libraries) */
    public static Objects run(EvidenceNetwork network, EvidenceLibraries heldout, MaskBands bands, String snrBand, long seed,
                              Consumer<String> progress) {
        checkCompatible(network.manifest(), heldout);
        TrainingTable t = heldout.table();
        int n = t.rows();
        int b = t.bandCount();
        FeatureEncoder encoder = network.encoder();
        int f = encoder.featureCount();
        double[] label = new double[n];
        double[] snr = new double[n];
        int snrIndex = t.bandNames().indexOf(snrBand);
        if (snrIndex < 0) {
            throw new IllegalArgumentException("S/N band '" + snrBand + "' is not a band of the held-out libraries " + t.bandNames());
        }
        for (int row = 0; row < n; row++) {
            label[row] = t.theta(row, 0);
            snr[row] = t.flux(row, snrIndex) / t.fluxErr(row, snrIndex);
        }
        Map<MaskScenario, double[]> lnK = new EnumMap<>(MaskScenario.class);
        double[] flux = new double[BATCH * b];
        double[] err = new double[BATCH * b];
        float[] features = new float[BATCH * f];
        for (MaskScenario scenario : MaskScenario.applicable(t.bandNames())) {
            long start = System.nanoTime();
            double[] out = new double[n];
            for (int from = 0; from < n; from += BATCH) {
                int count = Math.min(BATCH, n - from);
                scenario.applyToRows(bands, t, from, count, seed, flux, err);
                encoder.encodeBatch(count, flux, err, null, features, 0);
                double[] k = network.lnBayesFactors(features, count);
                System.arraycopy(k, 0, out, from, count);
            }
            lnK.put(scenario, out);
            progress.accept(String.format(Locale.ROOT, "evaluated %s: %,d objects in %.2f s", scenario.label(bands), n,
                    (System.nanoTime() - start) / 1e9));
        }
        return new Objects(label, snr, lnK);
    }
}
