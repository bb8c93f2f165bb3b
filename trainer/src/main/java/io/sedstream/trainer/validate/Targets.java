package io.sedstream.trainer.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The acceptance targets of the trainer issue (point 5), evaluated on the held-out set with all
 * bands and the report's S/N selection (F444W S/N >= 5 for JADES), and per masking scenario. A target
 * measured on no galaxies, or measured as NaN, is never met.
 */
public final class Targets {

    public static final double MASS_R2_MIN = 0.99;
    public static final double REDSHIFT_NMAD_MAX = 0.02;
    public static final double REDSHIFT_OUTLIER_MAX = 0.02;
    public static final double COVERAGE_TOLERANCE = 0.03;
    public static final double TARP_ECP50_MAX = 0.02;
    public static final double SCENARIO_COVERAGE_TOLERANCE = 0.05;

    private Targets() {
    }

    /**
     * One target: what was asked, what was measured, and whether it is met. A target on a masking
     * scenario the filter set cannot have is not applicable, and never met.
     */
    public record Check(String target, String measured, boolean met, boolean applicable) {
        public Check {
            if (met && !applicable) {
                throw new IllegalArgumentException("a target that does not apply cannot be met: " + target);
            }
        }

        public Check(String target, String measured, boolean met) {
            this(target, measured, met, true);
        }

        static Check notApplicable(String target, String why) {
            return new Check(target, why, false, false);
        }

        /** "MET", "NOT" or "N/A". */
        public String verdict() {
            return !applicable ? "N/A" : met ? "MET" : "NOT";
        }
    }

    /**
     * @param byScenario   the headline subset of every scenario that ran
     * @param inapplicable the scenarios that did not run on this filter set, with the reason
     */
    static List<Check> evaluate(SubsetMetrics allBands, Map<MaskScenario, SubsetMetrics> byScenario,
                                Map<MaskScenario, String> inapplicable) {
        List<Check> checks = new ArrayList<>();
        for (String mass : List.of("log10_surviving_mass", "log10_formed_mass")) {
            SubsetMetrics.ParameterMetrics m = allBands.parameters().get(mass);
            if (m != null) {
                checks.add(new Check("R^2(" + mass + ") >= " + MASS_R2_MIN, fmt(m.point().r2()), m.point().r2() >= MASS_R2_MIN));
            }
        }
        if (allBands.redshift() != null) {
            checks.add(new Check("redshift NMAD <= " + REDSHIFT_NMAD_MAX, fmt(allBands.redshift().nmad()),
                    allBands.redshift().nmad() <= REDSHIFT_NMAD_MAX));
            checks.add(new Check("redshift outlier fraction <= " + REDSHIFT_OUTLIER_MAX, fmt(allBands.redshift().outlierFraction()),
                    allBands.redshift().outlierFraction() <= REDSHIFT_OUTLIER_MAX));
        }
        checks.add(coverageCheck("every parameter's 68%/95% coverage within +-" + COVERAGE_TOLERANCE + " (all bands)",
                allBands, COVERAGE_TOLERANCE));
        checks.add(new Check("TARP |ECP(0.5) - 0.5| <= " + TARP_ECP50_MAX, fmt(allBands.tarpEcp50Error()),
                allBands.tarpEcp50Error() <= TARP_ECP50_MAX));
        for (MaskScenario s : MaskScenario.values()) {
            String target = "coverage within +-" + SCENARIO_COVERAGE_TOLERANCE + " (" + s.label() + ")";
            if (inapplicable.containsKey(s)) {
                checks.add(Check.notApplicable(target, inapplicable.get(s)));
            } else if (byScenario.containsKey(s)) {
                checks.add(coverageCheck(target, byScenario.get(s), SCENARIO_COVERAGE_TOLERANCE));
            }
        }
        return checks;
    }

    private static Check coverageCheck(String target, SubsetMetrics s, double tolerance) {
        if (s.count() == 0) {
            return new Check(target, "no galaxies in the selection", false);
        }
        double worst = 0;
        String worstAt = "";
        for (Map.Entry<String, SubsetMetrics.ParameterMetrics> e : s.parameters().entrySet()) {
            double d68 = e.getValue().coverage68() - 0.68;
            double d95 = e.getValue().coverage95() - 0.95;
            if (!Double.isFinite(d68) || !Double.isFinite(d95)) {
                return new Check(target, "coverage of " + e.getKey() + " is not a number", false);
            }
            if (Math.abs(d68) > Math.abs(worst)) {
                worst = d68;
                worstAt = e.getKey() + " 68%";
            }
            if (Math.abs(d95) > Math.abs(worst)) {
                worst = d95;
                worstAt = e.getKey() + " 95%";
            }
        }
        return new Check(target, String.format(Locale.ROOT, "worst %+.3f (%s)", worst, worstAt), Math.abs(worst) <= tolerance);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
