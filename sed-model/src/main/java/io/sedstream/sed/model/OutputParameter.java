package io.sedstream.sed.model;

import java.util.Arrays;
import java.util.List;

/**
 * THE table of the 12 output parameters every model reports (the cross-module contract), one row
 * each, in library order ({@link #index()}): the name as libraries, bundle manifests and the
 * {@code PosteriorSummary} wire records carry it, its unit, and whether training models it through
 * the logit of its place in the prior box by default (parameters whose prior has hard walls that
 * posteriors reach; see trainer/README.md). Its prior box is the model file's (prior parameters) or
 * the training library's range (derived ones), recorded per bundle in the manifest.
 * {@link ParameterNames#OUTPUTS} and {@link ParameterNames#OUTPUT_UNITS} are views of this table.
 */
public enum OutputParameter {
    REDSHIFT(ParameterNames.REDSHIFT, "dimensionless", false),
    LOG10_FORMED_MASS(ParameterNames.LOG10_FORMED_MASS, "log10 Msun", false),
    LOG10_SURVIVING_MASS(ParameterNames.LOG10_SURVIVING_MASS, "log10 Msun", false),
    LOG10_METALLICITY(ParameterNames.LOG10_METALLICITY, "log10 (absolute Z)", true),
    LOG10_AV(ParameterNames.LOG10_AV, "log10 mag", true),
    LOG10_SFR_100MYR(ParameterNames.LOG10_SFR_100MYR, "log10 Msun/yr", false),
    LOG10_SFR_10MYR(ParameterNames.LOG10_SFR_10MYR, "log10 Msun/yr", false),
    T25(ParameterNames.T25, "fraction of the age of the Universe at z", true),
    T50(ParameterNames.T50, "fraction of the age of the Universe at z", true),
    T75(ParameterNames.T75, "fraction of the age of the Universe at z", true),
    LOG10_MASS_WEIGHTED_AGE(ParameterNames.LOG10_MASS_WEIGHTED_AGE, "log10 yr", false),
    BETA_UV(ParameterNames.BETA_UV, "dimensionless", false);

    private static final List<OutputParameter> ALL = List.of(values());

    private final String wireName;
    private final String unit;
    private final boolean logitByDefault;

    OutputParameter(String wireName, String unit, boolean logitByDefault) {
        this.wireName = wireName;
        this.unit = unit;
        this.logitByDefault = logitByDefault;
    }

    /** The name in libraries, manifests and wire records. */
    public String wireName() {
        return wireName;
    }

    public String unit() {
        return unit;
    }

    /** Position in the library's parameter vector (and in {@code ForwardModel.simulate}'s outputs). */
    public int index() {
        return ordinal();
    }

    /** Whether {@code --logit-parameters default} transforms it (when the library bounds it). */
    public boolean logitByDefault() {
        return logitByDefault;
    }

    /** All 12, in library order. */
    public static List<OutputParameter> all() {
        return ALL;
    }

    /** The output of that name, or an exception listing the names. */
    public static OutputParameter byName(String name) {
        for (OutputParameter p : ALL) {
            if (p.wireName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown output parameter '" + name + "' (known: " + names() + ")");
    }

    /** The names in library order. */
    public static List<String> names() {
        return ALL.stream().map(OutputParameter::wireName).toList();
    }

    /** The units in library order. */
    public static List<String> units() {
        return ALL.stream().map(OutputParameter::unit).toList();
    }

    /** The names {@code --logit-parameters default} takes, in library order. */
    public static List<String> logitByDefaultNames() {
        return Arrays.stream(values()).filter(OutputParameter::logitByDefault).map(OutputParameter::wireName).toList();
    }
}
