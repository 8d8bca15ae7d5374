/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.report.internal.DataTable;
import dev.segmentation.report.internal.Format;
import dev.segmentation.report.internal.Palette;
import dev.segmentation.report.internal.Scale;
import dev.segmentation.validation.SegmentProfiles;

import java.util.ArrayList;
import java.util.List;

import static dev.segmentation.report.internal.Markup.num;

/** Charts of segment profiles: sizes and value shares, the heatmap of standardised means, box plots. */
final class SegmentCharts {
    static final String CUSTOMERS = "#A9B4BE";
    static final String VALUE = "#34495E";
    /** Box plots switch to a log axis when the whiskers span more than this ratio. */
    private static final double LOG_RATIO = 1000;

    private SegmentCharts() {
    }

    /** The segments in the order a reader wants them: largest value share first, else largest first. */
    static List<SegmentProfiles.Profile> ordered(SegmentProfiles profiles) {
        List<SegmentProfiles.Profile> p = new ArrayList<>(profiles.profiles());
        boolean value = profiles.valueColumn() != null;
        p.sort((a, b) -> {
            int c = value ? Double.compare(nanLow(b.valueShare()), nanLow(a.valueShare()))
                    : Long.compare(b.size(), a.size());
            return c != 0 ? c : Integer.compare(a.label(), b.label());
        });
        return p;
    }

    private static double nanLow(double v) {
        return Double.isNaN(v) ? -1 : v;
    }

    static Chart sizes(SegmentProfiles profiles, SegmentStyle style, String valueLabel) {
        checkStyle(profiles, style);
        List<SegmentProfiles.Profile> rows = ordered(profiles);
        boolean value = profiles.valueColumn() != null;
        double nameWidth = 0;
        for (int i = 0; i < rows.size(); i++) {
            nameWidth = Math.max(nameWidth, Canvas.textWidth(style.name(rows.get(i).label()), 12));
        }
        double rowHeight = value ? 44 : 26;
        int height = (int) Math.ceil(70 + rows.size() * rowHeight + 50);
        String title = value ? "Share of customers and of " + valueLabel + " by segment"
                : "Share of customers by segment";
        Canvas c = new Canvas("sizes", title, 640, height, nameWidth + 34, 70, 60, 50);
        double max = 0;
        for (int i = 0; i < rows.size(); i++) {
            max = Math.max(max, rows.get(i).share());
            if (value) {
                max = Math.max(max, nanLow(rows.get(i).valueShare()));
            }
        }
        Scale x = Scale.nice(0, 100 * max, c.left, c.right, Canvas.TICKS);
        c.xAxis(x, "share (%)");
        c.legend(value ? List.of("customers", valueLabel) : List.of("customers"),
                value ? List.of(CUSTOMERS, VALUE) : List.of(CUSTOMERS), 12, 44);
        DataTable.Builder table = value ? DataTable.of("segment", "customers", "share of customers",
                "share of " + valueLabel) : DataTable.of("segment", "customers", "share of customers");
        for (int i = 0; i < rows.size(); i++) {
            SegmentProfiles.Profile p = rows.get(i);
            String name = style.name(p.label());
            double y = c.top + 8 + i * rowHeight;
            c.segmentLabel(style, p.label(), nameWidth, y + 11);
            bar(c, x, y, p.share(), CUSTOMERS, name + ": " + Format.count(p.size()) + " customers, "
                    + Format.percent(p.share()) + " of all");
            if (value) {
                bar(c, x, y + 16, p.valueShare(), VALUE, name + ": " + Format.percent(p.valueShare()) + " of "
                        + valueLabel);
                table.row(name, Format.count(p.size()), Format.percent(p.share()), Format.percent(p.valueShare()));
            } else {
                table.row(name, Format.count(p.size()), Format.percent(p.share()));
            }
        }
        StringBuilder d = new StringBuilder("Horizontal bars per segment: its share of customers");
        d.append(value ? " and its share of " + valueLabel + ". " : ". ");
        SegmentProfiles.Profile first = rows.get(0);
        d.append(style.name(first.label())).append(" has ").append(Format.percent(first.share()))
                .append(" of customers");
        if (value) {
            d.append(" and ").append(Format.percent(first.valueShare())).append(" of ").append(valueLabel);
        }
        d.append('.');
        return c.finish(d.toString(), table.build());
    }

    private static void bar(Canvas c, Scale x, double y, double share, String fill, String tooltip) {
        double s = Double.isNaN(share) ? 0 : share;
        double w = Math.max(0, x.map(100 * s) - c.left);
        c.mark("rect", tooltip, "x", num(c.left), "y", num(y), "width", num(w), "height", "14", "fill", fill);
        c.text(c.left + w + 4, y + 11, Format.percent(share), "font-size", "11");
    }

