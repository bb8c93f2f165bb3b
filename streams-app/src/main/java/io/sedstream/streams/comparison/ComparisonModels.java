package io.sedstream.streams.comparison;

import io.sedstream.inference.bundle.BundleKind;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.schemas.ModelComparison;
import io.sedstream.schemas.ParameterSummary;
import io.sedstream.streams.config.ConfigException;
import io.sedstream.streams.config.ConfigKey;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.estimation.Estimate;
import io.sedstream.streams.estimation.ModelIdentity;
import io.sedstream.streams.estimation.PhotometryEstimator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The second model's NPE (M2) and the evidence network that compares the primary model (M1) with
 * it, checked against each other at start: the evidence network's model1/model2 names must be the
 * primary and second NPE bundles' names, and all three must know the same bands. Thread-safe (both
 * estimators are).
 */
public final class ComparisonModels implements AutoCloseable {

    /** Bundle parameter names as the manifests spell them (sed-model's ParameterNames; the serving runtime does not carry the physics). */
    private static final String LOG10_SURVIVING_MASS = "log10_surviving_mass";

    /**
     * The parameters whose summaries a comparison carries, in this order (those both models have):
     * redshift, the two masses, recent SFR, mass-weighted age, dust and metallicity.
     */
    public static final List<String> KEY_PARAMETERS = List.of("redshift", LOG10_SURVIVING_MASS,
            "log10_formed_mass", "log10_sfr_100myr", "log10_mass_weighted_age", "log10_av", "log10_metallicity");

    private final ModelIdentity model1;
    private final PhotometryEstimator model2;
    private final EvidenceEstimator evidence;
    private final double priorOdds;
    private final boolean owned;
    private final List<String> keyParameters;
    private final int[] keyIndexModel1;
    private final int[] keyIndexModel2;

    private ComparisonModels(ModelIdentity model1, PhotometryEstimator model2, EvidenceEstimator evidence, double priorOdds,
                             boolean owned) {
        this.model1 = model1;
        this.model2 = model2;
        this.evidence = evidence;
        this.priorOdds = priorOdds;
        this.owned = owned;
        List<String> shared = new ArrayList<>();
        for (String p : KEY_PARAMETERS) {
            if (model1.parameters().contains(p) && model2.model().parameters().contains(p)) {
                shared.add(p);
            }
        }
        this.keyParameters = List.copyOf(shared);
        this.keyIndexModel1 = shared.stream().mapToInt(model1.parameters()::indexOf).toArray();
        this.keyIndexModel2 = shared.stream().mapToInt(model2.model().parameters()::indexOf).toArray();
    }

    /**
     * Loads the bundles that {@code config.comparison()} names and checks them against the primary model.
     *
     * @throws ConfigException naming {@code comparison.model2} or {@code comparison.evidence} when a bundle is
     *                         missing, unreadable or does not fit the primary model
     */
    public static ComparisonModels load(SedstreamConfig config, ModelIdentity primary) {
        SedstreamConfig.Comparison c = config.comparison();
        Path model2Dir = c.model2Dir().orElseThrow(() -> SedstreamConfig.invalid(ConfigKey.COMPARISON_MODEL2, "",
                "must name the second model's NPE bundle directory when comparison.enabled is true"));
        Path evidenceDir = c.evidenceDir().orElseThrow(() -> SedstreamConfig.invalid(ConfigKey.COMPARISON_EVIDENCE, "",
                "must name the evidence-network bundle directory when comparison.enabled is true"));
        BundleEstimator m2;
        try {
            m2 = BundleEstimator.load(model2Dir);
        } catch (RuntimeException e) {
            throw withCause(SedstreamConfig.invalid(ConfigKey.COMPARISON_MODEL2, model2Dir.toString(),
                    "is not a loadable NPE bundle: " + e.getMessage()), e);
        }
        EvidenceEstimator ev;
        try {
            ev = NetworkEvidence.load(evidenceDir, c.priorOdds());
        } catch (RuntimeException e) {
            m2.close();
            throw withCause(SedstreamConfig.invalid(ConfigKey.COMPARISON_EVIDENCE, evidenceDir.toString(),
                    "is not a loadable evidence-network bundle: " + e.getMessage()), e);
        }
        try {
            check(primary, m2.model(), ev.identity(), model2Dir, evidenceDir);
        } catch (ConfigException e) {
            m2.close();
            ev.close();
            throw e;
        }
        return new ComparisonModels(primary, m2, ev, c.priorOdds(), true);
    }

