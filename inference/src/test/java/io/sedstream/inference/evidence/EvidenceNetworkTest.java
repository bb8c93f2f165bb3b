package io.sedstream.inference.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.Estimator;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.MemberSpec;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.bundle.ModelBundleWriter;
import io.sedstream.inference.bundle.Provenance;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.features.InvalidPhotometryException;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.DenseLayer;
import io.sedstream.inference.onnx.MlpWeights;
import io.sedstream.inference.onnx.OnnxMlpWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence bundles: writing, loading, refusals, ONNX Runtime against plain Java, masking, probabilities. */
class EvidenceNetworkTest {
    @TempDir
    static Path shared;
    static Path fixture;
    static Path npeFixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeFixtures() throws IOException {
        fixture = shared.resolve("evidence");
        FixtureBundleWriter.writeEvidence(fixture);
        npeFixture = shared.resolve("npe");
        FixtureBundleWriter.write(npeFixture, FixtureBundleWriter.Options.defaults().withSize(16, 1, 3));
    }

    /** A plausible random record: faint fluxes with errors, some bands masked (null) and some absent, shuffled. */
    private static List<BandFlux> randomRecord(SplittableRandom r, List<String> bands) {
        List<BandFlux> record = new ArrayList<>();
        for (String band : bands) {
            double u = r.nextDouble();
            if (u < 0.15) {
                record.add(BandFlux.missing(band));
            } else if (u < 0.25) {
                continue; // absent altogether: masked as well
            } else {
                double err = 2 + 8 * r.nextDouble();
                record.add(BandFlux.observed(band, err * (r.nextGaussian() + 20 * r.nextDouble()), err));
            }
        }
        if (record.stream().allMatch(BandFlux::isMissing)) {
            record.add(BandFlux.observed(bands.get(bands.size() - 1), 50, 3));
        }
        Collections.shuffle(record, new java.util.Random(r.nextLong()));
        return record;
    }