    static Chart heatmap(SegmentProfiles profiles, SegmentStyle style, List<FeatureDescription> features) {
        checkStyle(profiles, style);
        List<FeatureDescription> f = FeatureDescription.forColumns(profiles.columns(), features);
        List<SegmentProfiles.Profile> rows = ordered(profiles);
        double nameWidth = 0;
        for (int i = 0; i < rows.size(); i++) {
            nameWidth = Math.max(nameWidth, Canvas.textWidth(style.name(rows.get(i).label()), 12));
        }
        double cellW = 104;
        for (int j = 0; j < f.size(); j++) {
            cellW = Math.max(cellW, Canvas.textWidth(f.get(j).label(), 12) + 12);
        }
        double cellH = 40;
        int width = (int) Math.ceil(nameWidth + 40 + f.size() * cellW + 20);
        int height = (int) Math.ceil(80 + rows.size() * cellH + 70);
        Canvas c = new Canvas("profile-heatmap", "How each segment differs from all customers", Math.max(width, 460),
                height, nameWidth + 40, 80, 20, 70);
        c.text(12, 40, "colour: mean minus the mean of all customers, in standard deviations (z-score); text: median",
                "font-size", "11", "fill", Palette.MUTED);
        String[] header = new String[f.size() + 1];
        header[0] = "segment";
        for (int j = 0; j < f.size(); j++) {
            double cx = c.left + (j + 0.5) * cellW;
            c.text(cx, c.top - 10, f.get(j).label(), "text-anchor", "middle", "font-size", "12", "font-weight", "600");
            header[j + 1] = f.get(j).label() + " z (median)";
        }
        DataTable.Builder table = DataTable.of(header);
        for (int i = 0; i < rows.size(); i++) {
            SegmentProfiles.Profile p = rows.get(i);
            String name = style.name(p.label());
            double y = c.top + i * cellH;
            c.text(c.left - 10, y + cellH / 2 + 4, name, "text-anchor", "end", "font-size", "12");
            String[] cells = new String[f.size() + 1];
            cells[0] = name;
            for (int j = 0; j < f.size(); j++) {
                double z = p.zScore(j);
                String fill = Palette.diverging(z / 2);
                String ink = Palette.textOn(fill);
                double x = c.left + j * cellW;
                String median = Format.number(p.median(j)) + unitSuffix(f.get(j));
                c.mark("rect", name + ", " + f.get(j).label() + ": z " + Format.signed(z) + ", median " + median,
                        "x", num(x), "y", num(y), "width", num(cellW - 2), "height", num(cellH - 2), "fill", fill);
                c.text(x + cellW / 2, y + 17, Format.signed(z), "text-anchor", "middle", "font-size", "12",
                        "font-weight", "600", "fill", ink);
                c.text(x + cellW / 2, y + 31, "median " + median, "text-anchor", "middle", "font-size", "10",
                        "fill", ink);
                cells[j + 1] = Format.signed(z) + " (" + median + ")";
            }
            table.row(cells);
        }
        colourBar(c, c.left, c.bottom + 22);
        return c.finish("Heatmap of " + rows.size() + " segments by " + f.size() + " features. Each cell's colour is "
                + "the segment mean's distance from the mean of all customers in standard deviations (blue below, "
                + "red above); the text gives that z-score and the segment median.", table.build());
    }

    /** The key of the diverging colours, -2 to +2 standard deviations. */
    private static void colourBar(Canvas c, double x, double y) {
        int steps = 9;
        double w = 24;
        c.m.open("g", "class", "colour-key", "font-size", "10", "fill", Palette.MUTED, "text-anchor", "middle");
        for (int s = 0; s < steps; s++) {
            double z = -2 + 4.0 * s / (steps - 1);
            c.m.empty("rect", "x", num(x + s * w), "y", num(y), "width", num(w), "height", "10", "fill",
                    Palette.diverging(z / 2));
            if (s % 2 == 0) {
                c.text(x + s * w + w / 2, y + 22, z == 0 ? "0" : Format.signed(z).replace(".00", "") + " sd");
            }
        }
        c.m.close("g").newline();
        c.text(x + steps * w + 10, y + 9, "below \u2190 population mean \u2192 above", "font-size", "10", "fill",
                Palette.MUTED);
    }

    static String unitSuffix(FeatureDescription f) {
        return f.unit().isEmpty() ? "" : " " + f.unit();
    }

