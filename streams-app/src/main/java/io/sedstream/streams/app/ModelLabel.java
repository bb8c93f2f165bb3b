package io.sedstream.streams.app;

import io.sedstream.streams.comparison.ComparisonModels;
import io.sedstream.streams.estimation.ModelIdentity;
import io.sedstream.streams.metrics.StreamMetrics;

/** Makes the model in use visible: metrics info and a loud warning for fixture bundles. */
final class ModelLabel {
    private ModelLabel() {
    }

    static void register(StreamMetrics metrics, ModelIdentity model) {
        metrics.model(model.name(), model.version(), model.fixture());
        if (model.fixture()) {
            System.err.println("sedstream: WARNING: model " + model.label());
        }
    }

    static void register(StreamMetrics metrics, ComparisonModels c) {
        metrics.comparisons(c.model1Label(), c.model2Label(), c.evidenceLabel(), c.priorOdds(), c.fixture());
        if (c.fixture()) {
            System.err.println("sedstream: WARNING: model comparison uses a FIXTURE bundle: " + c.label());
        }
        c.warnings().forEach(w -> System.err.println("sedstream: WARNING: " + w));
    }
}
