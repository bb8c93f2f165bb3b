package io.sedstream.streams.validation;

import io.sedstream.schemas.DeadLetterReason;
import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.PhotometryRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a decoded {@link PhotometryRecord} against the model's band set before any inference.
 * Stateless and thread-safe. Checks run from cheapest to dearest, and the first failure wins.
 */
public final class PhotometryValidator {

    private final Set<String> modelBands;
    private final int maxMeasurements;
    private final double maxAbsFluxNJy;

    /**
     * @param modelBands      the bands the model knows, by name
     * @param maxMeasurements more measurements than this is refused (guards against pathological records)
     * @param maxAbsFluxNJy   |flux| or error beyond this is physically absurd (1e12 nJy is AB mag ~1.4)
     */
    public PhotometryValidator(List<String> modelBands, int maxMeasurements, double maxAbsFluxNJy) {
        this.modelBands = Set.copyOf(modelBands);
        this.maxMeasurements = maxMeasurements;
        this.maxAbsFluxNJy = maxAbsFluxNJy;
    }

    public Validation validate(PhotometryRecord r) {
        if (r.getObjectId() == null || r.getObjectId().isBlank()) {
            return invalid(DeadLetterReason.MISSING_OBJECT_ID, "objectId is missing or blank");
        }
        List<Measurement> ms = r.getMeasurements();
        if (ms.size() > maxMeasurements) {
            return invalid(DeadLetterReason.TOO_MANY_MEASUREMENTS,
                    "record has " + ms.size() + " measurements; at most " + maxMeasurements + " are accepted (validation.max.measurements)");
        }
        Set<String> seen = new HashSet<>();
        Map<String, Double> flux = new HashMap<>();
        Map<String, Double> err = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        boolean anyKnownObserved = false;
        for (Measurement m : ms) {
            String band = m.getBand();
            if (!seen.add(band)) {
                return invalid(DeadLetterReason.DUPLICATE_BAND, "band '" + band + "' appears more than once");
            }
            Double f = m.getFluxNJy();
            Double e = m.getFluxErrNJy();
            if ((f != null && !Double.isFinite(f)) || (e != null && !Double.isFinite(e))) {
                return invalid(DeadLetterReason.NON_FINITE_VALUE,
                        "band '" + band + "' has a non-finite value (fluxNJy=" + f + ", fluxErrNJy=" + e + ")");
            }
            if (f != null && e == null) {
                return invalid(DeadLetterReason.FLUX_WITHOUT_ERROR, "band '" + band + "' has fluxNJy=" + f + " but no fluxErrNJy");
            }
            if (e != null && e <= 0) {
                return invalid(DeadLetterReason.NON_POSITIVE_ERROR, "band '" + band + "' has fluxErrNJy=" + e + " (must be > 0)");
            }
            if ((f != null && Math.abs(f) > maxAbsFluxNJy) || (e != null && e > maxAbsFluxNJy)) {
                return invalid(DeadLetterReason.ABSURD_FLUX, "band '" + band + "' has |fluxNJy|=" + f + " or fluxErrNJy=" + e
                        + " beyond " + maxAbsFluxNJy + " nJy (validation.max.abs.flux.njy)");
            }
            if (!modelBands.contains(band)) {
                unknown.add(band);
                continue;
            }
            if (f != null) {
                flux.put(band, f);
                err.put(band, e);
                anyKnownObserved = true;
            }
        }
        if (!anyKnownObserved) {
            boolean anyKnownListed = ms.stream().anyMatch(m -> modelBands.contains(m.getBand()));
            if (!unknown.isEmpty() && !anyKnownListed) {
                return invalid(DeadLetterReason.NO_KNOWN_BAND, "none of the " + unknown.size()
                        + " bands is known to the model (e.g. '" + unknown.get(0) + "')");
            }
            return invalid(DeadLetterReason.ALL_BANDS_MISSING, "no band the model knows has a flux (" + ms.size() + " measurements listed)");
        }
        return new Validation.Valid(r, flux, err, unknown);
    }

    private static Validation invalid(DeadLetterReason reason, String description) {
        return new Validation.Invalid(reason, description);
    }
}
