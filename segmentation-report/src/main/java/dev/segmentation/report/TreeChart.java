/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.core.hierarchical.Dendrogram;
import dev.segmentation.report.internal.DataTable;
import dev.segmentation.report.internal.Format;
import dev.segmentation.report.internal.Palette;
import dev.segmentation.report.internal.Scale;

import java.util.ArrayList;
import java.util.List;

import static dev.segmentation.report.internal.Markup.num;

/**
 * A dendrogram drawn sideways: leaves down the left, merge height growing to the right, each merge an elbow
 * link. Large trees are truncated as SciPy's {@code dendrogram(Z, truncate_mode="lastp", p=maxLeaves)} does:
 * only the last {@code p - 1} merges are drawn, and each cluster formed before them is one leaf labelled with
 * its number of original leaves.
 */
final class TreeChart {
    private static final double ROW = 22;

    private TreeChart() {
    }

    /**
     * @param leafNames a name per original leaf, or null (leaves are then numbered)
     * @param leafColours a colour per original leaf, or null; a truncated leaf gets the colour its leaves share,
     *     grey when they differ
     * @param cutHeight a height to mark with a dashed line, or NaN
     * @param cutLabel the label of that line
     */
    static Chart draw(String id, String title, Dendrogram d, int maxLeaves, List<String> leafNames,
                      List<String> leafColours, double cutHeight, String cutLabel, String axisTitle,
                      String what) {
        int n = d.leaves();
        if (maxLeaves < 2) {
            throw new IllegalArgumentException("maxLeaves must be >= 2 but was " + maxLeaves);
        }
        if (leafNames != null && leafNames.size() != n) {
            throw new IllegalArgumentException(leafNames.size() + " leaf names were given for " + n + " leaves");
        }
        if (leafColours != null && leafColours.size() != n) {
            throw new IllegalArgumentException(leafColours.size() + " leaf colours were given for " + n + " leaves");
        }
        int p = Math.min(maxLeaves, n);
        int firstShown = n + (n - p);       // node ids >= this are drawn as merges
        Layout layout = new Layout(d, n, firstShown, leafNames, leafColours);
        layout.place(2 * n - 2);
        double labelWidth = 0;
        for (int i = 0; i < layout.leafLabels.size(); i++) {
            labelWidth = Math.max(labelWidth, Canvas.textWidth(layout.leafLabels.get(i), 12));
        }
        int height = (int) Math.ceil(60 + p * ROW + 56);
        Canvas c = new Canvas(id, title, 640, height, labelWidth + 30, 60, 24, 56);
        double maxH = d.height(n - 2);
        Scale x = Scale.nice(0, Math.max(maxH, Double.isNaN(cutHeight) ? 0 : cutHeight), c.left, c.right,
                Canvas.TICKS);
        c.xAxis(x, axisTitle);
        if (p < n) {
            c.text(12, 42, "the last " + (p - 1) + " of " + Format.count(n - 1)
                    + " merges; (n) = a cluster of n leaves", "font-size", "11", "fill", Palette.MUTED);
        }
        for (int i = 0; i < layout.leafLabels.size(); i++) {
            double y = c.top + (i + 0.5) * ROW;
            String colour = layout.leafColour.get(i);
            if (colour != null) {
                c.m.empty("rect", "x", num(c.left - labelWidth - 24), "y", num(y - 6), "width", "10", "height", "10",
                        "rx", "2", "fill", colour);
            }
            c.text(c.left - 8, y + 4, layout.leafLabels.get(i), "text-anchor", "end", "font-size", "12");
        }
        if (!Double.isNaN(cutHeight)) {
            double cx = x.map(cutHeight);
            c.line(cx, c.top - 6, cx, c.bottom, Palette.MUTED, "stroke-dasharray", "5 4");
            c.text(cx + 4, c.bottom - 6, cutLabel, "font-size", "11", "fill", Palette.MUTED);
        }
        DataTable.Builder table = DataTable.of("merge", "height", "joins", "with", "leaves");
        c.m.open("g", "fill", "none", "stroke-width", "1.8");
        for (int r = n - p; r < n - 1; r++) {
            int a = d.left(r);
            int b = d.right(r);
            double h = d.height(r);
            double ya = c.top + layout.y[a] * ROW;
            double yb = c.top + layout.y[b] * ROW;
            String colour = layout.colour[a] != null && layout.colour[a].equals(layout.colour[b]) ? layout.colour[a]
                    : Palette.INK;
            String path = "M" + num(x.map(layout.h[a])) + " " + num(ya) + " H" + num(x.map(h)) + " V" + num(yb) + " H"
                    + num(x.map(layout.h[b]));
            c.mark("path", "merge at height " + Format.number(h) + ": " + layout.name(a) + " with " + layout.name(b)
                    + " (" + Format.count(d.size(r)) + " leaves)", "d", path, "stroke", colour);
            table.row(Integer.toString(r + 1), Format.number(h), layout.name(a), layout.name(b),
                    Format.count(d.size(r)));
        }
        c.m.close("g").newline();
        return c.finish("Dendrogram of " + what + ": " + (p < n ? "the last " + (p - 1) + " merges of "
                + Format.count(n) + " leaves" : Format.count(n) + " leaves") + ", merged from left (similar) to right "
                + "(different); the final merge is at height " + Format.number(maxH) + ".", table.build());
    }

