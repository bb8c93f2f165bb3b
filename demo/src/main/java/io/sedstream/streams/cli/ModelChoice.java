package io.sedstream.streams.cli;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.streams.app.ModelLocator;
import io.sedstream.streams.comparison.ComparisonModels;
import io.sedstream.streams.config.ConfigException;
import io.sedstream.streams.config.SedstreamConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The demo and bench bundles: --model, else the newest trained models/default/<version>, else a loudly
 * labelled fixture; likewise, with comparison on, the second model's NPE (models/delayed-tau) and the
 * evidence network (models/evidence-default-vs-delayed-tau).
 */
final class ModelChoice {
    private ModelChoice() {
    }

    static Path resolve(SedstreamConfig config, PrintStream progress) throws IOException {
        if (config.modelDir().isPresent()) {
            return ModelLocator.explicit(config.modelDir().get());
        }
        var trained = ModelLocator.newestTrained(config.modelsRoot());
        if (trained.isPresent()) {
            progress.println("sedstream: using trained bundle " + trained.get());
            return trained.get();
        }
        Path fixture = ModelLocator.writeFixture();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> io.sedstream.streams.app.EmbeddedPipeline.deleteRecursively(fixture)));
        progress.println("sedstream: *** NO TRAINED MODEL in " + config.modelsRoot().resolve("default")
                + ": using a FIXTURE bundle (seeded, UNTRAINED, default size) written to " + fixture
                + ". Its posteriors exercise the pipeline and are NOT physical. ***");
        return fixture;
    }

    /**
     * The comparison bundles for the demo and bench: the configured ones, else the newest shipped, else
     * FIXTURES labelled to fit the primary model. When comparison was only switched on by default (the
     * demo) and the bundles found do not fit the primary model, it is switched off with a loud note;
     * when it was asked for, the misfit is an error.
     *
     * @param byDefault true when comparison is on because the command defaults to it, not because it was asked for
     */
    static SedstreamConfig comparison(SedstreamConfig config, Path primaryDir, PrintStream progress, boolean byDefault) throws IOException {
        SedstreamConfig.Comparison c = config.comparison();
        if (!c.enabled()) {
            return config;
        }
        Path model2 = c.model2Dir().orElse(null);
        if (model2 == null) {
            model2 = ModelLocator.newest(config.modelsRoot(), ModelLocator.SECOND_MODEL_NAME).orElse(null);
            if (model2 != null) {
                progress.println("sedstream: comparison M2: trained bundle " + model2);
            } else {
                model2 = deleteOnExit(ModelLocator.writeFixture(ModelLocator.SECOND_MODEL_NAME,
                        FixtureBundleWriter.Options.defaults().withSeed(SECOND_FIXTURE_SEED)));
                progress.println("sedstream: *** NO TRAINED MODEL in " + config.modelsRoot().resolve(ModelLocator.SECOND_MODEL_NAME)
                        + ": comparison M2 is a FIXTURE NPE (seeded, UNTRAINED, default size) labelled '" + ModelLocator.SECOND_MODEL_NAME
                        + "', written to " + model2 + ". ***");
            }
        }
        Path evidence = c.evidenceDir().orElse(null);
        if (evidence == null) {
            evidence = ModelLocator.newest(config.modelsRoot(), ModelLocator.EVIDENCE_MODEL_NAME).orElse(null);
            if (evidence != null) {
                progress.println("sedstream: comparison evidence network: trained bundle " + evidence);
            } else {
                String m1Name = ManifestJson.read(primaryDir.resolve(ManifestJson.FILE_NAME)).name();
                String m2Name = ManifestJson.read(model2.resolve(ManifestJson.FILE_NAME)).name();
                evidence = deleteOnExit(ModelLocator.writeEvidenceFixture(m1Name, m2Name));
                progress.println("sedstream: *** NO TRAINED EVIDENCE NETWORK in " + config.modelsRoot().resolve(ModelLocator.EVIDENCE_MODEL_NAME)
                        + ": using a FIXTURE (seeded, UNTRAINED) labelled as comparing '" + m1Name + "' with '" + m2Name + "', written to "
                        + evidence + ". Its log10 K and P(M1) exercise the pipeline and are NOT physical. ***");
            }
        }
        try {
            ComparisonModels.checkManifests(primaryDir, model2, evidence);
        } catch (ConfigException e) {
            if (!byDefault) {
                throw e;
            }
            progress.println("sedstream: *** model comparison OFF: the bundles found do not fit together: " + e.getMessage() + " ***");
            return config.withComparison(c.withEnabled(false));
        }
        return config.withComparison(c.withBundles(model2, evidence));
    }

    /** Seed of the second model's fixture NPE: different weights from the primary fixture's. */
    private static final long SECOND_FIXTURE_SEED = 20261127L;

    private static Path deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> io.sedstream.streams.app.EmbeddedPipeline.deleteRecursively(dir)));
        return dir;
    }
}
