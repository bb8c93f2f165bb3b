package io.sedstream.trainer.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.trainer.TrainerCli;
import io.sedstream.trainer.testing.PlotAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench end to end on the fixture bundle and the real forward model, kept small. */
class CompareSamplerCommandTest {

    @Test
    void benchRunsBothMethodsOnTheSameGalaxyAndWritesOneRowPerParameter(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("rows.csv");
        int rc = new CommandLine(new TrainerCli()).execute("bench", "compare-sampler", "--n", "1", "--model", "fixture",
                "--nlive", "40", "--dlogz", "0.5", "--npe-repeats", "1", "--seed", "3", "--csv", csv.toString(), "--report", dir.resolve("report").toString(),
                "--ns-cache", dir.resolve("cache").toString());
        assertEquals(0, rc);
        for (String f : new String[] {"rows.csv", "summary.txt"}) {
            assertTrue(Files.size(dir.resolve("report").resolve(f)) > 0, f);
        }
        for (String png : new String[] {"npe_vs_ns_medians.png", "d_histograms.png"}) {
            PlotAssertions.assertDrawnPlot(dir.resolve("report").resolve(png));
        }
        // one galaxy: 12 histogram bars of one count each, and the y = x reference in every medians panel
        PlotAssertions.assertColourDrawn(dir.resolve("report").resolve("d_histograms.png"), ComparisonPlots.BAR, 12 * 300);
        PlotAssertions.assertColourDrawn(dir.resolve("report").resolve("npe_vs_ns_medians.png"), ComparisonPlots.REFERENCE, 12 * 150);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 12, lines.size(), "header + 12 parameters");
        String[] header = lines.get(0).split(",");
        for (String row : lines.subList(1, lines.size())) {
            String[] f = row.split(",");
            assertEquals(header.length, f.length);
            double snr = Double.parseDouble(f[1]);
            assertTrue(snr >= 10, "F444W S/N cut: " + snr);
            double nsP16 = Double.parseDouble(f[8]);
            double nsMedian = Double.parseDouble(f[7]);
            double nsP84 = Double.parseDouble(f[9]);
            assertTrue(nsP16 <= nsMedian && nsMedian <= nsP84, row);
            double npeSeconds = Double.parseDouble(f[12]);
            double nsSeconds = Double.parseDouble(f[14]);
            // Both times are measured and positive; which is faster is the benchmark's finding, not a test's (wall time flakes).
            assertTrue(npeSeconds > 0 && nsSeconds > 0, row);
        }
        // a rerun reuses the cached nested-sampling results: identical sampler columns
        Path again = dir.resolve("again.csv");
        assertEquals(0, new CommandLine(new TrainerCli()).execute("bench", "compare-sampler", "--n", "1", "--model", "fixture",
                "--nlive", "40", "--dlogz", "0.5", "--npe-repeats", "1", "--seed", "3", "--csv", again.toString(),
                "--ns-cache", dir.resolve("cache").toString()));
        List<String> second = Files.readAllLines(again);
        for (int i = 1; i < lines.size(); i++) {
            String[] a = lines.get(i).split(",");
            String[] b = second.get(i).split(",");
            for (int col = 7; col <= 9; col++) {
                assertEquals(a[col], b[col], "cached sampler column " + header[col]);
            }
            assertEquals(a[14], b[14], "cached sampler time");
        }
    }

    @Test
    void secondModelRunReusesThePrimarySamplerAndComparesTheEvidenceNetwork(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.csv");
        assertEquals(0, new CommandLine(new TrainerCli()).execute("bench", "compare-sampler", "--n", "1", "--model", "fixture",
                "--nlive", "40", "--dlogz", "0.5", "--npe-repeats", "1", "--seed", "4", "--csv", first.toString()));
        Path evidence = dir.resolve("evidence");
        FixtureBundleWriter.writeEvidence(evidence);
        Path report = dir.resolve("report");
        assertEquals(0, new CommandLine(new TrainerCli()).execute("bench", "compare-sampler", "--n", "1", "--model", "fixture",
                "--nlive", "40", "--dlogz", "0.5", "--npe-repeats", "1", "--seed", "4", "--second-model", "delayed-tau",
                "--reuse-primary", first.toString(), "--evidence", evidence.toString(), "--report", report.toString()));
        PlotAssertions.assertDrawnPlot(report.resolve("evidence_vs_ns.png"));
        PlotAssertions.assertColourDrawn(report.resolve("evidence_vs_ns.png"), ComparisonPlots.POINT, 20);
        List<String> a = Files.readAllLines(first);
        List<String> b = Files.readAllLines(report.resolve("rows.csv"));
        List<String> header = List.of(b.get(0).split(","));
        int lnK = header.indexOf("evidence_ln_k");
        int second = header.indexOf("ns_logz_second_model");
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            for (int col = 7; col <= 9; col++) {
                assertEquals(x[col], y[col], "reused primary sampler column " + header.get(col));
            }
            assertTrue(Double.isFinite(Double.parseDouble(y[lnK])), b.get(i));
            assertTrue(Double.isFinite(Double.parseDouble(y[second])), b.get(i));
        }
        // galaxies of the second model, the same network read the other way round: ln K = -(network's), still finite
        Path reversed = dir.resolve("reversed.csv");
        assertEquals(0, new CommandLine(new TrainerCli()).execute("bench", "compare-sampler", "--n", "1", "--model", "fixture",
                "--nlive", "40", "--dlogz", "0.5", "--npe-repeats", "1", "--seed", "4", "--forward-model", "delayed-tau",
                "--second-model", "default", "--evidence", evidence.toString(), "--csv", reversed.toString()));
        String[] rev = Files.readAllLines(reversed).get(1).split(",");
        assertTrue(Double.isFinite(Double.parseDouble(rev[lnK])));
        // other galaxies (another seed) are refused rather than paired with the wrong results
        assertEquals(1, new CommandLine(new TrainerCli()).execute("bench", "compare-sampler", "--n", "1", "--model", "fixture",
                "--nlive", "40", "--dlogz", "0.5", "--npe-repeats", "1", "--seed", "5", "--second-model", "delayed-tau",
                "--reuse-primary", first.toString()));
    }

    @Test
    void spearmanIsOneForMonotoneAndMinusOneForReversedOrder() {
        double[] x = {1, 2, 3, 4, 5};
        assertEquals(1.0, EvidenceAgreement.spearman(x, new double[] {1, 4, 9, 16, 100}), 1e-12);
        assertEquals(-1.0, EvidenceAgreement.spearman(x, new double[] {5, 4, 3, 2, 1}), 1e-12);
        // ties share their mean rank: x ranks 1..4, y ranks 1, 2.5, 2.5, 4 -> r = 4.5 / sqrt(5 * 4.5)
        assertEquals(4.5 / Math.sqrt(5 * 4.5), EvidenceAgreement.spearman(new double[] {1, 2, 3, 4}, new double[] {0, 7, 7, 9}), 1e-12);
        // one galaxy (the smoke runs) has no correlation
        assertTrue(Double.isNaN(EvidenceAgreement.spearman(new double[] {1}, new double[] {2})));
    }

    @Test
    void medianOfOddAndEvenCountsLeavesTheInputAlone() {
        double[] odd = {3, 1, 2};
        assertEquals(2.0, ComparisonTable.median(odd), 0.0);
        assertEquals(List.of(3.0, 1.0, 2.0), java.util.Arrays.stream(odd).boxed().toList());
        assertEquals(2.5, ComparisonTable.median(new double[] {4, 1, 3, 2}), 0.0);
        assertEquals(-7.0, ComparisonTable.median(new double[] {-7}), 0.0);
        assertTrue(Double.isNaN(ComparisonTable.median(new double[0])));
    }

    @Test
    void intervalOverlapIsIntersectionOverUnion() {
        var a = new GalaxyComparison.Summary(1.0, 0.0, 2.0);
        var b = new GalaxyComparison.Summary(2.0, 1.0, 3.0);
        assertEquals(1.0 / 3.0, a.intervalOverlap(b), 1e-12);
        assertEquals(1.0, a.intervalOverlap(a), 1e-12);
        assertEquals(0.0, a.intervalOverlap(new GalaxyComparison.Summary(5, 4, 6)), 1e-12);
        assertEquals(1.0, a.sigma68(), 1e-12);
    }
}
