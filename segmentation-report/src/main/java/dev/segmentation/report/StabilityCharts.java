/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.report.internal.DataTable;
import dev.segmentation.report.internal.Format;
import dev.segmentation.report.internal.Palette;
import dev.segmentation.report.internal.Scale;
import dev.segmentation.validation.stability.BootstrapStability;
import dev.segmentation.validation.stability.Migration;

import java.util.ArrayList;
import java.util.List;

import static dev.segmentation.report.internal.Markup.num;

/** Charts of stability and movement: bootstrap Jaccard per segment, the migration heatmap and flow. */
final class StabilityCharts {
    /** The thresholds of Hennig's reading of the mean Jaccard coefficient, drawn on the chart. */
    static final double[] THRESHOLDS = {0.6, 0.75, 0.85};

    private StabilityCharts() {
    }

    /**
     * Hennig's reading of a mean Jaccard coefficient (fpc's {@code clusterboot} documentation): 0.85 and above
     * highly stable, 0.75 and above stable, 0.6 to 0.75 a pattern whose members are doubtful, below 0.6 not
     * to be trusted.
     */
    static String verdict(double jaccard) {
        if (jaccard >= 0.85) {
            return "highly stable";
        }
        if (jaccard >= 0.75) {
            return "stable";
        }
        if (jaccard >= 0.6) {
            return "a pattern, but which customers belong is doubtful";
        }
        return "not to be trusted";
    }

    static Chart jaccard(BootstrapStability.Result r, SegmentStyle style) {
        int[] labels = r.clusterLabels();
        for (int i = 0; i < labels.length; i++) {
            style.colour(labels[i]);
        }
        double nameWidth = 0;
        for (int i = 0; i < labels.length; i++) {
            nameWidth = Math.max(nameWidth, Canvas.textWidth(style.name(labels[i]), 12));
        }
        double row = 30;
        int height = (int) Math.ceil(70 + labels.length * row + 52);
        Canvas c = new Canvas("bootstrap-jaccard", "Stability of each segment under " + r.replicates() + " "
                + (r.isBootstrap() ? "bootstrap" : "subsample") + " refits", 640, height, nameWidth + 34, 70, 70, 52);
        Scale x = Scale.linear(0, 1, c.left, c.right);
        c.xAxis(x, "Jaccard similarity of the refitted segment with the original (0 to 1)");
        for (int t = 0; t < THRESHOLDS.length; t++) {
            double tx = x.map(THRESHOLDS[t]);
            c.line(tx, c.top - 4, tx, c.bottom, Palette.MUTED, "stroke-dasharray", "3 3");
            c.text(tx, c.top - 8, Double.toString(THRESHOLDS[t]), "text-anchor", "middle",
                    "font-size", "10", "fill", Palette.MUTED);
        }
        c.text(12, 44, "bars: mean over refits; dots: each refit; dashed: Hennig's readings (below 0.6 not to be "
                + "trusted, 0.75 stable, 0.85 highly stable)", "font-size", "11", "fill", Palette.MUTED);
        DataTable.Builder table = DataTable.of("segment", "mean Jaccard", "recovered", "dissolved", "reading");
        for (int i = 0; i < labels.length; i++) {
            int s = labels[i];
            double y = c.top + 6 + i * row;
            double mean = r.meanJaccard(s);
            String name = style.name(s);
            c.segmentLabel(style, s, nameWidth, y + 12);
            c.mark("rect", name + ": mean Jaccard " + Format.fixed(mean, 3) + ", recovered in " + r.recovered(s)
                            + " of " + r.replicates() + ", dissolved in " + r.dissolved(s), "x", num(c.left), "y",
                    num(y), "width", num(Math.max(0, x.map(mean) - c.left)), "height", "16", "fill", style.colour(s),
                    "fill-opacity", "0.75");
            c.text(c.right + 6, y + 12, Format.fixed(mean, 2), "font-size", "11");
            double[] v = r.jaccardValues(s);
            c.m.open("g", "class", "replicates", "fill", Palette.INK, "fill-opacity", "0.55");
            for (int b = 0; b < v.length; b++) {
                if (!Double.isNaN(v[b])) {
                    c.m.empty("circle", "cx", num(x.map(v[b])), "cy", num(y + 8), "r", "2");
                }
            }
            c.m.close("g").newline();
            table.row(name, Format.fixed(mean, 3), r.recovered(s) + "/" + r.replicates(),
                    r.dissolved(s) + "/" + r.replicates(), verdict(mean));
        }
        return c.finish("Bar chart of the mean Jaccard coefficient of each segment over " + r.replicates()
                + " refits on resampled customers (Hennig 2007), with one dot per refit; from 0.75 a segment is "
                + "stable, below 0.6 it is not to be trusted. Mean ARI " + Format.fixed(r.meanAri(), 3) + ".",
                table.build());
    }

