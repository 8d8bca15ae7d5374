package dev.segmentation.report.browser;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Pixel statistics of a PNG screenshot, to tell a rendered page from a blank or broken one: the share of
 * pixels that are not (near) white or the page background, the number of distinct colours, and the spread
 * of luminance.
 *
 * @param width image width in pixels
 * @param height image height in pixels
 * @param inkShare share of pixels darker than 235 in some channel (text, lines, fills)
 * @param colours distinct RGB colours
 * @param luminanceSd standard deviation of the Rec. 709 luma over all pixels (0 to 255)
 */
public record PixelStats(int width, int height, double inkShare, int colours, double luminanceSd) {

    /** The statistics of a PNG. */
    public static PixelStats of(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        if (img == null) {
            throw new IOException("Not a PNG image (" + png.length + " bytes)");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        long ink = 0;
        double sum = 0;
        double sumSq = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (r < 235 || g < 235 || b < 235) {
                    ink++;
                }
                double l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
                sum += l;
                sumSq += l * l;
                if (colours.size() < 100_000) {
                    colours.add(rgb);
                }
            }
        }
        double n = (double) w * h;
        double mean = sum / n;
        return new PixelStats(w, h, ink / n, colours.size(), Math.sqrt(Math.max(0, sumSq / n - mean * mean)));
    }

    /** Whether the image looks like a rendered report: ink on at least 3% of it, 50+ colours, some contrast. */
    public boolean looksRendered() {
        return inkShare > 0.03 && colours >= 50 && luminanceSd > 10;
    }
}
