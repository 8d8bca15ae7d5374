/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.report.internal.DataTable;
import dev.segmentation.report.internal.Format;
import dev.segmentation.report.internal.Palette;
import dev.segmentation.report.internal.Scale;

import java.util.List;

import static dev.segmentation.report.internal.Markup.num;

/**
 * The scatter plot of a {@link Projection}: points coloured by segment, centres as large labelled dots, and
 * the feature directions (loadings) as arrows from the mean, on axes with equal units.
 */
final class ProjectionChart {
    private ProjectionChart() {
    }

    static Chart draw(Projection p, SegmentStyle style, List<FeatureDescription> features) {
        double[] x = p.x();
        double[] y = p.y();
        int[] labels = p.labels();
        double[] cx = p.centreX();
        double[] cy = p.centreY();
        for (int i = 0; i < labels.length; i++) {
            style.colour(labels[i]);
        }
        if (cx.length > style.size()) {
            throw new IllegalArgumentException("The projection has " + cx.length + " centres but the style names "
                    + style.size() + " segments");
        }
        List<FeatureDescription> f = FeatureDescription.forColumns(p.columns(), features);
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            x0 = Math.min(x0, x[i]);
            x1 = Math.max(x1, x[i]);
            y0 = Math.min(y0, y[i]);
            y1 = Math.max(y1, y[i]);
        }
        for (int i = 0; i < cx.length; i++) {
            x0 = Math.min(x0, cx[i]);
            x1 = Math.max(x1, cx[i]);
            y0 = Math.min(y0, cy[i]);
            y1 = Math.max(y1, cy[i]);
        }
        Canvas c = new Canvas("projection", "Customers on the first two principal components", 720, 560, 64, 70, 20,
                52);
        c.legend(style, 12, 44);
        // equal units on both axes, the data centred in the plot area
        double w = c.right - c.left;
        double h = c.bottom - c.top;
        double unit = Math.min(w / Math.max(x1 - x0, 1e-9), h / Math.max(y1 - y0, 1e-9)) * 0.96;
        double mx = (x0 + x1) / 2;
        double my = (y0 + y1) / 2;
        Scale sx = Scale.linear(mx - w / 2 / unit, mx + w / 2 / unit, c.left, c.right);
        Scale sy = Scale.linear(my - h / 2 / unit, my + h / 2 / unit, c.bottom, c.top);
        double[] ev = p.explainedVarianceRatio();
        c.xAxis(sx, "first principal component (" + Format.percent(ev[0]) + " of the variance)");
        c.yAxis(sy, "second component (" + Format.percent(ev[1]) + ")");
        c.m.open("g", "class", "points", "fill-opacity", "0.5");
        for (int i = 0; i < x.length; i++) {
            c.mark("circle", style.name(labels[i]), "cx", num(sx.map(x[i])), "cy", num(sy.map(y[i])), "r", "2.2",
                    "fill", style.colour(labels[i]));
        }
        c.m.close("g").newline();
        loadings(c, p, f, sx, sy, unit);
        c.m.open("g", "class", "centres");
        for (int s = 0; s < cx.length; s++) {
            double px = sx.map(cx[s]);
            double py = sy.map(cy[s]);
            c.mark("circle", "centre of " + style.name(s), "cx", num(px), "cy", num(py), "r", "7", "fill",
                    style.colour(s), "stroke", "#FFFFFF", "stroke-width", "2");
            c.m.empty("circle", "cx", num(px), "cy", num(py), "r", "9", "fill", "none", "stroke", Palette.INK,
                    "stroke-width", "1");
            c.text(px + 12, py + 4, style.name(s), "font-size", "12", "font-weight", "600", "stroke", "#FFFFFF",
                    "stroke-width", "3", "paint-order", "stroke");
        }
        c.m.close("g").newline();
        DataTable.Builder table = DataTable.of("segment", "customers drawn", "centre, component 1",
                "centre, component 2");
        int[] drawn = new int[style.size() + 1];
        for (int i = 0; i < labels.length; i++) {
            drawn[labels[i] + 1]++;
        }
        for (int s = 0; s < style.size(); s++) {
            table.row(style.name(s), Format.count(drawn[s + 1]), s < cx.length ? Format.fixed(cx[s], 2) : "",
                    s < cx.length ? Format.fixed(cy[s], 2) : "");
        }
        if (drawn[0] > 0) {
            table.row(SegmentStyle.NOISE, Format.count(drawn[0]), "", "");
        }
        String sample = x.length == p.rows() ? "all " + Format.count(p.rows()) + " customers"
                : "a seeded sample of " + Format.count(x.length) + " of " + Format.count(p.rows())
                        + " customers (seed " + p.seed() + ")";
        return c.finish("Scatter plot of " + sample + " on the first two principal components of the clustering "
                + "features, which show " + Format.percent(ev[0] + ev[1]) + " of their variance; colour is the "
                + "segment, large dots are the segment centres, arrows show in which direction each feature grows.",
                table.build());
    }

    /** Arrows from the mean along each feature's loadings, scaled to a third of the shorter half-axis. */
    private static void loadings(Canvas c, Projection p, List<FeatureDescription> f, Scale sx, Scale sy,
                                 double unit) {
        double[][] l = p.loadings();
        double longest = 0;
        for (int j = 0; j < l[0].length; j++) {
            longest = Math.max(longest, Math.hypot(l[0][j], l[1][j]));
        }
        if (!(longest > 0)) {
            return;
        }
        double reach = Math.min(c.right - c.left, c.bottom - c.top) / 3 / unit / longest;
        double ox = sx.map(0);
        double oy = sy.map(0);
        c.m.open("g", "class", "loadings", "stroke", Palette.INK, "fill", Palette.INK);
        for (int j = 0; j < l[0].length; j++) {
            double tx = sx.map(l[0][j] * reach);
            double ty = sy.map(l[1][j] * reach);
            double len = Math.hypot(tx - ox, ty - oy);
            if (len < 1) {
                continue;
            }
            double ux = (tx - ox) / len;
            double uy = (ty - oy) / len;
            c.line(ox, oy, tx, ty, Palette.INK, "stroke-width", "1.5");
            double bx = tx - 9 * ux;
            double by = ty - 9 * uy;
            c.m.empty("polygon", "points", num(tx) + "," + num(ty) + " " + num(bx - 4 * uy) + "," + num(by + 4 * ux)
                    + " " + num(bx + 4 * uy) + "," + num(by - 4 * ux), "stroke", "none");
            c.text(tx + 6 * ux, ty + 6 * uy + 4, f.get(j).label(), "font-size", "11", "stroke", "#FFFFFF",
                    "stroke-width", "3", "paint-order", "stroke", "text-anchor", ux < -0.2 ? "end" : ux > 0.2 ? "start"
                            : "middle");
        }
        c.m.close("g").newline();
    }
}
