package io.sedstream.streams.catalogue;

import io.sedstream.schemas.ParameterSummary;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.QualityFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link PosteriorSummary} as one row of columns: the table form of exactly what the stream sends (new
 * summary or quality fields get their column here, and only here). Lists are joined with ';'.
 */
public final class SummaryColumns {

    /** Per parameter, in this order, suffixed to the parameter name. */
    public static final List<String> PER_PARAMETER = List.of("mean", "std", "p2_5", "p16", "p50", "p84", "p97_5", "mode");
    private static final List<String> LEADING = List.of("id", "row", "status", "reason", "model");
    private static final List<String> TRAILING = List.of("bands_used", "bands_masked", "bands_detected", "detected_bands",
            "mass_outside_prior_box", "unknown_bands_ignored", "fixture_model", "spec_z", "redshift_source", "misfit_p_value", "quality_flags");

    private SummaryColumns() {
    }

    public static List<String> header(List<String> parameters) {
        List<String> h = new ArrayList<>(LEADING);
        for (String p : parameters) {
            for (String s : PER_PARAMETER) {
                h.add(p + "_" + s);
            }
        }
        h.addAll(TRAILING);
        return h;
    }

    /** A row that got its posterior. */
    public static List<String> of(long row, PosteriorSummary s) {
        List<String> v = new ArrayList<>();
        v.add(s.getObjectId());
        v.add(Long.toString(row));
        v.add("ok");
        v.add("");
        v.add(s.getModelName() + "/" + s.getModelVersion());
        for (ParameterSummary p : s.getParameters()) {
            for (double x : new double[] {p.getMean(), p.getStd(), p.getP25(), p.getP16(), p.getMedian(), p.getP84(), p.getP975(),
                    p.getMode()}) {
                v.add(number(x));
            }
        }
        QualityFlags q = s.getQuality();
        v.add(String.join(";", s.getBandsUsed()));
        v.add(String.join(";", s.getBandsMasked()));
        v.add(Integer.toString(q.getBandsDetected()));
        v.add(String.join(";", q.getDetectedBands()));
        v.add(number(q.getMassOutsidePriorBox()));
        v.add(String.join(";", q.getUnknownBandsIgnored()));
        v.add(Boolean.toString(q.getFixtureModel()));
        v.add(q.getSpecZ() == null ? "" : number(q.getSpecZ()));
        v.add(s.getRedshiftSource().name());
        v.add(q.getMisfitPValue() == null ? "" : number(q.getMisfitPValue()));
        v.add(String.join(";", q.getFlags()));
        return v;
    }

    /** A row that was refused: its id and reason, every summary column empty. */
    public static List<String> refused(long row, String id, String reason, String model, int parameterCount) {
        List<String> v = new ArrayList<>(List.of(id, Long.toString(row), "refused", reason, model));
        for (int i = 0; i < parameterCount * PER_PARAMETER.size() + TRAILING.size(); i++) {
            v.add("");
        }
        return v;
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
