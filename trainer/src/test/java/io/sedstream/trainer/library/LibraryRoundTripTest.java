package io.sedstream.trainer.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ParameterNames;
import io.sedstream.sed.noise.DepthNoiseModel;
import io.sedstream.sed.noise.NoiseModel;
import io.sedstream.trainer.simulate.LibrarySimulator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryRoundTripTest {
    private static ForwardModel model;
    private static NoiseModel noise;
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @BeforeAll
    static void load() {
        model = ForwardModel.load("default", "jades-gs-14", DataRoot.resolve());
        noise = DepthNoiseModel.load("deep", model.bandNames());
    }

    private static LibrarySimulator.Result write(Path dir, int threads) {
        return LibrarySimulator.run(model, noise, new LibrarySimulator.Settings(700, 42, threads, 250, 0, false), dir, QUIET);
    }

    @Test
    void sameSeedGivesIdenticalBytesWhateverTheThreadCount(@TempDir Path tmp) throws Exception {
        Path one = tmp.resolve("one");
        Path three = tmp.resolve("three");
        write(one, 1);
        write(three, 3);
        List<String> names = new ArrayList<>();
        try (var s = Files.list(one)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertEquals(4, names.size(), "3 chunks + library.json: " + names);
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(one.resolve(n)), Files.readAllBytes(three.resolve(n)), n);
        }
        // a different seed gives a different library
        Path other = tmp.resolve("other");
        LibrarySimulator.run(model, noise, new LibrarySimulator.Settings(700, 43, 2, 250, 0, false), other, QUIET);
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(one.resolve("part-00000.avro")),
                Files.readAllBytes(other.resolve("part-00000.avro"))));
    }

    @Test
    void readerReturnsWhatWasSimulatedAndAvroAgrees(@TempDir Path tmp) throws Exception {
        LibrarySimulator.Result r = write(tmp, 2);
        LibraryReader lib = LibraryReader.open(tmp);
        LibraryManifest m = lib.manifest();
        assertEquals(700, m.n());
        assertEquals(model.bandNames(), m.bands());
        assertEquals(ParameterNames.OUTPUTS, m.parameterNames());
        assertEquals(12, m.parameterUnits().size());
        assertEquals(3, m.chunks().size());
        assertEquals(200, m.chunks().get(2).count());
        assertEquals("default", m.model());
        assertTrue(m.noiseModel().contains("APPROXIMATE"));
        assertEquals(r.manifest(), m);
        LibraryManifest.Parameter z = m.parameters().get(0);
        assertTrue(z.free() && z.priorLower() == 0.01 && z.priorUpper() == 14);
        assertTrue(z.min() >= 0.01 && z.max() <= 14 && z.max() > z.min());
        assertEquals(null, m.parameters().get(2).priorLower(), "surviving mass is derived");

        long[] ids = {0};
        lib.forEach(rec -> {
            assertEquals(ids[0]++, rec.id());
            assertEquals(12, rec.parameters().length);
            assertEquals(14, rec.fluxNJy().length);
            for (int b = 0; b < 14; b++) {
                assertTrue(rec.fluxErrNJy()[b] > 0);
            }
        });
        assertEquals(700, ids[0]);

        // The iterator and the generated SpecificRecord class read the same values.
        List<LibraryRecord> viaIterator = new ArrayList<>();
        lib.iterator().forEachRemaining(viaIterator::add);
        assertEquals(700, viaIterator.size());
        try (DataFileReader<SimulatedGalaxy> avro = new DataFileReader<>(tmp.resolve("part-00001.avro").toFile(),
                new SpecificDatumReader<>(SimulatedGalaxy.class))) {
            SimulatedGalaxy g = avro.next();
            LibraryRecord rec = viaIterator.get(250);
            assertEquals(250L, g.getId());
            for (int i = 0; i < 12; i++) {
                assertEquals(rec.parameters()[i], g.getParameters().get(i), 0.0);
            }
            for (int b = 0; b < 14; b++) {
                assertEquals(rec.observedFluxNJy()[b], g.getObservedFluxNJy().get(b), 0.0);
                assertEquals(rec.fluxErrNJy()[b], g.getFluxErrNJy().get(b), 0.0);
            }
        }
        // Re-simulating galaxy 250 from its own stream gives the stored noiseless fluxes.
        var rng = io.sedstream.trainer.simulate.GalaxyStreams.forGalaxy(42, 250);
        double[] free = model.prior().sample(rng);
        assertArrayEquals(viaIterator.get(250).fluxNJy(), model.simulate(free).fluxNJy(), 0.0);
    }

    @Test
    void refusesToOverwriteAndDetectsIncompleteLibraries(@TempDir Path tmp) throws Exception {
        write(tmp, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> write(tmp, 2));
        assertTrue(e.getMessage().contains("already holds a library"), e.getMessage());
        Files.delete(tmp.resolve("part-00001.avro"));
        e = assertThrows(IllegalArgumentException.class, () -> LibraryReader.open(tmp));
        assertTrue(e.getMessage().contains("part-00001.avro"), e.getMessage());
        Files.delete(tmp.resolve(LibraryManifest.FILE_NAME));
        e = assertThrows(IllegalArgumentException.class, () -> LibraryReader.open(tmp));
        assertTrue(e.getMessage().contains("library.json"), e.getMessage());
    }
}
