package io.sedstream.sed.model;

import java.util.List;

/**
 * Names of the output parameters every model reports (their table, with units and order, is
 * {@link OutputParameter}) and of the free prior parameters that are not outputs.
 */
public final class ParameterNames {
    private ParameterNames() {
    }

    public static final String REDSHIFT = "redshift";
    public static final String LOG10_FORMED_MASS = "log10_formed_mass";
    public static final String LOG10_SURVIVING_MASS = "log10_surviving_mass";
    public static final String LOG10_METALLICITY = "log10_metallicity";
    public static final String LOG10_AV = "log10_av";
    public static final String LOG10_SFR_100MYR = "log10_sfr_100myr";
    public static final String LOG10_SFR_10MYR = "log10_sfr_10myr";
    public static final String T25 = "t25";
    public static final String T50 = "t50";
    public static final String T75 = "t75";
    public static final String LOG10_MASS_WEIGHTED_AGE = "log10_mass_weighted_age";
    public static final String BETA_UV = "beta_uv";

    /** Free-parameter names used by priors (not all are outputs). */
    public static final String LOG10_SSFR = "log10_ssfr";
    public static final String LOG10_TAU = "log10_tau_yr";
    public static final String AGE_FRACTION = "age_fraction";

    /** The 12 output parameters, in library order (a view of {@link OutputParameter}). */
    public static final List<String> OUTPUTS = OutputParameter.names();

    /** Units of the 12 outputs, same order (a view of {@link OutputParameter}). */
    public static final List<String> OUTPUT_UNITS = OutputParameter.units();

    /** Unit of a parameter name (outputs and prior parameters). */
    public static String unitOf(String name) {
        int i = OUTPUTS.indexOf(name);
        if (i >= 0) {
            return OUTPUT_UNITS.get(i);
        }
        return switch (name) {
            case LOG10_SSFR -> "log10 1/yr";
            case LOG10_TAU -> "log10 yr";
            case AGE_FRACTION -> "fraction of the age of the Universe at z";
            default -> throw new IllegalArgumentException("unknown parameter name " + name);
        };
    }
}
