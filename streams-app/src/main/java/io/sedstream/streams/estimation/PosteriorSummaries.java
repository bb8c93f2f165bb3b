package io.sedstream.streams.estimation;

import io.sedstream.inference.QualityFlag;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.QualityFlags;
import io.sedstream.streams.validation.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the one {@link PosteriorSummary} of a record: what the stream sends and what {@code infer} writes. */
public final class PosteriorSummaries {

    /** Where the input came from: a topic partition and offset, or (for {@code infer}) a file and its row. */
    public record Origin(String topic, int partition, long offset, long timestampMs) { }

    private PosteriorSummaries() {
    }

    public static PosteriorSummary of(Validation.Valid valid, Estimate.Posterior p, ModelIdentity model, double detectionSnr,
                                      double misfitPThreshold, Origin origin, long latencyMicros) {
        PhotometryRecord record = valid.record();
        List<String> detected = new ArrayList<>();
        for (String band : p.bandsUsed()) {
            Double f = valid.fluxNJyByBand().get(band);
            Double err = valid.fluxErrNJyByBand().get(band);
            if (f != null && err != null && f / err > detectionSnr) {
                detected.add(band);
            }
        }
        QualityFlags q = QualityFlags.newBuilder()
                .setBandsDetected(detected.size())
                .setDetectedBands(detected)
                .setMassOutsidePriorBox(p.massOutsidePriorBox())
                .setUnknownBandsIgnored(valid.unknownBands())
                .setFixtureModel(model.fixture())
                .setSpecZ(record.getSpecZ())
                .setMisfitPValue(p.misfitPValue())
                .setFlags(QualityFlag.of(p.massOutsidePriorBox(), p.misfitPValue(), misfitPThreshold))
                .build();
        return PosteriorSummary.newBuilder()
                .setObjectId(record.getObjectId())
                .setSurvey(record.getSurvey())
                .setModelName(model.name())
                .setModelVersion(model.version())
                .setModelFixture(model.fixture())
                .setParameters(p.parameters())
                .setBandsUsed(p.bandsUsed())
                .setBandsMasked(p.bandsMasked())
                .setQuality(q)
                .setInputTopic(origin.topic())
                .setInputPartition(origin.partition())
                .setInputOffset(origin.offset())
                .setInputTimestamp(Instant.ofEpochMilli(origin.timestampMs()))
                .setProcessedAt(Instant.now())
                .setProcessingLatencyMicros(Math.max(1, latencyMicros))
                .setSamples(p.samples())
                .setRedshiftSource(p.redshiftSource())
                .build();
    }
}
