package io.sedstream.trainer.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * What a report plot must be for a test to call it drawn: a PNG that decodes, of a plot's size,
 * with axes, text and data in several colours, and ink over a real share of its area. A file "over
 * 1000 bytes" (the old check) is also what a blank canvas or a truncated file can be.
 */
public final class PlotAssertions {
    private PlotAssertions() {
    }

    public static void assertDrawnPlot(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " decodes as an image");
        assertTrue(image.getWidth() >= 200 && image.getHeight() >= 150, png + " is plot-sized: " + image.getWidth() + "x" + image.getHeight());
        int background = image.getRGB(0, 0);
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) {
                    ink++;
                }
            }
        }
        long sampled = (long) ((image.getWidth() + 1) / 2) * ((image.getHeight() + 1) / 2);
        assertTrue(colours.size() >= 3, png + " has " + colours.size() + " colours: not a drawn plot");
        assertTrue(ink >= 0.005 * sampled, png + ": only " + ink + " of " + sampled + " sampled pixels differ from the background");
    }
}
