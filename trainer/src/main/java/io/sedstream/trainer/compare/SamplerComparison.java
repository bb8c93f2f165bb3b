package io.sedstream.trainer.compare;

import io.sedstream.inference.EstimateOptions;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.posterior.ParameterSummary;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ParameterNames;
import io.sedstream.trainer.nested.NestedSamplerConfig;
import io.sedstream.trainer.nested.SedFit;
import io.sedstream.trainer.nested.SedNestedFitter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the NPE and the nested sampler on the same galaxies, timing each on one thread.
 * The NPE time per galaxy is the median of {@code npeRepeats} calls after a warm-up over all
 * galaxies (one call takes milliseconds, so one timing would be mostly noise); each call draws
 * 1000 posterior samples, as the published timings do. The nested sampler runs once per galaxy.
 */
public final class SamplerComparison {

    /** Posterior samples drawn per NPE call, as in the published per-object timings. */
    public static final int NPE_SAMPLES = 1000;

    private final ForwardModel model;
    private final Estimator estimator;
    private final NestedSamplerConfig samplerConfig;
    private final int npeRepeats;
    private final Consumer<String> log;
    private final List<String> parameters;
    private final int[] modelIndex;
    private final ForwardModel alternative;
    private SamplerCache cache;
    private EarlierSamplerRows earlierPrimary;
    private EvidenceNetwork evidence;
    private double evidenceSign = 1.0;

    public SamplerComparison(ForwardModel model, Estimator estimator, NestedSamplerConfig samplerConfig, int npeRepeats,
                             Consumer<String> log) {
        this(model, null, estimator, samplerConfig, npeRepeats, log);
    }

