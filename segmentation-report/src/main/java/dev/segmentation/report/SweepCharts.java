/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.report.internal.DataTable;
import dev.segmentation.report.internal.Format;
import dev.segmentation.report.internal.Palette;
import dev.segmentation.report.internal.Scale;

import java.util.ArrayList;
import java.util.List;

import static dev.segmentation.report.internal.Markup.num;

/** One criterion of a k sweep against k: points joined by a line, optional error bars, a marked k. */
final class SweepCharts {
    private static final String SERIES = "#0072B2";

    private SweepCharts() {
    }

    /**
     * The values of a criterion over k.
     *
     * @param values NaN where the criterion is undefined (not drawn)
     * @param errors half-widths of error bars, or null
     * @param markedK the k a rule picks (a dashed line), or -1
     * @param markedWhat what picked it, for the line's label ("knee", "highest")
     * @param chosenK the k in use (a ring), or -1
     */
    static Chart overK(String id, String title, String yTitle, String valueName, int[] ks, double[] values,
                       double[] errors, int markedK, String markedWhat, int chosenK, String description) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ks.length; i++) {
            if (Double.isFinite(values[i])) {
                double e = errors == null || !Double.isFinite(errors[i]) ? 0 : errors[i];
                lo = Math.min(lo, values[i] - e);
                hi = Math.max(hi, values[i] + e);
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("The " + valueName + " is undefined for every k; nothing to draw");
        }
        Canvas c = new Canvas(id, title, 560, 320, 76, 48, 20, 52);
        Scale y = Scale.nice(lo, hi, c.bottom, c.top, Canvas.TICKS);
        Scale x = Scale.linear(ks[0] - 0.5, ks[ks.length - 1] + 0.5, c.left, c.right);
        c.yAxis(y, yTitle);
        List<String> labels = new ArrayList<>();
        double[] pos = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            labels.add(Integer.toString(ks[i]));
            pos[i] = x.map(ks[i]);
        }
        c.xCategories(labels, pos, 40, "number of segments k");
        if (markedK >= 0) {
            double mx = x.map(markedK);
            c.line(mx, c.top, mx, c.bottom, Palette.MUTED, "stroke-dasharray", "4 3");
            c.text(mx + 4, c.top + 12, markedWhat + ": k = " + markedK, "font-size", "11", "fill", Palette.MUTED);
        }
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < ks.length; i++) {
            if (!Double.isFinite(values[i])) {
                pen = false;
                continue;
            }
            path.append(pen ? " L" : (path.length() == 0 ? "M" : " M")).append(num(pos[i])).append(' ')
                    .append(num(y.map(values[i])));
            pen = true;
        }
        c.m.empty("path", "d", path.toString(), "fill", "none", "stroke", SERIES, "stroke-width", "2").newline();
        DataTable.Builder table = errors == null ? DataTable.of("k", valueName)
                : DataTable.of("k", valueName, "+- error");
        for (int i = 0; i < ks.length; i++) {
            if (!Double.isFinite(values[i])) {
                table.row(errors == null ? new String[] {labels.get(i), "undefined"}
                        : new String[] {labels.get(i), "undefined", ""});
                continue;
            }
            double py = y.map(values[i]);
            if (errors != null && errors[i] > 0) {
                double ya = y.map(values[i] - errors[i]);
                double yb = y.map(values[i] + errors[i]);
                c.m.open("g", "class", "errorbar", "stroke", SERIES);
                c.line(pos[i], ya, pos[i], yb, SERIES);
                c.line(pos[i] - 4, ya, pos[i] + 4, ya, SERIES);
                c.line(pos[i] - 4, yb, pos[i] + 4, yb, SERIES);
                c.m.close("g");
            }
            String err = errors == null ? "" : " \u00b1 " + Format.number(errors[i]);
            c.mark("circle", "k = " + ks[i] + ": " + valueName + " " + Format.number(values[i]) + err, "cx",
                    num(pos[i]), "cy", num(py), "r", "4", "fill", SERIES);
            if (ks[i] == chosenK) {
                c.m.empty("circle", "class", "chosen", "cx", num(pos[i]), "cy", num(py), "r", "8", "fill", "none",
                        "stroke", Palette.INK, "stroke-width", "1.5").newline();
            }
            table.row(errors == null ? new String[] {labels.get(i), Format.number(values[i])}
                    : new String[] {labels.get(i), Format.number(values[i]), Format.number(errors[i])});
        }
        if (chosenK >= 0) {
            c.m.empty("circle", "cx", num(c.right - 150), "cy", num(c.top - 14), "r", "6", "fill", "none", "stroke",
                    Palette.INK, "stroke-width", "1.5");
            c.text(c.right - 140, c.top - 10, "k in use (" + chosenK + ")", "font-size", "11");
        }
        return c.finish(description, table.build());
    }
}
