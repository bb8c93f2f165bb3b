package io.sedstream.trainer.compare;

import io.sedstream.inference.EstimateOptions;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.posterior.ParameterSummary;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ParameterNames;
import io.sedstream.trainer.nested.NestedSamplerConfig;
import io.sedstream.trainer.nested.SedFit;
import io.sedstream.trainer.nested.SedNestedFitter;
import java.util.ArrayList;
import java.util.Arrays;
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
            Arrays.sort(times);
            double npeSeconds = times[npeRepeats / 2];
            double[] summaryTimes = new double[npeRepeats];
            for (int r = 0; r < npeRepeats; r++) {
                long t0 = System.nanoTime();
                npeSummariesOnly(g);
                summaryTimes[r] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(summaryTimes);
            List<GalaxyComparison.Summary> npeSummaries = new ArrayList<>();
            for (String p : parameters) {
                ParameterSummary s = result.parameter(p);
                npeSummaries.add(new GalaxyComparison.Summary(s.median(), s.p16(), s.p84()));
            }
            SedFit fit = fitter.fit(g.observedFluxNJy(), g.fluxErrNJy(), seed * 1_000_003L + g.id());
            List<GalaxyComparison.Summary> nsSummaries = new ArrayList<>();
            for (int k : modelIndex) {
                nsSummaries.add(new GalaxyComparison.Summary(fit.quantile(k, 0.5), fit.quantile(k, 0.1586553),
                        fit.quantile(k, 0.8413447)));
            }
            double altLogZ = Double.NaN;
            double altLogZError = Double.NaN;
            if (alternativeFitter != null) {
                SedFit alt = alternativeFitter.fit(g.observedFluxNJy(), g.fluxErrNJy(), seed * 1_000_003L + g.id() + 500_000L);
                altLogZ = alt.logZ();
                altLogZError = alt.logZError();
            }
            GalaxyComparison c = new GalaxyComparison(g, parameters, npeSummaries, nsSummaries, npeSeconds,
                    summaryTimes[npeRepeats / 2], fit.totalSeconds(), fit.logZ(), fit.logZError(), fit.likelihoodCalls(),
                    altLogZ, altLogZError);
            out.add(c);
            log.accept(String.format(java.util.Locale.ROOT,
                    "galaxy %d: z %.2f, S/N(F444W) %.1f: NPE %.2f ms, nested sampling %.1f s (%,d calls, %.0f us/call,"
                            + " logZ %.2f +- %.2f, %s)%s",
                    g.id(), g.truth()[0], g.snrF444w(), npeSeconds * 1e3, fit.totalSeconds(), fit.likelihoodCalls(),
                    1e6 * fit.samplerSeconds() / fit.likelihoodCalls(), fit.logZ(), fit.logZError(),
                    fit.converged() ? "converged" : "NOT converged",
                    alternative == null ? "" : String.format(java.util.Locale.ROOT, "; Delta log Z vs %s %.2f +- %.2f",
                            alternative.name(), c.deltaLogZ(), c.deltaLogZError())));
        }
        return out;
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
