package io.sedstream.trainer.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.trainer.testing.PlotAssertions;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each layer kind lands in the PNG in its own colour, where its data say, and a grid has the cells it was given. */
class PlotTest {
    private static final Color BLUE = new Color(31, 90, 170);
    private static final Color ORANGE = new Color(214, 96, 18);
    private static final Color GREEN = new Color(40, 150, 60);

    @Test
    void barsStandWhereTheirBinsAreAndAsHighAsTheirCounts(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("bars.png");
        // one tall bar in the first of four bins (left of the image's middle, whatever the axis margin), nothing in the others
        Figure.write(png, "bars", Plot.linear("t", "x", "y", 0, 4, 0, 10)
                .bars(new double[] {0, 1, 2, 3, 4}, new double[] {9, 0, 0, 0}, BLUE).chart(), 400, 300);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(400, img.getWidth());
        assertEquals(300 + Figure.HEADING_PX, img.getHeight());
        long left = PlotAssertions.pixelsOfColour(img.getSubimage(0, 0, 200, img.getHeight()), BLUE);
        long right = PlotAssertions.pixelsOfColour(img.getSubimage(200, 0, 200, img.getHeight()), BLUE);
        assertTrue(left > 3000, "the bar stands in the first bin: " + left + " pixels");
        assertEquals(0, right, "an empty bin draws nothing");
    }

    @Test
    void linesPointsErrorBarsAndNotesEachDrawInTheirColour(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("layers.png");
        double[] xs = {1, 2, 3, 4};
        double[] ys = {1, 4, 9, 16};
        Figure.write(png, "layers", Plot.linear("t", "x", "y", 0, 5, 0, 20)
                .polyline(xs, ys, BLUE, 2f)
                .dots(xs, ys, 4, ORANGE, 8)
                .verticalErrorBars(xs, new double[] {0, 2, 6, 12}, new double[] {2, 6, 12, 19}, GREEN, 2f)
                .note("a note", 0.05, 0.05, Color.RED)
                .chart(), 500, 400);
        PlotAssertions.assertDrawnPlot(png);
        PlotAssertions.assertColourDrawn(png, BLUE, 200);
        PlotAssertions.assertColourDrawn(png, ORANGE, 4 * 20);
        PlotAssertions.assertColourDrawn(png, GREEN, 200);
        PlotAssertions.assertColourDrawn(png, Color.RED, 10);
    }

    @Test
    void aBreakInALineLeavesAGapAndAnOffRangeSeriesDrawsNothing(@TempDir Path dir) throws Exception {
        Path gap = dir.resolve("gap.png");
        Figure.write(gap, "gap", Plot.linear("t", "x", "y", 0, 2, 0, 1)
                .polyline(new double[] {0, 0.9, 1.1, 2}, new double[] {0.5, 0.5, Double.NaN, 0.5}, BLUE, 3f).chart(), 400, 300);
        BufferedImage img = ImageIO.read(gap.toFile());
        long rightQuarter = PlotAssertions.pixelsOfColour(img.getSubimage(300, 0, 100, img.getHeight()), BLUE);
        assertEquals(0, rightQuarter, "the segments touching the NaN are not drawn");
        Path off = dir.resolve("off.png");
        Figure.write(off, "off", Plot.linear("t", "x", "y", 0, 1, 0, 1).dots(new double[] {5}, new double[] {5}, 1, ORANGE, 8).chart(),
                400, 300);
        assertEquals(0, PlotAssertions.pixelsOfColour(ImageIO.read(off.toFile()), ORANGE));
    }

    @Test
    void logAxesPlaceDecadesEvenlyAndRefuseNonPositiveRanges(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("log.png");
        // y = x on log-log axes is a straight diagonal, drawn with a legend entry
        double[] xs = {0.3, 1, 3, 5.5};
        Figure.write(png, "log", Plot.logLog("t", "x", "y", 0.3, 5.5, 0.3, 5.5).polyline(xs, xs, BLUE, 2f).legend("y = x").chart(),
                400, 400);
        PlotAssertions.assertColourDrawn(png, BLUE, 300);
        assertThrows(IllegalArgumentException.class, () -> Plot.logLog("t", "x", "y", 0, 1, 1, 10));
    }

    @Test
    void aGridHasOneCellPerPanelRowByRow(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("grid.png");
        Figure.write(png, "grid", List.of(
                Plot.linear("a", "x", "y", 0, 1, 0, 1).line(0, 0, 1, 1, BLUE, 2f).chart(),
                Plot.linear("b", "x", "y", 0, 1, 0, 1).chart(),
                Plot.linear("c", "x", "y", 0, 1, 0, 1).line(0, 0, 1, 1, ORANGE, 2f).chart()), 2, 300, 250);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(600, img.getWidth());
        assertEquals(Figure.HEADING_PX + 500, img.getHeight());
        int top = Figure.HEADING_PX;
        assertTrue(PlotAssertions.pixelsOfColour(img.getSubimage(0, top, 300, 250), BLUE) > 100, "panel a: top left");
        assertEquals(0, PlotAssertions.pixelsOfColour(img.getSubimage(300, top, 300, 250), BLUE), "panel b is empty");
        assertTrue(PlotAssertions.pixelsOfColour(img.getSubimage(0, top + 250, 300, 250), ORANGE) > 100, "panel c: second row");
    }
}
