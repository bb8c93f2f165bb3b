package io.sedstream.sed.model;

/**
 * One parameter of a model: name, unit, and whether the prior samples it ({@code free}) or the forward
 * model derives it. Free parameters carry their prior bounds; derived ones have NaN bounds.
 */
public record ParameterSpec(String name, String unit, boolean free, double lower, double upper) {
}
