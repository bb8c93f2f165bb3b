package io.sedstream.inference.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.features.BandFlux;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueReaderTest {

    @TempDir
    Path dir;

    private List<CatalogueRow> readAll(Path f, ColumnMap map) {
        List<CatalogueRow> rows = new ArrayList<>();
        try (CatalogueReader r = CatalogueReader.open(f, map, StandardCharsets.UTF_8)) {
            r.forEachRemaining(rows::add);
        }
        return rows;
    }

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void quotedFieldsByteOrderMarkExtraColumnsAndSpecZAlias() throws Exception {
        Path f = write("c.csv", "\uFEFFid,ra,dec,a.b_flux,a.b_err,z_spec\n"
                + "\"gal, one\",53.1,-27.8,12.5,1.5,2.1\n"
                + "\"say \"\"hi\"\"\",53.2,-27.9,,,\n");
        try (CatalogueReader r = CatalogueReader.open(f, ColumnMap.sedstream(), StandardCharsets.UTF_8)) {
            assertEquals(List.of("a.b"), r.layout().bands());
            assertEquals(List.of("ra", "dec"), r.layout().ignoredColumns());
            assertEquals("z_spec", r.layout().specZColumn());
            CatalogueRow.Read one = assertInstanceOf(CatalogueRow.Read.class, r.next());
            assertEquals("gal, one", one.id());
            assertEquals(List.of(new BandFlux("a.b", 12.5, 1.5)), one.fluxes());
            assertEquals(2.1, one.specZ());
            CatalogueRow.Read two = assertInstanceOf(CatalogueRow.Read.class, r.next());
            assertEquals("say \"hi\"", two.id());
            assertTrue(two.fluxes().get(0).isMissing());
            assertNull(two.specZ());
            assertTrue(!r.hasNext());
        }
    }

    @Test
    void aBadCellRefusesItsRowOnlyAndNanInAnyCaseIsMissing() throws Exception {
        StringBuilder csv = new StringBuilder("id,x_flux,x_err,spec_z\n");
        for (int i = 1; i <= 1200; i++) {
            csv.append("g").append(i).append(',').append(i == 1001 ? "abc" : i == 7 ? "nan" : i == 8 ? "NaN" : "3.5").append(",1,\n");
        }
        csv.append("short,1\n");
        List<CatalogueRow> rows = readAll(write("c.csv", csv.toString()), ColumnMap.sedstream());
        assertEquals(1201, rows.size());
        CatalogueRow.Refused bad = assertInstanceOf(CatalogueRow.Refused.class, rows.get(1000));
        assertEquals(1001, bad.rowNumber());
        assertEquals("g1001", bad.id());
        assertTrue(bad.reason().contains("'x_flux'") && bad.reason().contains("'abc'"), bad.reason());
        assertTrue(((CatalogueRow.Read) rows.get(6)).fluxes().get(0).isMissing());
        assertTrue(((CatalogueRow.Read) rows.get(7)).fluxes().get(0).isMissing());
        assertEquals(3.5, ((CatalogueRow.Read) rows.get(1001)).fluxes().get(0).fluxNJy());
        CatalogueRow.Refused shortRow = assertInstanceOf(CatalogueRow.Refused.class, rows.get(1200));
        assertTrue(shortRow.reason().contains("2 fields but the header has 4"), shortRow.reason());
        assertEquals(1199, rows.stream().filter(r -> r instanceof CatalogueRow.Read).count());
    }

    @Test
    void headerProblemsAreRefusedNamingThem() throws Exception {
        assertTrue(assertThrows(CatalogueException.class, () -> readAll(write("a.csv", "id,x_flux,x_err,x_flux\n"), ColumnMap.sedstream()))
                .getMessage().contains("'x_flux' appears twice"));
        assertTrue(assertThrows(CatalogueException.class, () -> readAll(write("b.csv", "id,x_flux\n"), ColumnMap.sedstream()))
                .getMessage().contains("x_err"));
        assertTrue(assertThrows(CatalogueException.class, () -> readAll(write("c.csv", "name,x_flux,x_err\n"), ColumnMap.sedstream()))
                .getMessage().contains("no id column"));
        assertTrue(assertThrows(CatalogueException.class, () -> readAll(write("d.csv", ""), ColumnMap.sedstream()))
                .getMessage().contains("empty file"));
    }

    @Test
    void latin1BytesAreAClearErrorNotReplacementCharacters() throws Exception {
        Path f = dir.resolve("l.csv");
        Files.write(f, "id,x_flux,x_err\nM\u00e9nard,1,1\n".getBytes(StandardCharsets.ISO_8859_1));
        CatalogueException e = assertThrows(CatalogueException.class, () -> readAll(f, ColumnMap.sedstream()));
        assertTrue(e.getMessage().contains("not valid UTF-8") && e.getMessage().contains("--encoding"), e.getMessage());
        try (CatalogueReader r = CatalogueReader.open(f, ColumnMap.sedstream(), StandardCharsets.ISO_8859_1)) {
            assertEquals("M\u00e9nard", r.next().id());
        }
    }

    @Test
    void rubinDp1ObjectColumns() throws Exception {
        Path f = write("dp1.csv", "objectId,coord_ra,g_cModelFlux,g_cModelFluxErr,g_psfFlux,r_cModelFlux,r_cModelFluxErr\n"
                + "609782,53.1,1200.5,12.0,1100,NaN,NaN\n");
        try (CatalogueReader r = CatalogueReader.open(f, ColumnMap.dp1(), StandardCharsets.UTF_8)) {
            assertEquals(List.of("lsst.g", "lsst.r"), r.layout().bands());
            assertEquals(List.of("coord_ra", "g_psfFlux"), r.layout().ignoredColumns());
            CatalogueRow.Read row = (CatalogueRow.Read) r.next();
            assertEquals("609782", row.id());
            assertEquals(new BandFlux("lsst.g", 1200.5, 12.0), row.fluxes().get(0));
            assertTrue(row.fluxes().get(1).isMissing());
        }
    }

    @Test
    void eazyCatalogueWithZeroPointAndMinus99() throws Exception {
        // m_AB = 23.9 - 2.5 log10(f): f = 1 is 1 uJy = 1000 nJy.
        Path f = write("cat.cat", "# id f_F160W e_F160W f_K e_K z_spec\n# a comment\n1 1.0 0.1 -99 -99 -1\n2 2.5 0.2 3.0 0.3 1.234\n");
        List<CatalogueRow> rows = readAll(f, ColumnMap.resolve("eazy", 23.9));
        CatalogueRow.Read one = (CatalogueRow.Read) rows.get(0);
        assertEquals(1000.0, one.fluxes().get(0).fluxNJy(), 1e-9);
        assertEquals(100.0, one.fluxes().get(0).fluxErrNJy(), 1e-9);
        assertTrue(one.fluxes().get(1).isMissing());
        assertNull(one.specZ());
        assertEquals(1.234, ((CatalogueRow.Read) rows.get(1)).specZ());
        assertTrue(assertThrows(CatalogueException.class, () -> ColumnMap.resolve("eazy", null)).getMessage().contains("--zero-point"));
    }

    @Test
    void aColumnMapFileRenamesBandsAndConvertsUnits() throws Exception {
        Path map = write("cols.properties", "id = ID\nflux = FLUX_{band}\nerror = FLUXERR_{band}\nunit = uJy\nband.F444W = jwst.nircam.f444w\n");
        Path f = write("c.csv", "ID,FLUX_F444W,FLUXERR_F444W,ZSPEC\n7,0.05,0.01,3.1\n");
        CatalogueRow.Read row = (CatalogueRow.Read) readAll(f, ColumnMap.resolve(map.toString(), null)).get(0);
        assertEquals(new BandFlux("jwst.nircam.f444w", 50.0, 10.0), row.fluxes().get(0));
        assertEquals(3.1, row.specZ());
        Path bad = write("bad.properties", "fluxx = {band}\n");
        assertTrue(assertThrows(CatalogueException.class, () -> ColumnMap.resolve(bad.toString(), null)).getMessage().contains("'fluxx'"));
    }

    @Test
    void fitsBinaryTable() throws Exception {
        Path f = dir.resolve("c.fits");
        BinaryTable t = new BinaryTable();
        t.addColumn(new String[] {"a", "b"});
        t.addColumn(new double[] {10.0, Double.NaN});
        t.addColumn(new double[] {1.0, Double.NaN});
        t.addColumn(new double[] {0.5, 2.0});
        BinaryTableHDU hdu = BinaryTableHDU.wrap(t);
        hdu.setColumnName(0, "id", null);
        hdu.setColumnName(1, "x_flux", null);
        hdu.setColumnName(2, "x_err", null);
        hdu.setColumnName(3, "ra", null);
        try (Fits fits = new Fits()) {
            fits.addHDU(nom.tam.fits.BasicHDU.getDummyHDU());
            fits.addHDU(hdu);
            fits.write(f.toFile());
        }
        try (CatalogueReader r = CatalogueReader.open(f, ColumnMap.sedstream(), StandardCharsets.UTF_8)) {
            assertEquals(List.of("x"), r.layout().bands());
            assertEquals(List.of("ra"), r.layout().ignoredColumns());
            assertEquals(new BandFlux("x", 10.0, 1.0), ((CatalogueRow.Read) r.next()).fluxes().get(0));
            CatalogueRow.Read b = (CatalogueRow.Read) r.next();
            assertEquals("b", b.id());
            assertTrue(b.fluxes().get(0).isMissing());
        }
    }
}
