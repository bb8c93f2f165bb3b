package io.sedstream.sed.sfh;

import io.sedstream.sed.model.ParameterNames;
import java.util.Arrays;
import java.util.List;

/**
 * The star-formation-history families a model file may name under {@code sfh = ...}: for each, the
 * prior keys a model file must give, the free parameters (by name, in the prior vector) the history
 * is built from, the history itself, and its formation times t25/t50/t75 (output parameters every
 * model reports). A new family is one more constant here plus its {@link StarFormationHistory}.
 */
public enum SfhFamily {
    /**
     * Dense Basis (Iyer &amp; Gawiser 2017; Iyer et al. 2019): sSFR over the last 100 Myr and the
     * times t25, t50, t75 (a Dirichlet prior {@code sfh_quantiles}) at which a quarter, half and
     * three quarters of the mass had formed, which are then its formation-time outputs exactly.
     */
    DENSE_BASIS("dense-basis", List.of(ParameterNames.LOG10_SSFR, "sfh_quantiles"),
            List.of(ParameterNames.LOG10_SSFR, ParameterNames.T25, ParameterNames.T50, ParameterNames.T75)) {
        @Override
        public StarFormationHistory build(double formedMassMsun, double[] free, double ageOfUniverseYr, double[] scratch) {
            double sfr = Math.pow(10.0, free[0]) * formedMassMsun;
            // Dirichlet draws are strictly increasing in exact arithmetic; guard against ties from rounding.
            double prev = 0;
            for (int i = 0; i < 3; i++) {
                double t = Math.min(1 - 1e-9 * (3 - i), Math.max(free[1 + i], prev + 1e-9));
                scratch[i] = t;
                prev = t;
            }
            return new DenseBasisSfh(formedMassMsun, sfr, scratch, ageOfUniverseYr);
        }

        @Override
        public void formationTimeFractions(StarFormationHistory sfh, double ageOfUniverseYr, double[] scratch, double[] out, int offset) {
            System.arraycopy(scratch, 0, out, offset, 3);
        }
    },
    /**
     * Delayed exponential, SFR proportional to t exp(-t / tau) since a start at a fraction of the
     * age of the Universe; its formation times are found on the cumulative history.
     */
    DELAYED_TAU("delayed-tau", List.of(ParameterNames.LOG10_TAU, ParameterNames.AGE_FRACTION),
            List.of(ParameterNames.LOG10_TAU, ParameterNames.AGE_FRACTION)) {
        @Override
        public StarFormationHistory build(double formedMassMsun, double[] free, double ageOfUniverseYr, double[] scratch) {
            double tau = Math.pow(10.0, free[0]);
            double start = Math.max(1e-6, Math.min(1.0, free[1])) * ageOfUniverseYr;
            return new DelayedTauSfh(formedMassMsun, tau, start);
        }
    };

    /** Length of the scratch array {@link #build} and {@link #formationTimeFractions} share. */
    public static final int SCRATCH_LENGTH = 3;

    private final String configName;
    private final List<String> priorKeys;
    private final List<String> freeParameters;

    SfhFamily(String configName, List<String> priorKeys, List<String> freeParameters) {
        this.configName = configName;
        this.priorKeys = priorKeys;
        this.freeParameters = freeParameters;
    }

    /** The name model files use. */
    public String configName() {
        return configName;
    }

    /** The {@code prior.KEY} entries a model file of this family must give (besides the shared ones). */
    public List<String> priorKeys() {
        return priorKeys;
    }

    /** The prior parameters {@link #build} reads, in the order of its {@code free} argument. */
    public List<String> freeParameters() {
        return freeParameters;
    }

    /**
     * The history of one galaxy.
     *
     * @param free    this family's {@link #freeParameters()} values, in that order
     * @param scratch at least {@link #SCRATCH_LENGTH} doubles, kept until {@link #formationTimeFractions}
     */
    public abstract StarFormationHistory build(double formedMassMsun, double[] free, double ageOfUniverseYr, double[] scratch);

    /**
     * t25, t50, t75 (fractions of the age of the Universe at observation) of a history made by
     * {@link #build} with the same scratch, into {@code out[offset .. offset + 3)}. Default: the
     * Dense Basis t_x found on the cumulative history.
     */
    public void formationTimeFractions(StarFormationHistory sfh, double ageOfUniverseYr, double[] scratch, double[] out, int offset) {
        out[offset] = sfh.formationTimeFraction(0.25, ageOfUniverseYr);
        out[offset + 1] = sfh.formationTimeFraction(0.50, ageOfUniverseYr);
        out[offset + 2] = sfh.formationTimeFraction(0.75, ageOfUniverseYr);
    }

    /** The family a model file names, or an exception listing the known names. */
    public static SfhFamily byName(String name) {
        for (SfhFamily f : values()) {
            if (f.configName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("sfh '" + name + "' unknown (known: " + names() + ")");
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(SfhFamily::configName).toList();
    }
}