    private static MlpWeights randomMlp(SplittableRandom r, int... sizes) {
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            layers.add(DenseLayer.gaussian(r, sizes[l], sizes[l + 1], 1.0 / Math.sqrt(sizes[l]), 0.3));
        }
        return new MlpWeights(layers, Activation.SILU);
    }

    private static Manifest manifestWith(Manifest base, List<MemberSpec> members) {
        return Manifest.evidence(base.formatVersion(), base.name(), base.version(), base.description(), base.fixture(),
                base.model1(), base.model2(), base.bands(), base.features(), members, base.provenance());
    }

    @Test
    void fixtureLoadsAndSaysItIsAFixture() {
        try (EvidenceNetwork net = EvidenceNetwork.load(fixture)) {
            Manifest m = net.manifest();
            assertTrue(m.fixture());
            assertTrue(m.description().startsWith("FIXTURE, UNTRAINED"));
            assertTrue(m.label().contains("FIXTURE"));
            assertEquals("default", m.model1Name());
            assertEquals("delayed-tau", m.model2Name());
            assertEquals("delayed-tau", m.model2().forwardModel());
            assertEquals(FixtureBundleWriter.JADES_GS_14, m.bandNames());
            assertEquals(FixtureBundleWriter.defaultBands(), m.bands());
            EvidenceResult r = net.evaluate(List.of(BandFlux.observed("jwst.nircam.f444w", 40, 4)));
            assertEquals(r.lnBayesFactor() / Math.log(10), r.log10BayesFactor(), 1e-15);
            assertEquals(List.of("jwst.nircam.f444w"), r.bandsUsed());
            assertEquals(13, r.bandsMasked().size());
        }
    }

    @Test
    void onnxRuntimeEqualsPlainJavaForwardPassOfTheEnsemble() throws IOException {
        Manifest base;
        try (EvidenceNetwork net = EvidenceNetwork.load(fixture)) {
            base = net.manifest();
        }
        SplittableRandom r = new SplittableRandom(11);
        int f = base.featureCount();
        Map<String, MlpWeights> nets = new LinkedHashMap<>();
        List<MemberSpec> members = new ArrayList<>();
        double[] weights = {0.2, 0.3, 0.5};
        for (int m = 0; m < weights.length; m++) {
            nets.put("member-" + m + ".onnx", randomMlp(r, f, 48, 32, 1));
            members.add(new MemberSpec("member-" + m + ".onnx", weights[m], m));
        }
        Path bundle = dir.resolve("three");
        ModelBundleWriter.writeNetworks(bundle, manifestWith(base, members), nets);
        FeatureEncoder encoder = new FeatureEncoder(base.bands(), base.features());
        List<List<BandFlux>> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(randomRecord(r, base.bandNames()));
        }
        try (EvidenceNetwork net = EvidenceNetwork.load(bundle)) {
            List<EvidenceOutcome> outcomes = net.evaluateBatch(batch);
            double worst = 0;
            for (int i = 0; i < batch.size(); i++) {
                float[] x = new float[f];
                encoder.encode(batch.get(i), null, x, 0);
                double expected = 0;
                for (int m = 0; m < weights.length; m++) {
                    expected += weights[m] * nets.get("member-" + m + ".onnx").forward(x)[0];
                }
                double single = net.evaluate(batch.get(i)).lnBayesFactor();
                double batched = outcomes.get(i).result().lnBayesFactor();
                worst = Math.max(worst, Math.max(Math.abs(single - expected), Math.abs(batched - expected)) / Math.max(1, Math.abs(expected)));
            }
            assertTrue(worst < 1e-5, "ONNX Runtime vs plain Java: worst relative difference " + worst);
        }
    }

    @Test
    void missingBandsAreEncodedExactlyAsForTheNpe() {
        SplittableRandom r = new SplittableRandom(5);
        try (EvidenceNetwork net = EvidenceNetwork.load(fixture); Estimator npe = Estimator.load(npeFixture)) {
            FeatureEncoder npeEncoder = npe.bundle().encoder();
            int n = net.manifest().bands().size();
            for (int i = 0; i < 100; i++) {
                List<BandFlux> record = randomRecord(r, net.manifest().bandNames());
                float[] ours = new float[net.encoder().featureCount()];
                float[] theirs = new float[npeEncoder.featureCount()];
                net.encoder().encode(record, null, ours, 0);
                npeEncoder.encode(record, null, theirs, 0);
                // Same bands and standardisation in both fixtures, so the one encoder must give identical rows.
                assertEquals(java.util.Arrays.toString(theirs), java.util.Arrays.toString(ours));
                EvidenceResult result = net.evaluate(record);
                PosteriorResult posterior = npe.estimate(record);
                assertEquals(posterior.bands().used(), result.bandsUsed());
                assertEquals(posterior.bands().masked(), result.bandsMasked());
                for (String masked : result.bandsMasked()) {
                    int b = net.encoder().bandIndex(masked);
                    assertEquals(0f, ours[FeatureEncoder.magnitudeIndex(b)]);
                    assertEquals(0f, ours[FeatureEncoder.errorIndex(n, b)]);
                    assertEquals(1f, ours[FeatureEncoder.flagIndex(n, b)]);
                }
                // A band given as missing and a band left out are the same thing.
                List<BandFlux> withoutNulls = record.stream().filter(m -> !m.isMissing()).toList();
                assertEquals(result.lnBayesFactor(), net.evaluate(withoutNulls).lnBayesFactor(), 0.0);
            }
        }
    }

    @Test
    void batchReportsRefusalsInPlaceAndTheRestGoOn() {
        try (EvidenceNetwork net = EvidenceNetwork.load(fixture)) {
            List<BandFlux> good = List.of(BandFlux.observed("jwst.nircam.f444w", 40, 4), BandFlux.observed("jwst.nircam.f200w", 30, 3));
            List<BandFlux> noError = List.of(new BandFlux("jwst.nircam.f444w", 40.0, null));
            List<BandFlux> allMissing = List.of(BandFlux.missing("jwst.nircam.f444w"));
            List<EvidenceOutcome> out = net.evaluateBatch(List.of(good, noError, good, allMissing));
            assertEquals(4, out.size());
            assertTrue(out.get(0).ok());
            assertFalse(out.get(1).ok());
            assertEquals(InvalidPhotometryException.Reason.FLUX_WITHOUT_ERROR, out.get(1).refusal().reason());
            assertEquals(out.get(0).result().lnBayesFactor(), out.get(2).result().lnBayesFactor(), 1e-6);
            assertEquals(InvalidPhotometryException.Reason.NO_OBSERVED_BAND, out.get(3).refusal().reason());
            assertEquals(net.evaluate(good).lnBayesFactor(), out.get(0).result().lnBayesFactor(), 1e-5);
            assertTrue(net.evaluateBatch(List.of()).isEmpty());
            assertThrows(InvalidPhotometryException.class, () -> net.evaluate(noError));
        }
    }

    @Test
    void probabilityOfModel1IsStableInLogSpace() {
        for (double lnK : new double[] {-1e4, -745, -700, -40, -3, -1e-9, 0, 1e-9, 2.5, 36, 700, 745, 1e4}) {
            EvidenceResult r = EvidenceResult.ofLn(lnK, List.of(), List.of());
            double p = r.probabilityModel1(1.0);
            assertTrue(p >= 0 && p <= 1 && Double.isFinite(p), "P(M1) for ln K " + lnK + " is " + p);
            double q = EvidenceResult.ofLn(-lnK, List.of(), List.of()).probabilityModel1(1.0);
            assertEquals(1.0, p + q, 1e-15, "symmetry at ln K " + lnK);
            if (Math.abs(lnK) < 700) { // where K itself is representable, the textbook formula must agree
                double k = Math.exp(lnK);
                assertEquals(k / (1 + k), p, 1e-15);
                double odds = 3.0;
                assertEquals(k * odds / (1 + k * odds), r.probabilityModel1(odds), 1e-15);
            }
        }
        assertEquals(1.0, EvidenceResult.ofLn(1e4, List.of(), List.of()).probabilityModel1(1e-300));
        assertEquals(0.0, EvidenceResult.ofLn(-1e4, List.of(), List.of()).probabilityModel1(1e300));
        // Deep in the tail (down to the smallest normal double) the small probability keeps its relative precision: P ~ e^{lnK}.
        assertEquals(-700.0, Math.log(EvidenceResult.ofLn(-700, List.of(), List.of()).probabilityModel1(1.0)), 1e-12);
        assertEquals(0.5, EvidenceResult.ofLn(Math.log(4), List.of(), List.of()).probabilityModel1(0.25), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> EvidenceResult.ofLn(0, List.of(), List.of()).probabilityModel1(0));
        assertThrows(IllegalArgumentException.class, () -> EvidenceResult.ofLn(0, List.of(), List.of()).probabilityModel1(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> EvidenceResult.ofLn(Double.NaN, List.of(), List.of()));
    }

    // ---- refusals ----

    private Path copyOf(Path bundle) throws IOException {
        Path copy = dir.resolve("copy-" + bundle.getFileName() + "-" + System.nanoTime());
        Files.createDirectories(copy);
        try (var files = Files.list(bundle)) {
            for (Path p : files.toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        return copy;
    }

    private String refusalAfterEdit(String from, String to) throws IOException {
        Path copy = copyOf(fixture);
        String text = Files.readString(copy.resolve("manifest.json"));
        assertTrue(text.contains(from), "fixture manifest should contain " + from);
        Files.writeString(copy.resolve("manifest.json"), text.replace(from, to));
        return assertThrows(InvalidModelBundleException.class, () -> EvidenceNetwork.load(copy)).getMessage();
    }

    @Test
    void eachLoaderRefusesTheOtherKindWithTheReason() {
        String npeRefused = assertThrows(InvalidModelBundleException.class, () -> EvidenceNetwork.load(npeFixture)).getMessage();
        assertTrue(npeRefused.contains("NPE posterior bundle") && npeRefused.contains("not an evidence network"), npeRefused);
        String evidenceRefused = assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(fixture)).getMessage();
        assertTrue(evidenceRefused.contains("evidence-network") && evidenceRefused.contains("EvidenceNetwork"), evidenceRefused);
        assertThrows(InvalidModelBundleException.class, () -> Estimator.load(fixture));
    }

    @Test
    void badManifestsAreRefusedWithTheReason() throws IOException {
        assertTrue(refusalAfterEdit("\"kind\" : \"evidence-network\"", "\"kind\" : \"posterior-of-doom\"").contains("unknown bundle kind 'posterior-of-doom'"));
        assertTrue(refusalAfterEdit("\"weight\" : 1.0", "\"weight\" : 0.5").contains("member weights sum to 0.5"));
        assertTrue(refusalAfterEdit("\"weight\" : 1.0", "\"weight\" : -1.0").contains("weight must be positive"));
        assertTrue(refusalAfterEdit("\"name\" : \"log_bayes_factor\"", "\"name\" : \"mdn\"").contains("output.name is 'mdn'"));
        assertTrue(refusalAfterEdit("\"width\" : 1", "\"width\" : 2").contains("output.width is 2"));
        assertTrue(refusalAfterEdit("\"redshiftInput\" : false", "\"redshiftInput\" : true").contains("need 43"));
        assertTrue(refusalAfterEdit("\"model2\" : {", "\"modelTwo\" : {").contains("model2 must be a JSON object"));
    }

    @Test
    void filesAndSignaturesAreChecked() throws IOException {
        Path noManifest = copyOf(fixture);
        Files.delete(noManifest.resolve("manifest.json"));
        assertTrue(assertThrows(InvalidModelBundleException.class, () -> EvidenceNetwork.load(noManifest)).getMessage()
                .contains("manifest file missing"));
        Path noMember = copyOf(fixture);
        Files.delete(noMember.resolve("member-0.onnx"));
        assertTrue(assertThrows(InvalidModelBundleException.class, () -> EvidenceNetwork.load(noMember)).getMessage()
                .contains("member file missing: member-0.onnx"));
        Path garbage = copyOf(fixture);
        Files.writeString(garbage.resolve("member-0.onnx"), "not onnx");
        assertTrue(assertThrows(InvalidModelBundleException.class, () -> EvidenceNetwork.load(garbage)).getMessage()
                .contains("not a loadable ONNX model"));
        assertTrue(assertThrows(InvalidModelBundleException.class, () -> EvidenceNetwork.load(dir.resolve("nowhere"))).getMessage()
                .contains("directory not found"));
        SplittableRandom r = new SplittableRandom(1);
        // An NPE-style member (output 'mdn') in an evidence bundle.
        Path wrongOutput = copyOf(fixture);
        Files.write(wrongOutput.resolve("member-0.onnx"), OnnxMlpWriter.toBytes(randomMlp(r, 42, 8, 1), "x", Map.of()));
        String m1 = assertThrows(InvalidModelBundleException.class, () -> EvidenceNetwork.load(wrongOutput)).getMessage();
        assertTrue(m1.contains("expected an output named 'log_bayes_factor'"), m1);
        // Right names, wrong widths.
        Path wrongInput = copyOf(fixture);
        Files.write(wrongInput.resolve("member-0.onnx"),
                OnnxMlpWriter.toBytes(randomMlp(r, 41, 8, 1), "x", Map.of(), "features", "log_bayes_factor"));
        String m2 = assertThrows(InvalidModelBundleException.class, () -> EvidenceNetwork.load(wrongInput)).getMessage();
        assertTrue(m2.contains("input 'features' has width 41") && m2.contains("42 features"), m2);
        Path wideOutput = copyOf(fixture);
        Files.write(wideOutput.resolve("member-0.onnx"),
                OnnxMlpWriter.toBytes(randomMlp(r, 42, 8, 2), "x", Map.of(), "features", "log_bayes_factor"));
        String m3 = assertThrows(InvalidModelBundleException.class, () -> EvidenceNetwork.load(wideOutput)).getMessage();
        assertTrue(m3.contains("output 'log_bayes_factor' has width 2"), m3);
    }

    @Test
    void writerRefusesNetworksThatDoNotFitTheManifest() throws IOException {
        Manifest base;
        try (EvidenceNetwork net = EvidenceNetwork.load(fixture)) {
            base = net.manifest();
        }
        SplittableRandom r = new SplittableRandom(2);
        String wrongWidth = assertThrows(InvalidModelBundleException.class, () -> ModelBundleWriter.writeNetworks(dir.resolve("w"), base,
                Map.of("member-0.onnx", randomMlp(r, 42, 8, 3)))).getMessage();
        assertTrue(wrongWidth.contains("42 -> 3"), wrongWidth);
        String missing = assertThrows(InvalidModelBundleException.class, () -> ModelBundleWriter.writeNetworks(dir.resolve("m"), base,
                Map.of("member-9.onnx", randomMlp(r, 42, 8, 1)))).getMessage();
        assertTrue(missing.contains("no network given for member member-0.onnx"), missing);
        assertThrows(InvalidModelBundleException.class, () -> Manifest.evidence(1, "n", "v", "", false, base.model1(), base.model1(),
                base.bands(), base.features(), base.members(), new Provenance("x", "2026-11-26", Map.of())));
    }
}
