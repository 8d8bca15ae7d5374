/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.report.internal.DataTable;
import dev.segmentation.report.internal.Markup;
import dev.segmentation.report.internal.Palette;
import dev.segmentation.report.internal.Scale;

import java.util.List;

import static dev.segmentation.report.internal.Markup.num;

/**
 * The frame every chart is drawn in: an SVG of fixed size with a title, a plot area inside margins, axes
 * with ticks, grid lines and titles, a legend, and the count of data marks. A chart draws into {@link #m}
 * and {@link #finish} wraps it in the root element with its text alternative.
 *
 * <p>Layout rules (the same for every chart): the title at the top left in 15 px bold; an optional legend
 * line under it; tick labels in 11 px; axis titles in 12 px; data marks carry {@code class="mark"} and a
 * {@code <title>} tooltip. Text widths are estimated at {@value #CHAR_WIDTH} of the font size per character
 * (the average advance of the usual sans-serif faces), which is enough to keep labels inside the frame.
 */
final class Canvas {
    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
            + "'Liberation Sans', 'DejaVu Sans', sans-serif";
    static final double CHAR_WIDTH = 0.58;
    static final int TICKS = 6;

    final Markup m = new Markup();
    final String id;
    final String title;
    final int width;
    final int height;
    /** The plot area: left, right, top and bottom edges in pixels. */
    final double left;
    final double right;
    final double top;
    final double bottom;
    private int marks;

    Canvas(String id, String title, int width, int height, double marginLeft, double marginTop, double marginRight,
           double marginBottom) {
        this.id = id;
        this.title = title;
        this.width = width;
        this.height = height;
        this.left = marginLeft;
        this.top = marginTop;
        this.right = width - marginRight;
        this.bottom = height - marginBottom;
        m.element("text", title, "x", "12", "y", "22", "font-size", "15", "font-weight", "600").newline();
    }

    /** The estimated width of a text in pixels. */
    static double textWidth(String s, double fontSize) {
        return s.length() * fontSize * CHAR_WIDTH;
    }

    /** A data mark: {@code <tag class="mark" ...><title>tooltip</title></tag>}. */
    void mark(String tag, String tooltip, String... attributes) {
        String[] a = new String[attributes.length + 2];
        a[0] = "class";
        a[1] = "mark";
        System.arraycopy(attributes, 0, a, 2, attributes.length);
        m.open(tag, a).element("title", tooltip).close(tag).newline();
        marks++;
    }

    /** The number of marks drawn so far. */
    int marks() {
        return marks;
    }

    /** Text at (x, y) in the ink colour, 11 px unless the attributes say otherwise. */
    void text(double x, double y, String text, String... attributes) {
        String[] a = new String[attributes.length + 4];
        a[0] = "x";
        a[1] = num(x);
        a[2] = "y";
        a[3] = num(y);
        System.arraycopy(attributes, 0, a, 4, attributes.length);
        m.element("text", text, a);
    }

    /** A straight line. */
    void line(double xa, double ya, double xb, double yb, String stroke, String... attributes) {
        String[] a = new String[attributes.length + 10];
        String[] base = {"x1", num(xa), "y1", num(ya), "x2", num(xb), "y2", num(yb), "stroke", stroke};
        System.arraycopy(base, 0, a, 0, base.length);
        System.arraycopy(attributes, 0, a, base.length, attributes.length);
        m.empty("line", a);
    }

    /** The bottom axis of a numeric scale, with vertical grid lines and its title under the tick labels. */
    void xAxis(Scale s, String axisTitle) {
        double[] t = s.ticks(TICKS);
        m.open("g", "font-size", "11", "fill", Palette.MUTED, "text-anchor", "middle");
        for (int i = 0; i < t.length; i++) {
            double x = s.map(t[i]);
            line(x, top, x, bottom, Palette.GRID);
            text(x, bottom + 16, s.label(t[i], TICKS));
        }
        m.close("g");
        line(left, bottom, right, bottom, Palette.INK);
        xTitle(axisTitle);
    }

    /** The title of the bottom axis. */
    void xTitle(String axisTitle) {
        text((left + right) / 2, bottom + 36, axisTitle, "text-anchor", "middle", "font-size", "12");
        m.newline();
    }

    /** The left axis of a numeric scale, with horizontal grid lines and its title rotated along it. */
    void yAxis(Scale s, String axisTitle) {
        double[] t = s.ticks(TICKS);
        m.open("g", "font-size", "11", "fill", Palette.MUTED, "text-anchor", "end");
        double widest = 0;
        for (int i = 0; i < t.length; i++) {
            double y = s.map(t[i]);
            line(left, y, right, y, Palette.GRID);
            String label = s.label(t[i], TICKS);
            widest = Math.max(widest, textWidth(label, 11));
            text(left - 6, y + 4, label);
        }
        m.close("g");
        line(left, top, left, bottom, Palette.INK);
        double x = Math.max(14, left - widest - 14);
        double y = (top + bottom) / 2;
        text(x, y, axisTitle, "text-anchor", "middle", "font-size", "12", "transform",
                "rotate(-90 " + num(x) + " " + num(y) + ")");
        m.newline();
    }

