package io.sedstream.trainer.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/**
 * A report figure: a heading over a grid of JFreeChart panels, written as one PNG with headless
 * java.awt (no display is needed, as on a build server).
 */
public final class Figure {

    /** Height of the heading strip above the panels, in pixels. */
    public static final int HEADING_PX = 28;
    private static final Font HEADING_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private Figure() {
    }

    /** Panels fill the grid row by row, each {@code cellWidth} x {@code cellHeight} pixels. */
    public static void write(Path png, String heading, List<JFreeChart> panels, int columns, int cellWidth, int cellHeight)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        int rows = (panels.size() + columns - 1) / columns;
        BufferedImage img = new BufferedImage(columns * cellWidth, HEADING_PX + rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(HEADING_FONT);
        g.drawString(heading, 12, 20);
        for (int i = 0; i < panels.size(); i++) {
            Rectangle2D cell = new Rectangle2D.Double((i % columns) * cellWidth, HEADING_PX + (i / columns) * cellHeight,
                    cellWidth, cellHeight);
            panels.get(i).draw(g, cell);
        }
        g.dispose();
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("no PNG writer for " + png);
        }
    }

    /** A one-panel figure. */
    public static void write(Path png, String heading, JFreeChart panel, int width, int height) throws IOException {
        write(png, heading, List.of(panel), 1, width, height);
    }
}
