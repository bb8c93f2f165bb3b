package io.sedstream.trainer.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
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

    /**
     * Asserts that a series of {@code colour} is drawn: at least {@code minPixels} pixels carry it, opaque
     * or blended over the white plot background (a translucent marker, an anti-aliased edge). Only a
     * series draws in its colour, so this fails for a plot whose data went missing while frame and text stayed.
     */
    public static void assertColourDrawn(Path png, Color colour, int minPixels) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " decodes as an image");
        long n = pixelsOfColour(image, colour);
        assertTrue(n >= minPixels, png + ": " + n + " pixels of " + colour + ", expected at least " + minPixels);
    }

    /** Pixels whose colour is {@code colour} laid over white with opacity 0.3 to 1 (within 14 levels per channel). */
    public static long pixelsOfColour(BufferedImage image, Color colour) {
        int[] c = {colour.getRed(), colour.getGreen(), colour.getBlue()};
        int strongest = 0;
        for (int k = 1; k < 3; k++) {
            if (255 - c[k] > 255 - c[strongest]) {
                strongest = k;
            }
        }
        if (255 - c[strongest] < 60) {
            throw new IllegalArgumentException(colour + " is too close to the white background to be told apart");
        }
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int[] p = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                double t = (255.0 - p[strongest]) / (255.0 - c[strongest]);
                if (t < 0.3 || t > 1.05) {
                    continue;
                }
                boolean match = true;
                for (int k = 0; k < 3 && match; k++) {
                    match = Math.abs(p[k] - (255 - t * (255 - c[k]))) <= 14;
                }
                if (match) {
                    n++;
                }
            }
        }
        return n;
    }
}