    static Chart boxPlot(SegmentProfiles profiles, SegmentStyle style, FeatureDescription feature) {
        checkStyle(profiles, style);
        int j = profiles.columns().indexOf(feature.column());
        if (j < 0) {
            throw new IllegalArgumentException("No column '" + feature.column() + "' in the profiles; the columns are "
                    + profiles.columns());
        }
        List<SegmentProfiles.Profile> rows = new ArrayList<>();
        for (SegmentProfiles.Profile p : ordered(profiles)) {
            if (p.size() > 0) {
                rows.add(p);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("Every segment is empty; no box to draw");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double slot = 80;
        for (int i = 0; i < rows.size(); i++) {
            lo = Math.min(lo, rows.get(i).lowerWhisker(j));
            hi = Math.max(hi, rows.get(i).upperWhisker(j));
        }
        double popMedian = profiles.populationMedians()[j];
        lo = Math.min(lo, popMedian);
        hi = Math.max(hi, popMedian);
        boolean log = lo > 0 && hi / lo > LOG_RATIO;
        int width = (int) Math.max(420, 80 + rows.size() * slot + 20);
        Canvas c = new Canvas("box-" + slug(feature.column()), capitalised(feature.label()) + " by segment", width,
                360, 80, 48, 20, 70);
        Scale y = log ? Scale.niceLog(lo, hi, c.bottom, c.top) : Scale.nice(Math.min(0, lo), hi, c.bottom, c.top,
                Canvas.TICKS);
        c.yAxis(y, feature.withUnit() + (log ? ", log scale" : ""));
        List<String> names = new ArrayList<>();
        double[] pos = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            names.add(style.name(rows.get(i).label()));
            pos[i] = c.left + (i + 0.5) * (c.right - c.left) / rows.size();
        }
        c.xCategories(names, pos, (c.right - c.left) / rows.size() - 6, "segment");
        double py = y.map(popMedian);
        String unit = unitSuffix(feature);
        c.line(c.left, py, c.right, py, Palette.MUTED, "stroke-dasharray", "5 4");
        c.line(c.right - 190, c.top - 16, c.right - 166, c.top - 16, Palette.MUTED, "stroke-dasharray", "5 4");
        c.text(c.right - 160, c.top - 12, "median of all customers: " + Format.number(popMedian) + unit, "font-size",
                "11", "fill", Palette.MUTED);
        DataTable.Builder table = DataTable.of("segment", "lower whisker", "Q1", "median", "Q3", "upper whisker");
        double bw = 34;
        for (int i = 0; i < rows.size(); i++) {
            SegmentProfiles.Profile p = rows.get(i);
            String name = style.name(p.label());
            String colour = style.colour(p.label());
            double x = pos[i];
            double q1 = y.map(p.quartile1(j));
            double q3 = y.map(p.quartile3(j));
            double wl = y.map(p.lowerWhisker(j));
            double wh = y.map(p.upperWhisker(j));
            c.m.open("g", "class", "whisker", "stroke", Palette.INK);
            c.line(x, wh, x, q3, Palette.INK);
            c.line(x, q1, x, wl, Palette.INK);
            c.line(x - bw / 4, wh, x + bw / 4, wh, Palette.INK);
            c.line(x - bw / 4, wl, x + bw / 4, wl, Palette.INK);
            c.m.close("g");
            c.mark("rect", name + ": median " + Format.number(p.median(j)) + unit + ", quartiles "
                            + Format.number(p.quartile1(j)) + " to " + Format.number(p.quartile3(j)) + ", whiskers "
                            + Format.number(p.lowerWhisker(j)) + " to " + Format.number(p.upperWhisker(j)), "x",
                    num(x - bw / 2), "y", num(q3), "width", num(bw), "height", num(Math.max(1, q1 - q3)), "fill",
                    colour, "fill-opacity", "0.7", "stroke", colour, "stroke-width", "1.5");
            double md = y.map(p.median(j));
            c.line(x - bw / 2, md, x + bw / 2, md, Palette.INK, "class", "median", "stroke-width", "2.5");
            table.row(name, Format.number(p.lowerWhisker(j)), Format.number(p.quartile1(j)),
                    Format.number(p.median(j)), Format.number(p.quartile3(j)), Format.number(p.upperWhisker(j)));
        }
        SegmentProfiles.Profile top = rows.get(0);
        return c.finish("Box plots of " + feature.label() + " per segment: the box spans the middle half of the "
                + "segment's customers (first to third quartile), the thick line is the median, the whiskers reach "
                + "the most extreme values within 1.5 box lengths; the dashed line is the median of all customers ("
                + Format.number(popMedian) + unit + "). " + style.name(top.label()) + ": median "
                + Format.number(top.median(j)) + unit + (log ? ". Logarithmic axis." : "."), table.build());
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A column name as an id fragment: letters, digits and dashes. */
    static String slug(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = Character.toLowerCase(s.charAt(i));
            sb.append((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '-');
        }
        return sb.toString();
    }

    static void checkStyle(SegmentProfiles profiles, SegmentStyle style) {
        if (style.size() != profiles.profiles().size()) {
            throw new IllegalArgumentException("The style names " + style.size() + " segments but the profiles have "
                    + profiles.profiles().size());
        }
    }
}