    /** Wraps estimators the caller owns (tests), after the same checks as {@link #load}. */
    public static ComparisonModels of(ModelIdentity primary, PhotometryEstimator model2, EvidenceEstimator evidence, double priorOdds) {
        check(primary, model2.model(), evidence.identity(), Path.of("(given)"), Path.of("(given)"));
        return new ComparisonModels(primary, model2, evidence, priorOdds, false);
    }

    /**
     * The checks of {@link #load} on the bundles' manifests alone (no ONNX sessions): the demo uses it to
     * decide whether the bundles it found can be compared.
     *
     * @throws ConfigException naming the key whose bundle does not fit
     */
    public static void checkManifests(Path primaryDir, Path model2Dir, Path evidenceDir) {
        Manifest p = ManifestJson.read(primaryDir.resolve(ManifestJson.FILE_NAME));
        Manifest m2 = ManifestJson.read(model2Dir.resolve(ManifestJson.FILE_NAME));
        Manifest ev = ManifestJson.read(evidenceDir.resolve(ManifestJson.FILE_NAME), BundleKind.EVIDENCE_CLASSIFIER);
        check(identity(p), identity(m2), new EvidenceIdentity(ev.name(), ev.version(), ev.fixture(), ev.model1Name(),
                ev.model1Version(), ev.model2Name(), ev.model2Version(), ev.bandNames()), model2Dir, evidenceDir);
    }

    private static ModelIdentity identity(Manifest m) {
        return new ModelIdentity(m.name(), m.version(), m.fixture(), m.bandNames(), m.parameterNames());
    }