    static Chart migrationHeatmap(Migration m, SegmentStyle style, String fromLabel, String toLabel) {
        int[] from = m.fromSegments();
        int[] to = m.toSegments();
        long[][] counts = m.counts();
        double nameWidth = 0;
        for (int i = 0; i < from.length; i++) {
            nameWidth = Math.max(nameWidth, Canvas.textWidth(style.name(from[i]), 12));
        }
        double cellW = 84;
        for (int j = 0; j < to.length; j++) {
            cellW = Math.max(cellW, Canvas.textWidth(style.name(to[j]), 11) / 2 + 10);
        }
        double cellH = 38;
        int width = (int) Math.max(480, Math.ceil(nameWidth + 48 + to.length * cellW + 20));
        int height = (int) Math.ceil(96 + from.length * cellH + 40);
        Canvas c = new Canvas("migration-heatmap", "Where the customers of each segment went", width, height,
                nameWidth + 48, 96, 20, 40);
        c.text(12, 42, "rows: segment in " + fromLabel + ";", "font-size", "11", "fill", Palette.MUTED);
        c.text(12, 56, "columns: segment in " + toLabel + "; cells: share of the row (customers)", "font-size", "11",
                "fill", Palette.MUTED);
        double slot = cellW - 4;
        for (int j = 0; j < to.length; j++) {
            String[] lines = Canvas.wrap(style.name(to[j]), slot);
            double cx = c.left + (j + 0.5) * cellW;
            for (int l = 0; l < lines.length; l++) {
                c.text(cx, c.top - 10 - 13 * (lines.length - 1 - l), lines[l], "text-anchor", "middle", "font-size",
                        "11", "font-weight", "600");
            }
        }
        c.text(c.left - 10, c.top - 10, "from \\ to", "text-anchor", "end", "font-size", "11", "fill", Palette.MUTED);
        String[] header = new String[to.length + 2];
        header[0] = "from \\ to";
        for (int j = 0; j < to.length; j++) {
            header[j + 1] = style.name(to[j]);
        }
        header[to.length + 1] = "customers";
        DataTable.Builder table = DataTable.of(header);
        for (int i = 0; i < from.length; i++) {
            long total = 0;
            for (int j = 0; j < to.length; j++) {
                total += counts[i][j];
            }
            double y = c.top + i * cellH;
            c.text(c.left - 10, y + cellH / 2 + 4, style.name(from[i]), "text-anchor", "end", "font-size", "12");
            String[] cells = new String[to.length + 2];
            cells[0] = style.name(from[i]);
            for (int j = 0; j < to.length; j++) {
                double share = total == 0 ? 0 : (double) counts[i][j] / total;
                String fill = Palette.sequential(share);
                double x = c.left + j * cellW;
                c.mark("rect", style.name(from[i]) + " to " + style.name(to[j]) + ": " + Format.percent(share) + " ("
                                + Format.count(counts[i][j]) + " customers)", "x", num(x), "y", num(y), "width",
                        num(cellW - 2), "height", num(cellH - 2), "fill", fill, "stroke", from[i] == to[j]
                                ? Palette.INK : "none", "stroke-width", "1.5");
                String ink = Palette.textOn(fill);
                c.text(x + cellW / 2, y + 16, Format.percent(share), "text-anchor", "middle", "font-size", "12",
                        "font-weight", from[i] == to[j] ? "700" : "400", "fill", ink);
                c.text(x + cellW / 2, y + 29, "(" + Format.count(counts[i][j]) + ")", "text-anchor", "middle",
                        "font-size", "10", "fill", ink);
                cells[j + 1] = Format.percent(share);
            }
            cells[to.length + 1] = Format.count(total);
            table.row(cells);
        }
        return c.finish("Heatmap of how " + Format.count(m.total()) + " customers moved from their segment in "
                + fromLabel + " (rows) to their segment in " + toLabel + " (columns); each cell is the share of its "
                + "row, the outlined diagonal is the customers who stayed. " + Format.percent(m.reassignmentRate())
                + " changed segment.", table.build());
    }

