package io.sedstream.inference.bundle;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a bundle came from: the training library (path or id), the creation date (ISO-8601) and a
 * summary of validation metrics by name (e.g. "rmse.log10_formed_mass", "tarp").
 */
public record Provenance(String trainingLibrary, String createdAt, Map<String, Double> metrics) {
    public Provenance {
        if (trainingLibrary == null) {
            throw new InvalidModelBundleException("provenance.trainingLibrary must be given");
        }
        if (createdAt == null || createdAt.isBlank()) {
            throw new InvalidModelBundleException("provenance.createdAt must be given");
        }
        metrics = metrics == null ? Map.of() : Map.copyOf(new TreeMap<>(metrics));
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new InvalidModelBundleException("provenance.metrics." + e.getKey() + " is not a finite number");
            }
        }
    }
}