    private static ConfigException withCause(ConfigException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    /** The evidence network must compare exactly these two models, on the bands they know. */
    static void check(ModelIdentity primary, ModelIdentity second, EvidenceIdentity ev, Path model2Dir, Path evidenceDir) {
        if (second.name().equals(primary.name())) {
            throw SedstreamConfig.invalid(ConfigKey.COMPARISON_MODEL2, model2Dir.toString(), "is a bundle of '" + second.name()
                    + "', the primary model itself: a comparison needs a second, different model");
        }
        if (!ev.model1Name().equals(primary.name())) {
            throw SedstreamConfig.invalid(ConfigKey.COMPARISON_EVIDENCE, evidenceDir.toString(), "compares model1 '" + ev.model1Name()
                    + "' with model2 '" + ev.model2Name() + "', but the primary NPE bundle is '" + primary.name() + "' (model.dir)");
        }
        if (!ev.model2Name().equals(second.name())) {
            throw SedstreamConfig.invalid(ConfigKey.COMPARISON_MODEL2, model2Dir.toString(), "is the NPE of '" + second.name()
                    + "', but the evidence network " + ev.name() + "/" + ev.version() + " compares '" + ev.model1Name() + "' with '"
                    + ev.model2Name() + "'");
        }
        if (!new HashSet<>(ev.bands()).equals(new HashSet<>(primary.bands()))) {
            throw SedstreamConfig.invalid(ConfigKey.COMPARISON_EVIDENCE, evidenceDir.toString(), "knows bands " + ev.bands()
                    + ", the primary NPE bundle " + primary.bands() + ": they must be the same set");
        }
        if (!new HashSet<>(second.bands()).equals(new HashSet<>(primary.bands()))) {
            throw SedstreamConfig.invalid(ConfigKey.COMPARISON_MODEL2, model2Dir.toString(), "knows bands " + second.bands()
                    + ", the primary NPE bundle " + primary.bands() + ": they must be the same set");
        }
    }

    /** Warnings that do not stop the start: version labels that differ between the evidence network and the NPEs. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        EvidenceIdentity ev = evidence.identity();
        if (!ev.model1Version().equals(model1.version())) {
            w.add("evidence network " + ev.name() + "/" + ev.version() + " was made for " + ev.model1Name() + " version " + ev.model1Version()
                    + ", the primary NPE bundle is version " + model1.version());
        }
        if (!ev.model2Version().equals(model2.model().version())) {
            w.add("evidence network " + ev.name() + "/" + ev.version() + " was made for " + ev.model2Name() + " version " + ev.model2Version()
                    + ", the second NPE bundle is version " + model2.model().version());
        }
        if (keyParameters.size() < KEY_PARAMETERS.size()) {
            List<String> missing = new ArrayList<>(KEY_PARAMETERS);
            missing.removeAll(keyParameters);
            w.add("key parameters " + missing + " are not in both models; comparisons leave them out");
        }
        return w;
    }

    public ModelIdentity model1() {
        return model1;
    }

    public PhotometryEstimator model2() {
        return model2;
    }

    public EvidenceEstimator evidence() {
        return evidence;
    }

    public double priorOdds() {
        return priorOdds;
    }

    /** True when any of the three bundles is an untrained fixture. */
    public boolean fixture() {
        return model1.fixture() || model2.model().fixture() || evidence.identity().fixture();
    }

    /** The key parameters both models have, in {@link #KEY_PARAMETERS} order. */
    public List<String> keyParameters() {
        return keyParameters;
    }

    int[] keyIndexModel1() {
        return keyIndexModel1;
    }

    int[] keyIndexModel2() {
        return keyIndexModel2;
    }

    /** {@code name/version} of M1, M2 and the evidence network, as the ModelComparison fields carry them. */
    public String model1Label() {
        return model1.name() + "/" + model1.version();
    }

    public String model2Label() {
        return model2.model().name() + "/" + model2.model().version();
    }

    public String evidenceLabel() {
        return evidence.identity().name() + "/" + evidence.identity().version();
    }

    /**
     * The comparison of one galaxy.
     *
     * @param m1             its posterior under M1 (the one written to the posterior topic)
     * @param m2             its posterior under M2, or M2's refusal
     * @param ev             the evidence network's answer, or its refusal
     * @param latencyMicros  the record's compute time (validation, its share of both batches)
     */
    public ModelComparison compare(String objectId, Estimate.Posterior m1, Estimate m2, Evidence ev, int inputPartition,
                                   long inputOffset, long latencyMicros) {
        ModelComparison.Builder b = ModelComparison.newBuilder()
                .setObjectId(objectId)
                .setModel1(model1Label())
                .setModel2(model2Label())
                .setEvidenceNetwork(evidenceLabel())
                .setFixture(fixture())
                .setPriorOdds(priorOdds)
                .setSummariesModel1(pick(m1.parameters(), keyIndexModel1))
                .setInputPartition(inputPartition)
                .setInputOffset(inputOffset)
                .setProcessingLatencyMicros(Math.max(1, latencyMicros));
        if (m2 instanceof Estimate.Posterior p2) {
            b.setSummariesModel2(pick(p2.parameters(), keyIndexModel2));
            int k = keyParameters.indexOf(LOG10_SURVIVING_MASS);
            b.setDeltaLog10SurvivingMass(k < 0 ? null
                    : m1.parameters().get(keyIndexModel1[k]).getMedian() - p2.parameters().get(keyIndexModel2[k]).getMedian());
            b.setModel2Refusal(null);
        } else {
            b.setSummariesModel2(List.of()).setDeltaLog10SurvivingMass(null)
                    .setModel2Refusal(((Estimate.Failed) m2).description());
        }
        if (ev instanceof Evidence.Result r) {
            b.setLog10BayesFactor(r.log10BayesFactor()).setProbabilityModel1(r.probabilityModel1())
                    .setBandsUsed(r.bandsUsed()).setBandsMasked(r.bandsMasked()).setEvidenceRefusal(null);
        } else {
            // No Bayes factor without the network; the bands are those of M1's posterior, for the reader's orientation.
            b.setLog10BayesFactor(Double.NaN).setProbabilityModel1(Double.NaN)
                    .setBandsUsed(m1.bandsUsed()).setBandsMasked(m1.bandsMasked())
                    .setEvidenceRefusal(((Evidence.Failed) ev).description());
        }
        return b.build();
    }

    private static List<ParameterSummary> pick(List<ParameterSummary> all, int[] index) {
        List<ParameterSummary> out = new ArrayList<>(index.length);
        for (int i : index) {
            out.add(all.get(i));
        }
        return out;
    }

    /**
     * The model a comparison prefers, P(M) > 0.5, as the metrics label it: M1's name, M2's name, or
     * {@code undecided} at exactly 0.5; null when there is no probability (the evidence network refused).
     */
    public String preferred(ModelComparison c) {
        double p = c.getProbabilityModel1();
        if (Double.isNaN(p)) {
            return null;
        }
        return p > 0.5 ? model1.name() : p < 0.5 ? model2.model().name() : "undecided";
    }

    /** One line for logs: M1 vs M2 by the evidence network, with FIXTURE marks. */
    public String label() {
        return "M1 " + model1.label() + " vs M2 " + model2.model().label() + " by evidence network " + evidence.identity().label()
                + ", prior odds p(M1)/p(M2) = " + priorOdds;
    }

    @Override
    public void close() {
        if (owned) {
            model2.close();
            evidence.close();
        }
    }
}