    /**
     * @param alternative a second forward model (same bands) whose evidence is also computed, giving
     *                    the nested-sampling Delta log Z = log Z(model) - log Z(alternative) per galaxy;
     *                    null for none. Its time is not part of the speed comparison.
     */
    public SamplerComparison(ForwardModel model, ForwardModel alternative, Estimator estimator,
                             NestedSamplerConfig samplerConfig, int npeRepeats, Consumer<String> log) {
        if (alternative != null && !alternative.bandNames().equals(model.bandNames())) {
            throw new IllegalArgumentException("the second model " + alternative.name() + " has bands "
                    + alternative.bandNames() + ", not those of " + model.name() + " " + model.bandNames());
        }
        this.alternative = alternative;
        if (npeRepeats < 1) {
            throw new IllegalArgumentException("npeRepeats must be >= 1, got " + npeRepeats);
        }
        this.model = model;
        this.estimator = estimator;
        this.samplerConfig = samplerConfig;
        this.npeRepeats = npeRepeats;
        this.log = log;
        List<String> names = new ArrayList<>();
        for (String p : estimator.manifest().parameterNames()) {
            if (ParameterNames.OUTPUTS.contains(p)) {
                names.add(p);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("bundle " + estimator.manifest().label() + " shares no parameter with the"
                    + " forward model's outputs " + ParameterNames.OUTPUTS);
        }
        for (String b : estimator.manifest().bandNames()) {
            if (!model.bandNames().contains(b)) {
                throw new IllegalArgumentException("bundle band " + b + " is not a band of forward model " + model.name());
            }
        }
        this.parameters = List.copyOf(names);
        this.modelIndex = names.stream().mapToInt(ParameterNames.OUTPUTS::indexOf).toArray();
    }

    /**
     * Keeps nested-sampling results in {@code directory} and reuses those of the same settings and
     * galaxy, so the comparison can be rerun against another NPE bundle at no sampler cost.
     */
    public SamplerComparison withSamplerCache(java.nio.file.Path directory, long seed) {
        this.cache = new SamplerCache(directory, String.format(java.util.Locale.ROOT, "%s-%s-nlive%d-dlogz%s-seed%d",
                model.name(), alternative == null ? "single" : alternative.name(), samplerConfig.nLive(),
                samplerConfig.dlogZ(), seed));
        return this;
    }

    /**
     * Takes the primary model's nested-sampling results from an earlier report's rows.csv (same galaxies,
     * checked by their truths) and samples only the second model.
     */
    public SamplerComparison withEarlierPrimaryResults(java.nio.file.Path rowsCsv) {
        this.earlierPrimary = EarlierSamplerRows.read(rowsCsv);
        return this;
    }

    /**
     * Also evaluates this evidence network on every galaxy, for its ln K = ln p(x|model) - ln p(x|second model)
     * against the nested-sampling Delta log Z (a network built the other way round is negated). Not closed here.
     */
    public SamplerComparison withEvidenceNetwork(EvidenceNetwork network) {
        if (alternative == null) {
            throw new IllegalArgumentException("an evidence network needs a second model to compare against");
        }
        String m1 = network.manifest().model1Name();
        String m2 = network.manifest().model2Name();
        if (m1.equals(model.name()) && m2.equals(alternative.name())) {
            this.evidenceSign = 1.0;
        } else if (m1.equals(alternative.name()) && m2.equals(model.name())) {
            // The network's M1 is this comparison's second model: its ln K is the negative of ours.
            this.evidenceSign = -1.0;
        } else {
            throw new IllegalArgumentException("evidence network " + network.manifest().name() + " compares " + m1 + " with "
                    + m2 + ", not " + model.name() + " with " + alternative.name());
        }
        this.evidence = network;
        return this;
    }

    public List<String> parameters() {
        return parameters;
    }

    public List<GalaxyComparison> run(List<TestGalaxy> galaxies, long seed) {
        // warm-up: JIT and ONNX Runtime caches, on every galaxy once
        for (TestGalaxy g : galaxies) {
            npe(g, seed);
        }
        SedNestedFitter fitter = new SedNestedFitter(model, samplerConfig);
        SedNestedFitter alternativeFitter = alternative == null ? null : new SedNestedFitter(alternative, samplerConfig);
        List<GalaxyComparison> out = new ArrayList<>();
        for (TestGalaxy g : galaxies) {
            double[] times = new double[npeRepeats];
            PosteriorResult result = null;
            for (int r = 0; r < npeRepeats; r++) {
                long t0 = System.nanoTime();
                result = npe(g, seed + g.id());
                times[r] = (System.nanoTime() - t0) / 1e9;
            }
            double npeSeconds = ComparisonTable.median(times);
            double[] summaryTimes = new double[npeRepeats];
            for (int r = 0; r < npeRepeats; r++) {
                long t0 = System.nanoTime();
                npeSummariesOnly(g);
                summaryTimes[r] = (System.nanoTime() - t0) / 1e9;
            }
            List<GalaxyComparison.Summary> npeSummaries = new ArrayList<>();
            for (String p : parameters) {
                ParameterSummary s = result.parameter(p);
                npeSummaries.add(new GalaxyComparison.Summary(s.median(), s.p16(), s.p84()));
            }
            boolean cached = true;
            SamplerCache.Entry ns = cache == null ? null : cache.load(g);
            if (ns == null) {
                cached = false;
                ns = earlierPrimary != null ? sampleAlternativeOnly(earlierPrimary.primary(g), g, seed, alternativeFitter)
                        : sample(g, seed, fitter, alternativeFitter);
                if (cache != null) {
                    cache.store(g, ns);
                }
            }
            List<GalaxyComparison.Summary> nsSummaries = new ArrayList<>();
            for (int k : modelIndex) {
                nsSummaries.add(ns.outputs().get(k));
            }
            GalaxyComparison c = new GalaxyComparison(g, parameters, npeSummaries, nsSummaries, npeSeconds,
                    ComparisonTable.median(summaryTimes), ns.seconds(), ns.logZ(), ns.logZError(), ns.likelihoodCalls(),
                    ns.alternativeLogZ(), ns.alternativeLogZError(),
                    evidence == null ? Double.NaN : evidenceSign * evidence.evaluate(bandFluxes(g)).lnBayesFactor());
            out.add(c);
            log.accept(String.format(java.util.Locale.ROOT,
                    "galaxy %d: z %.2f, S/N(F444W) %.1f: NPE %.2f ms, nested sampling %.1f s%s (%,d calls, %.0f us/call,"
                            + " logZ %.2f +- %.2f)%s",
                    g.id(), g.truth()[0], g.snrF444w(), npeSeconds * 1e3, ns.seconds(), cached ? " [cached]" : "",
                    ns.likelihoodCalls(), 1e6 * ns.seconds() / ns.likelihoodCalls(), ns.logZ(), ns.logZError(),
                    Double.isNaN(ns.alternativeLogZ()) ? "" : String.format(java.util.Locale.ROOT,
                            "; Delta log Z vs the second model %.2f +- %.2f", c.deltaLogZ(), c.deltaLogZError()))
                    + (evidence == null ? "" : String.format(java.util.Locale.ROOT, "; evidence network ln K %.2f",
                            c.evidenceLnK())));
        }
        return out;
    }

    /** Nested sampling of one galaxy (and under the second model when there is one). */
    private SamplerCache.Entry sample(TestGalaxy g, long seed, SedNestedFitter fitter, SedNestedFitter alternativeFitter) {
        SedFit fit = fitter.fit(g.observedFluxNJy(), g.fluxErrNJy(), seed * 1_000_003L + g.id());
        if (!fit.converged()) {
            log.accept("galaxy " + g.id() + ": nested sampling stopped by a cap before dlogZ was reached");
        }
        List<GalaxyComparison.Summary> outputs = new ArrayList<>();
        for (int k = 0; k < ParameterNames.OUTPUTS.size(); k++) {
            outputs.add(new GalaxyComparison.Summary(fit.quantile(k, 0.5), fit.quantile(k, 0.1586553),
                    fit.quantile(k, 0.8413447)));
        }
        double altLogZ = Double.NaN;
        double altLogZError = Double.NaN;
        if (alternativeFitter != null) {
            SedFit alt = alternativeFitter.fit(g.observedFluxNJy(), g.fluxErrNJy(), seed * 1_000_003L + g.id() + 500_000L);
            altLogZ = alt.logZ();
            altLogZError = alt.logZError();
        }
        return new SamplerCache.Entry(fit.logZ(), fit.logZError(), fit.likelihoodCalls(), fit.totalSeconds(), altLogZ,
                altLogZError, outputs);
    }

    /** The primary result as given, plus the second model's evidence (same sampler seed as {@link #sample}). */
    private SamplerCache.Entry sampleAlternativeOnly(SamplerCache.Entry primary, TestGalaxy g, long seed,
                                                     SedNestedFitter alternativeFitter) {
        if (alternativeFitter == null) {
            return primary;
        }
        SedFit alt = alternativeFitter.fit(g.observedFluxNJy(), g.fluxErrNJy(), seed * 1_000_003L + g.id() + 500_000L);
        return new SamplerCache.Entry(primary.logZ(), primary.logZError(), primary.likelihoodCalls(), primary.seconds(),
                alt.logZ(), alt.logZError(), primary.outputs());
    }

    private PosteriorResult npe(TestGalaxy g, long seed) {
        return estimator.estimate(bandFluxes(g), null, EstimateOptions.withSamples(NPE_SAMPLES, seed));
    }

    private PosteriorResult npeSummariesOnly(TestGalaxy g) {
        return estimator.estimate(bandFluxes(g), null, EstimateOptions.summariesOnly());
    }

    private List<BandFlux> bandFluxes(TestGalaxy g) {
        List<String> bands = model.bandNames();
        List<BandFlux> fluxes = new ArrayList<>(bands.size());
        for (int b = 0; b < bands.size(); b++) {
            double f = g.observedFluxNJy()[b];
            fluxes.add(Double.isNaN(f) ? BandFlux.missing(bands.get(b)) : BandFlux.observed(bands.get(b), f, g.fluxErrNJy()[b]));
        }
        return fluxes;
    }
}
