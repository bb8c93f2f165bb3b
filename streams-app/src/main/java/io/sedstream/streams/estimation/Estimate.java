package io.sedstream.streams.estimation;

import io.sedstream.schemas.ParameterSummary;
import io.sedstream.schemas.RedshiftSource;
import java.util.List;

/** The estimator's answer for one record. */
public sealed interface Estimate {

    /**
     * @param parameters          marginal summaries in the model's parameter order
     * @param bandsUsed           model bands that entered the features
     * @param bandsMasked         model bands masked as missing
     * @param massOutsidePriorBox largest marginal posterior mass outside the prior box over the parameters (0..1)
     * @param samples             posterior draws, each in parameter order (empty unless asked for)
     * @param redshiftSource      spectroscopic when the record's specZ conditioned the posterior
     * @param misfitPValue        the bundle's misfit p-value of the photometry, or null without a misfit model
     */
    record Posterior(List<ParameterSummary> parameters, List<String> bandsUsed, List<String> bandsMasked,
                     double massOutsidePriorBox, List<List<Double>> samples, RedshiftSource redshiftSource,
                     Double misfitPValue) implements Estimate {
        public Posterior {
            if (redshiftSource == null) {
                throw new IllegalArgumentException("redshiftSource must be given");
            }
        }
    }

    /** The model refused this one record (the rest of the batch is unaffected). */
    record Failed(String description, Throwable cause) implements Estimate { }
}
