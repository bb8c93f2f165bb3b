package io.sedstream.inference;

import io.sedstream.inference.features.BandUsage;
import io.sedstream.inference.misfit.MisfitResult;
import io.sedstream.inference.posterior.ParameterSummary;
import io.sedstream.inference.posterior.PosteriorSamples;
import java.util.List;

/**
 * The estimate for one object.
 *
 * @param modelName           bundle name
 * @param modelVersion        bundle version
 * @param fixture             true when the bundle is an UNTRAINED fixture: such results carry no
 *                            physical information and must be labelled as such downstream
 * @param parameters          exact marginal summaries, in the bundle's parameter order
 * @param bands               bands used, masked and unknown
 * @param massOutsidePriorBox largest per-parameter marginal posterior mass outside its prior
 *                            interval (exact; a lower bound on the joint mass outside the box);
 *                            a quality flag: large values mean the network put mass where the
 *                            prior forbids it
 * @param samples             posterior draws inside the prior box (count 0 unless asked for)
 * @param timings             where the time went
 * @param redshiftSource      {@link RedshiftSource#SPECTROSCOPIC} when a given redshift conditioned
 *                            the posterior (redshift's summary is then that value, width 0)
 * @param misfit              how unlike the model's simulated galaxies the photometry is, or null
 *                            when the bundle has no misfit model
 */
public record PosteriorResult(
        String modelName,
        String modelVersion,
        boolean fixture,
        List<ParameterSummary> parameters,
        BandUsage bands,
        double massOutsidePriorBox,
        PosteriorSamples samples,
        StageTimings timings,
        RedshiftSource redshiftSource,
        MisfitResult misfit) {

    public PosteriorResult {
        parameters = List.copyOf(parameters);
        if (redshiftSource == null) {
            throw new IllegalArgumentException("redshiftSource must be given");
        }
    }

    /** The summary of a parameter by name. */
    public ParameterSummary parameter(String name) {
        for (ParameterSummary p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter named " + name + " in model " + modelName + " " + modelVersion);
    }

    /**
     * Nanoseconds spent per stage of one estimate.
     *
     * @param encodeNanos    feature encoding
     * @param inferNanos     ONNX Runtime, all members
     * @param summariseNanos mixture construction, marginal summaries and sampling
     */
    public record StageTimings(long encodeNanos, long inferNanos, long summariseNanos) {
        public long totalNanos() {
            return encodeNanos + inferNanos + summariseNanos;
        }
    }
}