    static Chart migrationFlow(Migration m, SegmentStyle style, String fromLabel, String toLabel) {
        int[] from = m.fromSegments();
        int[] to = m.toSegments();
        long[][] counts = m.counts();
        long total = m.total();
        double nameWidth = 0;
        for (int i = 0; i < from.length; i++) {
            nameWidth = Math.max(nameWidth, Canvas.textWidth(style.name(from[i]) + " 00,000", 12));
        }
        for (int j = 0; j < to.length; j++) {
            nameWidth = Math.max(nameWidth, Canvas.textWidth(style.name(to[j]) + " 00,000", 12));
        }
        double gap = 10;
        double plotH = 380;
        int width = (int) Math.ceil(Math.max(640, 2 * (nameWidth + 20) + 420));
        Canvas c = new Canvas("migration-flow", "Flow of customers between segments",
                width, (int) plotH + 100, nameWidth + 20, 60, nameWidth + 20, 40);
        double unit = (plotH - gap * (Math.max(from.length, to.length) - 1)) / total;
        double nodeW = 14;
        double xl = c.left;
        double xr = c.right - nodeW;
        c.text(xl + nodeW, c.top - 12, fromLabel, "font-size", "12", "font-weight", "600", "text-anchor", "end");
        c.text(xr, c.top - 12, toLabel, "font-size", "12", "font-weight", "600");
        double[] fromY = new double[from.length];
        double[] toY = new double[to.length];
        long[] rowTotal = new long[from.length];
        long[] colTotal = new long[to.length];
        for (int i = 0; i < from.length; i++) {
            for (int j = 0; j < to.length; j++) {
                rowTotal[i] += counts[i][j];
                colTotal[j] += counts[i][j];
            }
        }
        double y = c.top;
        for (int i = 0; i < from.length; i++) {
            fromY[i] = y;
            y += rowTotal[i] * unit + gap;
        }
        y = c.top;
        for (int j = 0; j < to.length; j++) {
            toY[j] = y;
            y += colTotal[j] * unit + gap;
        }
        // flows leave each source in target order and enter each target in source order, so none cross at a node
        double[] outAt = fromY.clone();
        double[] inAt = toY.clone();
        List<String[]> rows = new ArrayList<>();
        c.m.open("g", "class", "flows", "fill-opacity", "0.45");
        for (int i = 0; i < from.length; i++) {
            for (int j = 0; j < to.length; j++) {
                long v = counts[i][j];
                if (v == 0) {
                    continue;
                }
                double h = v * unit;
                double y0 = outAt[i];
                double y1 = inAt[j];
                outAt[i] += h;
                inAt[j] += h;
                double xa = xl + nodeW;
                double xb = xr;
                double xm = (xa + xb) / 2;
                String d = "M" + num(xa) + " " + num(y0) + " C" + num(xm) + " " + num(y0) + " " + num(xm) + " "
                        + num(y1) + " " + num(xb) + " " + num(y1) + " V" + num(y1 + h) + " C" + num(xm) + " "
                        + num(y1 + h) + " " + num(xm) + " " + num(y0 + h) + " " + num(xa) + " " + num(y0 + h) + " Z";
                double share = (double) v / rowTotal[i];
                c.mark("path", style.name(from[i]) + " to " + style.name(to[j]) + ": " + Format.count(v)
                        + " customers (" + Format.percent(share) + " of " + style.name(from[i]) + ")", "d", d, "fill",
                        style.colour(from[i]));
                rows.add(new String[] {style.name(from[i]), style.name(to[j]), Format.count(v), Format.percent(share)});
            }
        }
        c.m.close("g").newline();
        c.m.open("g", "class", "nodes");
        for (int i = 0; i < from.length; i++) {
            double h = Math.max(1, rowTotal[i] * unit);
            c.m.empty("rect", "x", num(xl), "y", num(fromY[i]), "width", num(nodeW), "height", num(h), "fill",
                    style.colour(from[i]));
            c.text(xl - 6, fromY[i] + h / 2 + 4, style.name(from[i]) + " " + Format.count(rowTotal[i]), "text-anchor",
                    "end", "font-size", "12");
        }
        for (int j = 0; j < to.length; j++) {
            double h = Math.max(1, colTotal[j] * unit);
            c.m.empty("rect", "x", num(xr), "y", num(toY[j]), "width", num(nodeW), "height", num(h), "fill",
                    style.colour(to[j]));
            c.text(xr + nodeW + 6, toY[j] + h / 2 + 4, style.name(to[j]) + " " + Format.count(colTotal[j]),
                    "font-size", "12");
        }
        c.m.close("g").newline();
        DataTable.Builder table = DataTable.of("from", "to", "customers", "share of from");
        for (int r = 0; r < rows.size(); r++) {
            table.row(rows.get(r));
        }
        return c.finish("Flow diagram of " + Format.count(total) + " customers from their segment in " + fromLabel
                + " (left) to their segment in " + toLabel + " (right); each band's thickness is the number of "
                + "customers who made that move, coloured by where they came from.", table.build());
    }
}
