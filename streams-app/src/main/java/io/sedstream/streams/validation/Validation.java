package io.sedstream.streams.validation;

import io.sedstream.schemas.DeadLetterReason;
import io.sedstream.schemas.PhotometryRecord;
import java.util.List;
import java.util.Map;

/** The outcome of validating one photometry record: either usable, or a reason to dead-letter it. */
public sealed interface Validation {

    /**
     * A record the model can use.
     *
     * @param fluxNJyByBand    model bands observed in the input (non-null flux): band name to flux in nJy
     * @param fluxErrNJyByBand the same bands' 1-sigma errors in nJy
     * @param unknownBands input bands the model does not know (ignored, counted)
     */
    record Valid(PhotometryRecord record, Map<String, Double> fluxNJyByBand, Map<String, Double> fluxErrNJyByBand,
                 List<String> unknownBands) implements Validation {
        public Valid {
            fluxNJyByBand = Map.copyOf(fluxNJyByBand);
            fluxErrNJyByBand = Map.copyOf(fluxErrNJyByBand);
            unknownBands = List.copyOf(unknownBands);
        }
    }

    /** A record that cannot be used, with the reason code and a description naming the field or band. */
    record Invalid(DeadLetterReason reason, String description) implements Validation { }
}
