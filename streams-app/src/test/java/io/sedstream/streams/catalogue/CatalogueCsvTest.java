package io.sedstream.streams.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.schemas.Measurement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueCsvTest {

    @Test
    void readsBandsMissingValuesAndSpecZ(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "id,jwst.nircam.f444w_flux,jwst.nircam.f444w_err,hst.acs.f606w_flux,hst.acs.f606w_err,spec_z\n"
                + "a,12.5,1.5,,,2.1\n" + "b,-0.5,1.0,3,0.5,\n");
        List<CatalogueCsv.Row> rows = CatalogueCsv.read(f);
        assertEquals(2, rows.size());
        assertEquals(List.of(new Measurement("jwst.nircam.f444w", 12.5, 1.5), new Measurement("hst.acs.f606w", null, null)),
                rows.get(0).measurements());
        assertEquals(2.1, rows.get(0).specZ());
        assertNull(rows.get(1).specZ());
        assertEquals(-0.5, rows.get(1).measurements().get(0).getFluxNJy());
    }

    @Test
    void badInputIsRefusedNamingTheProblem(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "id,x.y.z_flux\na,1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogueCsv.read(f)).getMessage().contains("x.y.z_err"));
        Files.writeString(f, "name,x_flux,x_err\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogueCsv.read(f)).getMessage().contains("'id'"));
        Files.writeString(f, "id,x_flux,x_err\na,one,1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogueCsv.read(f)).getMessage().contains("c.csv:2"));
        Files.writeString(f, "id,x_flux,x_err,colour\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogueCsv.read(f)).getMessage().contains("'colour'"));
    }
}