    /** Positions of the drawn nodes: leaves get rows in depth-first order, merges the mean of their children. */
    private static final class Layout {
        final Dendrogram d;
        final int n;
        final int firstShown;
        final List<String> names;
        final List<String> colours;
        final double[] y;
        final double[] h;
        final String[] colour;
        final String[] label;
        final List<String> leafLabels = new ArrayList<>();
        final List<String> leafColour = new ArrayList<>();

        Layout(Dendrogram d, int n, int firstShown, List<String> names, List<String> colours) {
            this.d = d;
            this.n = n;
            this.firstShown = firstShown;
            this.names = names;
            this.colours = colours;
            this.y = new double[2 * n - 1];
            this.h = new double[2 * n - 1];
            this.colour = new String[2 * n - 1];
            this.label = new String[2 * n - 1];
        }

        /** Places node {@code id} and everything drawn below it (depth at most the number of drawn merges). */
        void place(int id) {
            if (id >= firstShown) {
                int r = id - n;
                place(d.left(r));
                place(d.right(r));
                y[id] = (y[d.left(r)] + y[d.right(r)]) / 2;
                h[id] = d.height(r);
                String ca = colour[d.left(r)];
                colour[id] = ca != null && ca.equals(colour[d.right(r)]) ? ca : null;
                return;
            }
            y[id] = leafLabels.size() + 0.5;
            h[id] = 0;
            colour[id] = colours == null ? null : sharedColour(id);
            if (id < n) {
                label[id] = names == null ? "leaf " + id : names.get(id);
            } else {
                label[id] = "(" + Format.count(d.size(id - n)) + ")";
            }
            leafLabels.add(label[id]);
            leafColour.add(colour[id]);
        }

        String name(int id) {
            return id >= firstShown ? "cluster of " + Format.count(d.size(id - n)) : label[id];
        }

        /** The colour every original leaf under {@code id} has, or grey when they differ. */
        private String sharedColour(int id) {
            String shared = null;
            int[] stack = new int[2 * n];
            int top = 0;
            stack[top++] = id;
            while (top > 0) {
                int v = stack[--top];
                if (v < n) {
                    String cv = colours.get(v);
                    if (shared == null) {
                        shared = cv;
                    } else if (!shared.equals(cv)) {
                        return Palette.NOISE;
                    }
                } else {
                    stack[top++] = d.left(v - n);
                    stack[top++] = d.right(v - n);
                }
            }
            return shared;
        }
    }
}
