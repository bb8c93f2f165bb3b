package io.sedstream.inference.bundle;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a bundle came from: the training library (path or id, in words), the creation date
 * (ISO-8601), a summary of validation metrics by name (e.g. "rmse.log10_formed_mass", "tarp") and
 * the identities of the libraries it was trained on ({@code trainingLibraries}: forward model and
 * seed, empty for fixtures and bundles written before it existed). The identities are what lets a
 * validation refuse a "held-out" library that repeats the training galaxies: the same model and seed
 * give the same galaxies.
 */
public record Provenance(String trainingLibrary, String createdAt, Map<String, Double> metrics,
        List<TrainingLibraryId> trainingLibraries) {

    /** A training library's identity: forward-model name and library seed. */
    public record TrainingLibraryId(String model, long seed) {
        public TrainingLibraryId {
            if (model == null || model.isBlank()) {
                throw new InvalidModelBundleException("provenance.trainingLibraries[].model must be given");
            }
        }
    }

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
        trainingLibraries = trainingLibraries == null ? List.of() : List.copyOf(trainingLibraries);
    }

    /** A provenance that names no training library identity (fixtures, tests). */
    public Provenance(String trainingLibrary, String createdAt, Map<String, Double> metrics) {
        this(trainingLibrary, createdAt, metrics, List.of());
    }

    /** The same provenance with other metrics. */
    public Provenance withMetrics(Map<String, Double> newMetrics) {
        return new Provenance(trainingLibrary, createdAt, newMetrics, trainingLibraries);
    }

    /** Whether a library of this forward model and seed was one this bundle was trained on. */
    public boolean trainedOn(String model, long seed) {
        return trainingLibraries.stream().anyMatch(id -> id.model().equals(model) && id.seed() == seed);
    }
}
