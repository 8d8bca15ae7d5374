/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report.internal;

import java.util.Locale;

/**
 * The report's colours, chosen to stay distinguishable for readers with colour-vision deficiencies. Not API.
 * <ul>
 *   <li>categorical (segments): the eight colours of Okabe and Ito (2008), reordered so that the first
 *       segments get the strongest contrast on white and black (which reads as text) comes last, then Paul
 *       Tol's "muted" scheme (2021) for a ninth segment onwards;</li>
 *   <li>diverging (z-scores): ColorBrewer's RdBu (Brewer 2002), blue for below, red for above, near-white at
 *       zero, marked colour-blind safe by ColorBrewer;</li>
 *   <li>sequential (shares): ColorBrewer's Blues, white to dark blue.</li>
 * </ul>
 * Every chart also prints its values as text (labels, tooltips, a data table), so colour is never the only
 * carrier of a value.
 *
 * <p>References: M. Okabe, K. Ito, "Color Universal Design", 2008, https://jfly.uni-koeln.de/color/;
 * P. Tol, "Colour schemes", SRON/EPS/TN/09-002, 2021, https://personal.sron.nl/~pault/; C. A. Brewer,
 * ColorBrewer 2.0, https://colorbrewer2.org.
 */
public final class Palette {
    private static final String[] CATEGORICAL = {
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
        "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"
    };
    private static final int[][] RDBU = {
        {0x21, 0x66, 0xAC}, {0x43, 0x93, 0xC3}, {0x92, 0xC5, 0xDE}, {0xD1, 0xE5, 0xF0}, {0xF7, 0xF7, 0xF7},
        {0xFD, 0xDB, 0xC7}, {0xF4, 0xA5, 0x82}, {0xD6, 0x60, 0x4D}, {0xB2, 0x18, 0x2B}
    };
    private static final int[][] BLUES = {
        {0xF7, 0xFB, 0xFF}, {0xDE, 0xEB, 0xF7}, {0xC6, 0xDB, 0xEF}, {0x9E, 0xCA, 0xE1}, {0x6B, 0xAE, 0xD6},
        {0x42, 0x92, 0xC6}, {0x21, 0x71, 0xB5}, {0x08, 0x51, 0x9C}, {0x08, 0x30, 0x6B}
    };
    /** The colour of noise (rows in no segment). */
    public static final String NOISE = "#9E9E9E";
    /** Text and axis colour. */
    public static final String INK = "#222222";
    /** Secondary text colour. */
    public static final String MUTED = "#5F6B76";
    /** Grid lines. */
    public static final String GRID = "#E3E7EB";

    private Palette() {
    }

    /** The number of distinct categorical colours before they repeat. */
    public static int categoricalSize() {
        return CATEGORICAL.length;
    }

    /** The categorical colour number {@code i} (cycling after {@link #categoricalSize()}). */
    public static String categorical(int i) {
        return CATEGORICAL[Math.floorMod(i, CATEGORICAL.length)];
    }

    /** The diverging colour of {@code t} in [-1, 1] (clamped): blue, near-white at 0, red. */
    public static String diverging(double t) {
        return ramp(RDBU, (Math.max(-1, Math.min(1, t)) + 1) / 2);
    }

    /** The sequential colour of {@code t} in [0, 1] (clamped): white to dark blue. */
    public static String sequential(double t) {
        return ramp(BLUES, Math.max(0, Math.min(1, t)));
    }

    /** Black or white, whichever reads better on {@code hex} (WCAG relative luminance above or below 0.4). */
    public static String textOn(String hex) {
        int r = Integer.parseInt(hex.substring(1, 3), 16);
        int g = Integer.parseInt(hex.substring(3, 5), 16);
        int b = Integer.parseInt(hex.substring(5, 7), 16);
        double l = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
        return l > 0.4 ? INK : "#FFFFFF";
    }

    private static double linear(int c) {
        double s = c / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    private static String ramp(int[][] stops, double t) {
        double x = t * (stops.length - 1);
        int i = Math.min((int) Math.floor(x), stops.length - 2);
        double f = x - i;
        int r = (int) Math.round(stops[i][0] + f * (stops[i + 1][0] - stops[i][0]));
        int g = (int) Math.round(stops[i][1] + f * (stops[i + 1][1] - stops[i][1]));
        int b = (int) Math.round(stops[i][2] + f * (stops[i + 1][2] - stops[i][2]));
        return String.format(Locale.ROOT, "#%02X%02X%02X", r, g, b);
    }
}
