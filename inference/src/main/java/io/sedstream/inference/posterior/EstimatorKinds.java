package io.sedstream.inference.posterior;

import io.sedstream.inference.bundle.InvalidModelBundleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registry of estimator kinds a manifest may name. Built in: {@link GaussianMixtureKind} (the
 * full-covariance Gaussian mixture every shipped bundle uses). Further kinds register through the
 * standard {@link ServiceLoader} entry {@code META-INF/services/io.sedstream.inference.posterior.EstimatorKind}
 * on the class path (one line naming the implementation); a name may not be taken twice.
 */
public final class EstimatorKinds {
    private static final Map<String, EstimatorKind> KINDS = load();

    private EstimatorKinds() {
    }

    private static Map<String, EstimatorKind> load() {
        Map<String, EstimatorKind> kinds = new LinkedHashMap<>();
        kinds.put(GaussianMixtureKind.NAME, new GaussianMixtureKind());
        for (EstimatorKind kind : ServiceLoader.load(EstimatorKind.class, EstimatorKinds.class.getClassLoader())) {
            EstimatorKind before = kinds.putIfAbsent(kind.name(), kind);
            if (before != null && before.getClass() != kind.getClass()) {
                throw new IllegalStateException("estimator kind '" + kind.name() + "' is registered twice: by "
                        + before.getClass().getName() + " and by " + kind.getClass().getName());
            }
        }
        return Map.copyOf(kinds);
    }

    /**
     * The kind a manifest names.
     *
     * @throws InvalidModelBundleException naming the unknown kind and the known ones
     */
    public static EstimatorKind byName(String name) {
        EstimatorKind kind = KINDS.get(name);
        if (kind == null) {
            throw new InvalidModelBundleException("estimator.kind '" + name + "' is unknown (known: " + names() + ")");
        }
        return kind;
    }

    /** The registered kind names, sorted. */
    public static List<String> names() {
        return KINDS.keySet().stream().sorted().toList();
    }
}
