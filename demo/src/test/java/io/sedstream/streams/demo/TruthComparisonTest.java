package io.sedstream.streams.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.ParameterSummary;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.QualityFlags;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.sed.model.ParameterNames;
import io.sedstream.streams.catalogue.SimulatedGalaxies;
import io.sedstream.streams.estimation.ModelIdentity;
import io.sedstream.streams.json.JsonLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's forward-model galaxies and its truth-vs-posterior bookkeeping, on the real forward model. */
class TruthComparisonTest {

    private static final AvroCodec<PosteriorSummary> CODEC = new AvroCodec<>(PosteriorSummary.class, SchemaStore.builtIn());
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static SimulatedGalaxies galaxies;

    @BeforeAll
    static void loadForwardModel() {
        galaxies = SimulatedGalaxies.defaultModel(3);
    }

    @Test
    void simulatedGalaxiesAreSeededAndKeepTheirTruthsOffTheWire() {
        PhotometryRecord a = galaxies.galaxy(17, T0);
        double[] truth = galaxies.takeTruth(a.getObjectId());
        assertEquals(ParameterNames.OUTPUTS.size(), truth.length);
        for (double t : truth) {
            assertTrue(Double.isFinite(t));
        }
        assertNull(galaxies.takeTruth(a.getObjectId()), "a truth is handed out once");
        PhotometryRecord again = galaxies.galaxy(17, T0);
        assertEquals(a, again, "same index, same galaxy");
        assertArrayEquals(truth, galaxies.takeTruth(again.getObjectId()));
        assertEquals(FixtureBundleWriter.JADES_GS_14, a.getMeasurements().stream().map(Measurement::getBand).toList());
        int noAcs = 0;
        for (int i = 0; i < 300; i++) {
            PhotometryRecord g = galaxies.galaxy(i, T0);
            galaxies.takeTruth(g.getObjectId());
            if (g.getMeasurements().get(0).getFluxNJy() == null) {
                noAcs++;
                assertTrue(g.getMeasurements().subList(0, 5).stream().allMatch(m -> m.getFluxNJy() == null), "all five ACS bands");
            } else {
                assertTrue(g.getMeasurements().stream().allMatch(m -> m.getFluxErrNJy() > 0));
            }
        }
        assertTrue(noAcs > 10 && noAcs < 60, "about a tenth without HST/ACS, got " + noAcs);
    }

    /** A summary whose [p16, p84] holds the truth for the parameters in {@code covered}, and misses it for the others. */
    private static byte[] summary(String id, List<String> names, double[] truthByName, List<String> covered) {
        List<ParameterSummary> ps = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            double t = truthByName[i];
            double centre = covered.contains(names.get(i)) ? t : t + 10;
            ps.add(ParameterSummary.newBuilder().setName(names.get(i)).setUnit("u").setMean(centre).setStd(1).setMedian(centre)
                    .setP25(centre - 2).setP16(centre - 1).setP84(centre + 1).setP975(centre + 2).setMode(centre).build());
        }
        return CODEC.encode(PosteriorSummary.newBuilder().setObjectId(id).setSurvey("s").setModelName("m").setModelVersion("v")
                .setModelFixture(false).setParameters(ps).setBandsUsed(List.of()).setBandsMasked(List.of())
                .setQuality(QualityFlags.newBuilder().setBandsDetected(0).setDetectedBands(List.of()).setMassOutsidePriorBox(0)
                        .setUnknownBandsIgnored(List.of()).setFixtureModel(false).setSpecZ(null).build())
                .setInputTopic("t").setInputPartition(0).setInputOffset(0).setInputTimestamp(T0).setProcessedAt(T0)
                .setProcessingLatencyMicros(1).setSamples(List.of()).build());
    }

    @Test
    void coverageCountsTruthsInsideTheSixtyEightPercentIntervalAndSkipsUnknownNames() {
        // A model with three forward-model outputs (in its own order) and one parameter the forward model does not know.
        List<String> names = List.of(ParameterNames.LOG10_SURVIVING_MASS, "made_up_parameter", ParameterNames.REDSHIFT,
                ParameterNames.LOG10_AV);
        ModelIdentity model = new ModelIdentity("m", "v", false, FixtureBundleWriter.JADES_GS_14, names);
        TruthComparison c = new TruthComparison(galaxies, model);
        assertEquals(List.of("made_up_parameter"), c.skippedParameters());
        for (int i = 0; i < 10; i++) {
            PhotometryRecord g = galaxies.galaxy(1000 + i, T0);
            double[] truth = galaxies.takeTruth(g.getObjectId());
            galaxies.galaxy(1000 + i, T0); // simulate again: the comparison takes the truth itself
            double[] byName = new double[names.size()];
            for (int k = 0; k < names.size(); k++) {
                int t = ParameterNames.OUTPUTS.indexOf(names.get(k));
                byName[k] = t < 0 ? 0 : truth[t];
            }
            // Redshift always covered, mass in 3 of 10, A_V never.
            List<String> covered = i < 3 ? List.of(ParameterNames.REDSHIFT, ParameterNames.LOG10_SURVIVING_MASS)
                    : List.of(ParameterNames.REDSHIFT);
            c.posterior(g.getObjectId().getBytes(), summary(g.getObjectId(), names, byName, covered));
        }
        Map<String, Double> cov = c.coverage68();
        assertEquals(List.of(ParameterNames.LOG10_SURVIVING_MASS, ParameterNames.REDSHIFT, ParameterNames.LOG10_AV),
                List.copyOf(cov.keySet()));
        assertEquals(0.3, cov.get(ParameterNames.LOG10_SURVIVING_MASS), 1e-12);
        assertEquals(1.0, cov.get(ParameterNames.REDSHIFT), 1e-12);
        assertEquals(0.0, cov.get(ParameterNames.LOG10_AV), 1e-12);
        assertEquals(0, c.unknownObjects());
        ObjectNode json = JsonLine.object();
        c.jsonFields(json);
        assertEquals(JsonLine.readAvroText("{\"coverage68\": {\"log10_surviving_mass\": 0.3, \"redshift\": 1.0, \"log10_av\": 0.0},"
                + " \"coverage68_galaxies\": 10, \"coverage68_skipped\": [\"made_up_parameter\"]}"), JsonLine.readAvroText(JsonLine.write(json)));
        assertEquals(List.of("log10_surviving_mass", "redshift", "log10_av"), iterableToList(json.get("coverage68").fieldNames()));
        assertTrue(!json.has("coverage68_note"), "a trained model's coverage carries no fixture note");
        assertTrue(c.progressLines().stream().anyMatch(l -> l.contains("running 68% coverage (n=10")), c.progressLines().toString());
    }

    @Test
    void aFixtureModelsCoverageIsLabelledMeaningless() {
        ModelIdentity fixture = new ModelIdentity("f", "0", true, FixtureBundleWriter.JADES_GS_14, ParameterNames.OUTPUTS);
        TruthComparison c = new TruthComparison(galaxies, fixture);
        ObjectNode json = JsonLine.object();
        c.jsonFields(json);
        assertEquals("FIXTURE model: untrained seeded weights, coverage is meaningless", json.path("coverage68_note").asText());
        assertTrue(c.skippedParameters().isEmpty());
    }

    private static List<String> iterableToList(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
