package io.sedstream.trainer.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All metrics of one (scenario, S/N bin) subset of the held-out objects. */
public record SubsetMetrics(int count, Map<String, ParameterMetrics> parameters, PhotoZMetrics redshift,
                            double[] tarpLevels, double[] tarpEcp, double tarpEcp50Error, double meanLogProb) {

    /** Nominal levels at which coverage curves are reported. */
    public static final double[] COVERAGE_LEVELS = Coverage.levels(20);
    /** SBC: posterior draws per object and histogram bins ((draws + 1) / bins ranks per bin). */
    public static final int SBC_DRAWS = 99;
    public static final int SBC_BINS = 20;

    /** Metrics of one parameter. */
    public record ParameterMetrics(PointMetrics point, double coverage68, double coverage95, double[] coverageCurve,
                                   long[] sbcHistogram, Sbc.UniformityTest sbcTest) {
    }

    static SubsetMetrics of(ObjectResults r, List<String> parameterNames, int redshiftIndex) {
        Map<String, ParameterMetrics> parameters = new LinkedHashMap<>();
        for (int d = 0; d < parameterNames.size(); d++) {
            PointMetrics point = PointMetrics.of(r.median()[d], r.truth()[d], r.count());
            long[] hist = Sbc.histogram(r.rank()[d], r.count(), SBC_DRAWS, SBC_BINS);
            parameters.put(parameterNames.get(d), new ParameterMetrics(point,
                    Coverage.at(r.centralLevel()[d], r.count(), 0.68),
                    Coverage.at(r.centralLevel()[d], r.count(), 0.95),
                    Coverage.curve(r.centralLevel()[d], r.count(), COVERAGE_LEVELS),
                    hist, Sbc.uniformity(hist)));
        }
        PhotoZMetrics photoZ = redshiftIndex >= 0
                ? PhotoZMetrics.of(r.median()[redshiftIndex], r.truth()[redshiftIndex], r.count()) : null;
        double[] levels = Coverage.levels(50);
        double[] ecp = Tarp.expectedCoverage(r.tarpFraction(), r.count(), levels);
        double sumLogP = 0;
        for (int i = 0; i < r.count(); i++) {
            sumLogP += r.logProbTruth()[i];
        }
        return new SubsetMetrics(r.count(), parameters, photoZ, levels, ecp, Tarp.ecp50Error(r.tarpFraction(), r.count()),
                r.count() == 0 ? Double.NaN : sumLogP / r.count());
    }
}
