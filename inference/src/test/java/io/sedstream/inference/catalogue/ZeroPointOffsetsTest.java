package io.sedstream.inference.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedstream.inference.features.BandFlux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroPointOffsetsTest {

    @Test
    void aBandTooFaintByDIsBrightenedBy10ToThe04DFluxAndErrorAlike() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("u", 0.05);
        m.put("g", -0.1);
        ZeroPointOffsets zp = new ZeroPointOffsets(m);
        BandFlux r = BandFlux.observed("r", 10, 1);
        CatalogueRow.Read row = new CatalogueRow.Read(7, "obj", List.of(BandFlux.observed("u", 100, 10), BandFlux.observed("g", 50, 5),
                r, BandFlux.missing("i")), 1.25);
        CatalogueRow.Read out = zp.apply(row);
        assertEquals(100 * Math.pow(10, 0.02), out.fluxes().get(0).fluxNJy(), 1e-12);
        assertEquals(10 * Math.pow(10, 0.02), out.fluxes().get(0).fluxErrNJy(), 1e-12);
        assertEquals(50 * Math.pow(10, -0.04), out.fluxes().get(1).fluxNJy(), 1e-12);
        assertEquals(5 * Math.pow(10, -0.04), out.fluxes().get(1).fluxErrNJy(), 1e-12);
        assertSame(r, out.fluxes().get(2), "a band without an offset is untouched");
        assertNull(out.fluxes().get(3).fluxNJy(), "a missing band stays missing");
        assertEquals(7, out.rowNumber());
        assertEquals("obj", out.id());
        assertEquals(1.25, out.specZ());
        assertEquals(List.of("g"), new ZeroPointOffsets(Map.of("g", 0.0, "u", 0.0)).bandsNotIn(List.of("u")));
    }

    @Test
    void writtenOffsetsReadBackAndBadFilesAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("zp.json");
        new ZeroPointOffsets(Map.of("u", 0.031)).write(f, new ObjectMapper().createObjectNode().put("galaxies_fitted", 114));
        assertEquals(Map.of("u", 0.031), ZeroPointOffsets.read(f).offsetMagByBand());
        assertTrue(Files.readString(f).contains("\"galaxies_fitted\" : 114"), "the calibration's record is kept beside the offsets");

        Files.writeString(f, "{\"offsets_mag\": {\"u\": \"a lot\"}}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZeroPointOffsets.read(f)).getMessage()
                .contains("band u has '\"a lot\"', not a number"));
        Files.writeString(f, "{\"offsets\": {\"u\": 0.1}}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZeroPointOffsets.read(f)).getMessage()
                .contains("needs a non-empty object \"offsets_mag\""));
        Files.writeString(f, "{\"offsets_mag\": {\"u\": 2.5}}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZeroPointOffsets.read(f)).getMessage()
                .contains("band u is 2.5 mag, outside +/-1.0 mag"));
        Files.writeString(f, "{not json");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZeroPointOffsets.read(f)).getMessage().contains("not readable JSON"));
    }
}
