package io.sedstream.inference.posterior;

/**
 * Exact summary of one parameter's marginal posterior, truncated to the parameter's prior
 * interval, in physical units. Percentile fields are named by level: p2_5 is the 2.5th percentile.
 *
 * @param massOutsidePrior marginal posterior mass outside [lower, upper] before truncation
 */
public record ParameterSummary(
        String name,
        String unit,
        double mean,
        double std,
        double median,
        double p2_5,
        double p16,
        double p84,
        double p97_5,
        double mode,
        double massOutsidePrior) {
}