    /**
     * Category labels along the bottom, centred on {@code positions}; a label wider than {@code slot} breaks
     * at the space nearest its middle, and a line still too wide is cut with an ellipsis.
     */
    void xCategories(List<String> labels, double[] positions, double slot, String axisTitle) {
        m.open("g", "font-size", "11", "fill", Palette.INK, "text-anchor", "middle");
        boolean twoLines = false;
        for (int i = 0; i < labels.size(); i++) {
            String[] lines = wrap(labels.get(i), slot);
            for (int l = 0; l < lines.length; l++) {
                text(positions[i], bottom + 16 + 13 * l, lines[l]);
            }
            twoLines |= lines.length > 1;
        }
        m.close("g");
        line(left, bottom, right, bottom, Palette.INK);
        text((left + right) / 2, bottom + (twoLines ? 48 : 36), axisTitle, "text-anchor", "middle", "font-size", "12");
        m.newline();
    }

    /** A label in one or two lines that fit {@code slot} pixels at 11 px. */
    static String[] wrap(String label, double slot) {
        if (textWidth(label, 11) <= slot) {
            return new String[] {label};
        }
        int best = -1;
        for (int i = 0; i < label.length(); i++) {
            if (label.charAt(i) == ' ' && (best < 0 || Math.abs(i - label.length() / 2) < Math.abs(best
                    - label.length() / 2))) {
                best = i;
            }
        }
        if (best < 0) {
            return new String[] {shorten(label, slot)};
        }
        return new String[] {shorten(label.substring(0, best), slot), shorten(label.substring(best + 1), slot)};
    }

    /** A text cut with an ellipsis to fit {@code width} pixels at 11 px (the full text is in tooltips and tables). */
    static String shorten(String text, double width) {
        int max = (int) Math.floor(width / (11 * CHAR_WIDTH));
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "\u2026";
    }

    /**
     * A legend of coloured squares and names in one or more lines starting at (x, y), wrapping at the right
     * edge of the frame.
     *
     * @return the y of the line after the legend
     */
    double legend(List<String> names, List<String> colours, double x, double y) {
        m.open("g", "class", "legend", "font-size", "12");
        double cx = x;
        double cy = y;
        for (int i = 0; i < names.size(); i++) {
            double w = 18 + textWidth(names.get(i), 12) + 14;
            if (cx + w > width - 8 && cx > x) {
                cx = x;
                cy += 18;
            }
            m.empty("rect", "x", num(cx), "y", num(cy - 10), "width", "12", "height", "12", "rx", "2", "fill",
                    colours.get(i));
            text(cx + 17, cy, names.get(i));
            cx += w;
        }
        m.close("g").newline();
        return cy + 18;
    }

    /**
     * A row label left of the plot area: the segment's colour swatch and its name, left-aligned in a column
     * {@code nameWidth} wide, with the name's baseline at {@code baseline}.
     */
    void segmentLabel(SegmentStyle style, int label, double nameWidth, double baseline) {
        m.empty("rect", "x", num(left - nameWidth - 26), "y", num(baseline - 9), "width", "10", "height", "10", "rx",
                "2", "fill", style.colour(label));
        text(left - nameWidth - 12, baseline, style.name(label), "font-size", "12");
    }

    /** The legend of every segment of a style. */
    double legend(SegmentStyle style, double x, double y) {
        List<String> colours = new java.util.ArrayList<>(style.size());
        for (int i = 0; i < style.size(); i++) {
            colours.add(style.colour(i));
        }
        return legend(style.names(), colours, x, y);
    }

    /** The chart: the root {@code <svg>} with title, text alternative and mark count around what was drawn. */
    Chart finish(String description, DataTable data) {
        Markup root = new Markup();
        root.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 " + width + " " + height, "width",
                Integer.toString(width), "height", Integer.toString(height), "role", "img", "aria-labelledby",
                id + "-title " + id + "-desc", "data-chart", id, "data-marks", Integer.toString(marks),
                "font-family", FONT, "font-size", "12", "fill", Palette.INK).newline();
        root.element("title", title, "id", id + "-title").newline();
        root.element("desc", description, "id", id + "-desc").newline();
        root.empty("rect", "width", Integer.toString(width), "height", Integer.toString(height), "fill", "#FFFFFF")
                .newline();
        root.raw(m.toString());
        root.close("svg");
        return new Chart(id, title, description, root.toString(), marks, data, width);
    }
}
