/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.report.internal.Format;
import dev.segmentation.report.internal.Palette;
import dev.segmentation.report.internal.Scale;

import java.util.List;

import static dev.segmentation.report.internal.Markup.num;

/** Stacked bars of a {@link SegmentComposition}: customers per segment at each snapshot. */
final class CompositionChart {
    private CompositionChart() {
    }

    static Chart draw(SegmentComposition comp, SegmentStyle style) {
        List<String> periods = comp.periods();
        int k = comp.k();
        double widest = 0;
        for (int p = 0; p < periods.size(); p++) {
            String[] lines = Canvas.wrap(periods.get(p), 1e9);
            for (int l = 0; l < lines.length; l++) {
                widest = Math.max(widest, Canvas.textWidth(lines[l], 11));
            }
        }
        double slot = Math.max(44, Math.min(Math.min(widest + 10, 90), 1030.0 / periods.size()));
        int width = (int) Math.max(560, Math.ceil(90 + periods.size() * slot + 20));
        Canvas c = new Canvas("composition", "Segment sizes at each snapshot, scored by one model", width,
                400, 84, 76, 20, 66);
        double legendEnd = c.legend(style, 12, 44);
        double max = 0;
        boolean noise = false;
        for (int p = 0; p < periods.size(); p++) {
            max = Math.max(max, comp.total(p));
            noise |= comp.noise(p) > 0;
        }
        if (noise) {
            c.legend(List.of(SegmentStyle.NOISE), List.of(Palette.NOISE), 12, legendEnd);
        }
        Scale y = Scale.nice(0, Math.max(1, max), c.bottom, c.top, Canvas.TICKS);
        c.yAxis(y, "customers");
        double step = (c.right - c.left) / periods.size();
        double[] pos = new double[periods.size()];
        for (int p = 0; p < periods.size(); p++) {
            pos[p] = c.left + (p + 0.5) * step;
        }
        c.xCategories(periods, pos, step - 4, "snapshot");
        double bw = Math.min(36, step * 0.7);
        for (int p = 0; p < periods.size(); p++) {
            long[] counts = comp.counts(p);
            long total = comp.total(p);
            double base = 0;
            for (int s = -1; s < k; s++) {
                long v = s < 0 ? comp.noise(p) : counts[s];
                if (v == 0) {
                    continue;
                }
                double ya = y.map(base);
                double yb = y.map(base + v);
                c.mark("rect", periods.get(p) + ", " + style.name(s) + ": " + Format.count(v) + " customers ("
                                + Format.percent((double) v / total) + ")", "x", num(pos[p] - bw / 2), "y", num(yb),
                        "width", num(bw), "height", num(Math.max(0.5, ya - yb)), "fill", style.colour(s));
                base += v;
            }
        }
        int last = periods.size() - 1;
        long[] end = comp.counts(last);
        int biggest = 0;
        for (int s = 1; s < k; s++) {
            if (end[s] > end[biggest]) {
                biggest = s;
            }
        }
        return c.finish("Stacked bars of the customers in each segment at " + periods.size() + " snapshots from "
                + periods.get(0) + " to " + periods.get(last) + ", all scored by one model: "
                + Format.count(comp.total(0)) + " customers at the first and " + Format.count(comp.total(last))
                + " at the last snapshot, where the largest segment is " + style.name(biggest) + " with "
                + Format.percent((double) end[biggest] / Math.max(1, comp.total(last))) + ".", comp.data(style));
    }
}
