package io.sedstream.streams.catalogue;

import io.sedstream.inference.catalogue.CatalogueRow;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.PhotometryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A catalogue row (inference's {@code CatalogueReader}) as the wire's {@link PhotometryRecord}. */
public final class CatalogueRecords {
    private CatalogueRecords() {
    }

    public static PhotometryRecord toRecord(CatalogueRow.Read row, String survey, Instant observedAt) {
        List<Measurement> ms = new ArrayList<>(row.fluxes().size());
        for (BandFlux f : row.fluxes()) {
            ms.add(new Measurement(f.band(), f.fluxNJy(), f.fluxErrNJy()));
        }
        return PhotometryRecord.newBuilder().setObjectId(row.id()).setSurvey(survey).setObservedAt(observedAt)
                .setMeasurements(ms).setSpecZ(row.specZ()).build();
    }
}
