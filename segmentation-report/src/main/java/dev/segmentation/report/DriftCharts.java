/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.report.internal.DataTable;
import dev.segmentation.report.internal.Format;
import dev.segmentation.report.internal.Palette;
import dev.segmentation.report.internal.Scale;
import dev.segmentation.validation.drift.DriftReport;
import dev.segmentation.validation.drift.PopulationStabilityIndex;

import java.util.ArrayList;
import java.util.List;

import static dev.segmentation.report.internal.Markup.num;

/** Charts of a {@link DriftReport}: PSI per feature against its bands, and the change of the segment mix. */
final class DriftCharts {
    private static final String[] BAND_FILL = {"#EAF2F8", "#FCEFD9", "#F8DCD3"};
    private static final String BAR = "#34495E";
    private static final String MIX = "#0072B2";

    private DriftCharts() {
    }

    static Chart psi(DriftReport report, List<FeatureDescription> features) {
        List<FeatureDescription> f = FeatureDescription.forColumns(report.featureNames(), features);
        List<String> names = new ArrayList<>();
        List<PopulationStabilityIndex.Result> values = new ArrayList<>();
        for (int j = 0; j < report.features().size(); j++) {
            names.add(f.get(j).label());
            values.add(report.features().get(j).psi());
        }
        if (report.segmentMix().isPresent()) {
            names.add("segment mix");
            values.add(report.segmentMix().get());
        }
        double nameWidth = 0;
        double max = PopulationStabilityIndex.SIGNIFICANT * 1.2;
        for (int i = 0; i < names.size(); i++) {
            nameWidth = Math.max(nameWidth, Canvas.textWidth(names.get(i), 12));
            max = Math.max(max, values.get(i).value() * 1.15);
        }
        double row = 28;
        int height = (int) Math.ceil(70 + names.size() * row + 56);
        Canvas c = new Canvas("drift-psi", "Population stability index (PSI) per feature", 640, height,
                nameWidth + 24, 70, 120, 56);
        Scale x = Scale.linear(0, max, c.left, c.right);
        double[] edges = {0, PopulationStabilityIndex.MODERATE, PopulationStabilityIndex.SIGNIFICANT, max};
        String[] bandNames = {"stable", "moderate", "significant"};
        for (int b = 0; b < 3; b++) {
            double xa = x.map(edges[b]);
            double xb = x.map(edges[b + 1]);
            c.m.empty("rect", "class", "band", "x", num(xa), "y", num(c.top - 18), "width", num(xb - xa), "height",
                    num(c.bottom - c.top + 18), "fill", BAND_FILL[b]);
            c.text((xa + xb) / 2, c.top - 5, bandNames[b], "text-anchor", "middle", "font-size", "11", "fill",
                    Palette.MUTED);
        }
        c.xAxis(x, "PSI (0 = same distribution; bands at 0.1 and 0.25)");
        c.text(12, 44, "reference " + Format.count(report.referenceRows()) + " customers, current "
                + Format.count(report.currentRows()) + "; " + values.get(0).bins() + " bins per feature", "font-size",
                "11", "fill", Palette.MUTED);
        DataTable.Builder table = DataTable.of("feature", "PSI", "band");
        for (int i = 0; i < names.size(); i++) {
            PopulationStabilityIndex.Result r = values.get(i);
            double y = c.top + 6 + i * row;
            boolean mix = i == report.features().size();
            c.text(c.left - 8, y + 12, names.get(i), "text-anchor", "end", "font-size", "12");
            c.mark("rect", names.get(i) + ": PSI " + Format.fixed(r.value(), 3) + " (" + band(r.band()) + ")", "x",
                    num(c.left), "y", num(y), "width", num(Math.max(1, x.map(r.value()) - c.left)), "height", "16",
                    "fill", mix ? MIX : BAR);
            c.text(x.map(r.value()) + 5, y + 12, Format.fixed(r.value(), 3) + " " + band(r.band()), "font-size", "11");
            table.row(names.get(i), Format.fixed(r.value(), 3), band(r.band()));
        }
        int worst = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i).value() > values.get(worst).value()) {
                worst = i;
            }
        }
        return c.finish("Bar chart of the population stability index of each feature" + (report.segmentMix().isPresent()
                ? " and of the segment mix" : "") + " between the reference and the current period, over bands "
                + "stable (below 0.1), moderate and significant (0.25 and above). The largest is " + names.get(worst)
                + " at " + Format.fixed(values.get(worst).value(), 3) + " (" + band(values.get(worst).band()) + ").",
                table.build());
    }

    static String band(PopulationStabilityIndex.Band b) {
        return b.name().toLowerCase(java.util.Locale.ROOT);
    }

    static Chart segmentMix(DriftReport report, SegmentStyle style, String referenceLabel, String currentLabel) {
        List<DriftReport.SegmentDrift> segments = report.segments();
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("The drift report has no segments (it was made without labels)");
        }
        double nameWidth = 0;
        double max = 0;
        for (int i = 0; i < segments.size(); i++) {
            nameWidth = Math.max(nameWidth, Canvas.textWidth(style.name(segments.get(i).label()), 12));
            max = Math.max(max, Math.max(segments.get(i).referenceShare(), segments.get(i).currentShare()));
        }
        double row = 44;
        int height = (int) Math.ceil(70 + segments.size() * row + 52);
        Canvas c = new Canvas("drift-segment-mix", "Segment mix in the two periods", 640,
                height, nameWidth + 34, 70, 130, 52);
        Scale x = Scale.nice(0, 100 * max, c.left, c.right, Canvas.TICKS);
        c.xAxis(x, "share of the period's customers (%)");
        c.legend(List.of(referenceLabel, currentLabel), List.of(SegmentCharts.CUSTOMERS, BAR), 12, 44);
        DataTable.Builder table = DataTable.of("segment", referenceLabel, currentLabel, "change", "alert");
        int alerts = 0;
        for (int i = 0; i < segments.size(); i++) {
            DriftReport.SegmentDrift g = segments.get(i);
            String name = style.name(g.label());
            double y = c.top + 8 + i * row;
            c.segmentLabel(style, g.label(), nameWidth, y + 11);
            c.mark("rect", name + ", " + referenceLabel + ": " + Format.percent(g.referenceShare()) + " ("
                            + Format.count(g.referenceCount()) + ")", "x", num(c.left), "y", num(y), "width",
                    num(Math.max(0, x.map(100 * g.referenceShare()) - c.left)), "height", "14", "fill",
                    SegmentCharts.CUSTOMERS);
            c.mark("rect", name + ", " + currentLabel + ": " + Format.percent(g.currentShare()) + " ("
                            + Format.count(g.currentCount()) + ")", "x", num(c.left), "y", num(y + 16), "width",
                    num(Math.max(0, x.map(100 * g.currentShare()) - c.left)), "height", "14", "fill", BAR);
            boolean alert = sizeAlert(report, g.label());
            alerts += alert ? 1 : 0;
            double end = Math.max(x.map(100 * g.referenceShare()), x.map(100 * g.currentShare()));
            c.text(end + 6, y + 20, Format.change(g.relativeChange()) + (alert ? "  \u26a0 alert" : ""), "font-size",
                    "12", "font-weight", alert ? "700" : "400");
            table.row(name, Format.percent(g.referenceShare()), Format.percent(g.currentShare()),
                    Format.change(g.relativeChange()), alert ? "size shift" : "");
        }
        String mix = report.segmentMix().map(r -> "; PSI of the mix " + Format.fixed(r.value(), 3) + " ("
                + band(r.band()) + ")").orElse("");
        return c.finish("Paired bars of each segment's share of customers in " + referenceLabel + " and in "
                + currentLabel + ", with the relative change; " + alerts + " segment" + (alerts == 1 ? "" : "s")
                + " crossed the size-shift threshold" + mix + ".", table.build());
    }

    private static boolean sizeAlert(DriftReport report, int label) {
        List<DriftReport.Alert> alerts = report.alerts();
        for (int i = 0; i < alerts.size(); i++) {
            DriftReport.Alert a = alerts.get(i);
            if (a.kind() == DriftReport.Kind.SEGMENT_SIZE && a.subject().equals("segment " + label)) {
                return true;
            }
        }
        return false;
    }
}
