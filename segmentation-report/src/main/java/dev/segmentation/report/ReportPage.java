/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.dbscan.DbscanModel;
import dev.segmentation.core.gmm.GaussianMixtureModel;
import dev.segmentation.core.hierarchical.HierarchicalModel;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.kmeans.MiniBatchKMeansModel;
import dev.segmentation.features.FilterReport;
import dev.segmentation.report.internal.DataTable;
import dev.segmentation.report.internal.Format;
import dev.segmentation.report.internal.Markup;
import dev.segmentation.validation.GapStatistic;
import dev.segmentation.validation.KSweep;
import dev.segmentation.validation.SegmentProfiles;
import dev.segmentation.validation.drift.DriftReport;
import dev.segmentation.validation.explain.SurrogateTree;
import dev.segmentation.validation.stability.LabelMatching;
import dev.segmentation.validation.stability.TimeSliceStability;
import dev.segmentation.validation.stats.SeparationTests;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lays out the report page from a builder's inputs: header, segment cards, one section per result, and the
 * charts inlined. Package-private; {@link SegmentationReport.Builder#build()} is the entry point.
 */
final class ReportPage {
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'";
    private static final String CSS = String.join("\n",
            ":root{--ink:#222;--muted:#5f6b76;--line:#e3e7eb;--bg:#f6f7f9;}",
            "*{box-sizing:border-box}",
            "body{margin:0;font-family:" + Canvas.FONT.replace('\'', '"') + ";color:var(--ink);background:var(--bg);"
                    + "line-height:1.45;font-size:15px}",
            "header,main,footer,nav{max-width:1260px;margin:0 auto;padding:0 24px}",
            "header{padding-top:28px}",
            "h1{font-size:28px;margin:0 0 4px}",
            "h2{font-size:21px;margin:0 0 6px;padding-top:8px}",
            "h3{font-size:17px;margin:0 0 6px;display:flex;align-items:center;gap:8px}",
            "p{margin:6px 0}",
            ".sub{color:var(--muted)}",
            "nav{margin:14px auto 0}nav ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:6px 16px;"
                    + "font-size:14px}",
            "a{color:#0b5cad}",
            "section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:18px 22px;"
                    + "margin:18px 0}",
            ".glance{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:10px;margin:14px 0}",
            ".fact{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px}",
            ".fact b{display:block;font-size:22px}",
            ".fact span{color:var(--muted);font-size:13px}",
            "dl.lineage{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0;font-size:14px}",
            "dl.lineage dt{color:var(--muted)}dl.lineage dd{margin:0;overflow-wrap:anywhere}",
            ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:14px}",
            ".card{border:1px solid var(--line);border-top:6px solid var(--c);border-radius:8px;padding:12px 14px;"
                    + "background:#fff}",
            ".card .lead{font-size:15px}",
            ".card table{width:100%;border-collapse:collapse;font-size:13.5px;margin:4px 0}",
            ".card td,.card th{padding:3px 4px;border-top:1px solid var(--line);text-align:left;vertical-align:top}",
            ".card th{font-weight:600;width:34%}",
            ".card .pop{color:var(--muted)}",
            ".card p{font-size:13.5px}",
            ".swatch{display:inline-block;width:14px;height:14px;border-radius:3px;background:var(--c)}",
            "figure{margin:10px 0;max-width:100%}",
            ".charts{display:flex;flex-wrap:wrap;gap:8px 28px;align-items:flex-start}",
            "figure svg{max-width:100%;height:auto;display:block}",
            "figcaption{color:var(--muted);font-size:13px;margin-top:4px}",
            "details{font-size:13px;margin-top:4px}summary{cursor:pointer;color:#0b5cad}",
            "table.data{border-collapse:collapse;font-size:13px;margin:6px 0}",
            "p.caption{color:var(--muted);font-size:13px;margin:12px 0 2px}",
            "table.data th,table.data td{border-bottom:1px solid var(--line);padding:3px 10px;text-align:left}",
            "table.data .num{text-align:right;font-variant-numeric:tabular-nums}",
            "ul.alerts{padding-left:20px}ul.alerts li{margin:2px 0}",
            ".alert{color:#a33a00;font-weight:600}",
            ".note{background:#f2f6fa;border-left:4px solid #9ecae1;padding:6px 10px;font-size:14px}",
            "footer{color:var(--muted);font-size:13px;padding-bottom:30px}",
            "@media print{body{background:#fff}section{break-inside:avoid;border:none}details{display:none}}");

    private final SegmentationReport.Builder in;
    /** The page: head and header, then the navigation and {@link #body}. */
    private final Markup m = new Markup();
    /** The sections after the header, written before the navigation that lists them. */
    private final Markup body = new Markup();
    private final List<Chart> charts = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final SegmentStyle style;
    private final List<FeatureDescription> features;
    private final SegmentStyle driftStyle;

    ReportPage(SegmentationReport.Builder in) {
        this.in = in;
        this.style = SegmentStyle.of(in.names);
        this.features = FeatureDescription.forColumns(in.profiles.columns(), relevant(in.profiles.columns()));
        this.driftStyle = in.drift == null ? null : style.matching(in.driftNames);
    }

    /** The descriptions of those of {@code columns} that were described. */
    private List<FeatureDescription> relevant(List<String> columns) {
        List<FeatureDescription> out = new ArrayList<>();
        for (int i = 0; i < in.descriptions.size(); i++) {
            if (columns.contains(in.descriptions.get(i).column())) {
                out.add(in.descriptions.get(i));
            }
        }
        return out;
    }

    SegmentationReport render() {
        for (int i = 0; i < in.descriptions.size(); i++) {
            String c = in.descriptions.get(i).column();
            if (!in.profiles.columns().contains(c) && (in.drift == null || !in.drift.featureNames().contains(c))
                    && (in.projection == null || !in.projection.columns().contains(c))) {
                throw new IllegalArgumentException("A description names column '" + c + "', which no result has; the "
                        + "profiled columns are " + in.profiles.columns());
            }
        }
        m.raw("<!DOCTYPE html>").newline();
        m.open("html", "lang", "en").newline().open("head").newline();
        m.empty("meta", "charset", "utf-8").newline();
        m.empty("meta", "http-equiv", "Content-Security-Policy", "content", CSP).newline();
        m.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").newline();
        m.empty("meta", "name", "generator", "content", "segmentation-report " + ModelIO.libraryVersion()).newline();
        m.element("title", in.title).newline();
        m.open("style").raw(CSS).close("style").newline();
        m.close("head").newline().open("body").newline();
        overview();
        segments();
        sizes();
        profiles();
        choiceOfK();
        map();
        relations();
        stability();
        migration();
        drift();
        composition();
        about();
        m.open("nav", "aria-label", "sections").open("ol");
        for (int i = 1; i < sections.size(); i++) {
            m.open("li").element("a", heading(sections.get(i)), "href", "#" + sections.get(i)).close("li");
        }
        m.close("ol").close("nav").newline();
        m.open("main").newline().raw(body.toString()).close("main").newline();
        m.open("footer").newline();
        m.element("p", "Made by segmentation-report " + ModelIO.libraryVersion() + " from the results of the "
                + "segmentation run; the page needs no network and runs no script. Numbers are rounded for reading; "
                + "each chart's data table gives them as computed.");
        m.close("footer").newline().close("body").newline().close("html").newline();
        return new SegmentationReport(in.title, m.toString(), charts, sections);
    }

    private static String heading(String section) {
        switch (section) {
            case "overview":
                return "Overview";
            case "segments":
                return "The segments";
            case "sizes":
                return "Size and value";
            case "profiles":
                return "What sets each segment apart";
            case "choice-of-k":
                return "How many segments?";
            case "map":
                return "Map of the customers";
            case "relations":
                return "How the segments relate";
            case "stability":
                return "Can we trust the segments?";
            case "migration":
                return "Movement between periods";
            case "drift":
                return "Drift";
            case "composition":
                return "Composition over time";
            case "about":
                return "How to read this report";
            default:
                throw new IllegalArgumentException(section);
        }
    }

    private void open(String section, String intro) {
        sections.add(section);
        Markup o = body;
        o.open("section", "id", section, "data-section", section).newline();
        o.element("h2", heading(section));
        if (intro != null) {
            o.element("p", intro, "class", "sub");
        }
        o.newline();
    }

    private void close() {
        body.close("section").newline();
    }

    /** Inlines a chart in a figure with its caption and data table. */
    private void figure(Chart c) {
        charts.add(c);
        Markup o = body;
        o.open("figure", "id", "chart-" + c.id(), "style", "width:" + c.width() + "px").newline();
        o.raw(c.svg()).newline();
        o.element("figcaption", c.description());
        o.open("details").element("summary", "Data");
        c.data().html(o, null, null);
        o.close("details").close("figure").newline();
    }

    private String label(String column) {
        return description(column).label();
    }

    private FeatureDescription description(String column) {
        for (int i = 0; i < in.descriptions.size(); i++) {
            if (in.descriptions.get(i).column().equals(column)) {
                return in.descriptions.get(i);
            }
        }
        return FeatureDescription.plain(column);
    }

    // ------------------------------------------------------------------------------------------ overview

    private void overview() {
        sections.add("overview");
        m.open("header", "id", "overview", "data-section", "overview").newline();
        m.element("h1", in.title);
        StringBuilder sub = new StringBuilder();
        if (in.datasetName != null) {
            sub.append(in.datasetName).append(" \u2013 ").append(in.datasetSource);
        }
        LocalDate asOf = in.asOf != null ? in.asOf : in.rfm != null ? in.rfm.asOf() : null;
        if (asOf != null) {
            sub.append(sub.length() > 0 ? ". " : "").append("As of ").append(asOf)
                    .append(" (features use only what was known before that day).");
        }
        if (sub.length() > 0) {
            m.element("p", sub.toString(), "class", "sub");
        }
        int k = in.profiles.profiles().size();
        long customers = 0;
        for (SegmentProfiles.Profile p : in.profiles.profiles()) {
            customers += p.size();
        }
        m.open("div", "class", "glance").newline();
        fact(Format.count(customers), "customers in " + k + " segments");
        if (in.reading != null) {
            fact(Format.count(in.reading.rowsRead()), "rows read from "
                    + (in.datasetName == null ? "the source" : in.datasetName));
        }
        if (in.cleaning != null) {
            fact(Format.count(in.cleaning.rowsKept()), "rows kept after cleaning ("
                    + Format.percent((double) in.cleaning.rowsKept() / Math.max(1, in.cleaning.rowsIn())) + ")");
        }
        if (in.stability != null) {
            fact(Format.fixed(in.stability.meanAri(), 2), "mean ARI over " + in.stability.replicates()
                    + " bootstrap refits (1 = identical)");
        }
        if (in.drift != null) {
            int alerts = in.drift.alertsOfSeverity(DriftReport.Severity.ALERT).size();
            fact(Integer.toString(alerts), "drift alert" + (alerts == 1 ? "" : "s") + " between the two periods");
        }
        m.close("div").newline();
        m.open("dl", "class", "lineage").newline();
        if (in.datasetName != null) {
            item("data set", in.datasetName + " (" + in.datasetSource + ")");
        }
        if (asOf != null) {
            item("as of", asOf.toString());
        }
        if (in.reading != null) {
            item("rows read", Format.count(in.reading.rowsRead()) + " read, " + Format.count(in.reading.rowsKept())
                    + " kept, " + Format.count(in.reading.rowsSkipped()) + " skipped for errors");
        }
        if (in.cleaning != null) {
            StringBuilder s = new StringBuilder(Format.count(in.cleaning.rowsKept()) + " of "
                    + Format.count(in.cleaning.rowsIn()) + " rows kept");
            List<FilterReport.RuleCount> rules = in.cleaning.rules();
            for (int i = 0; i < rules.size(); i++) {
                s.append(i == 0 ? "; dropped: " : ", ").append(Format.count(rules.get(i).dropped())).append(' ')
                        .append(rules.get(i).rule());
            }
            item("after cleaning", s.toString());
        }
        if (in.rfm != null) {
            item("customers", Format.count(in.rfm.size()) + " with a purchase before " + in.rfm.asOf() + ", from "
                    + Format.count(in.rfm.rowsUsed()) + " rows" + in.rfm.window().map(w -> ", window " + w).orElse(""));
        }
        if (in.model != null) {
            item("model", describe(in.model));
        }
        if (in.pipeline != null) {
            item("features", String.join(", ", in.pipeline.inputNames()) + " \u2192 "
                    + String.join(", ", in.pipeline.stepTypes()) + "; pipeline fingerprint "
                    + in.pipeline.fingerprint());
        }
        if (in.modelFile != null) {
            SegmentationReport.ModelFile f = in.modelFile;
            Lineage l = f.saved().lineage();
            item("model file", f.name() + ", " + Format.count(f.bytes()) + " bytes, type '" + f.saved().modelType()
                    + "', format version " + f.saved().formatVersion() + ", SHA-256 " + f.sha256());
            StringBuilder s = new StringBuilder("written by library ").append(l.libraryVersion().orElse("?"));
            l.createdAt().ifPresent(t -> s.append(" at ").append(t));
            if (l.dataFrom().isPresent() || l.dataTo().isPresent()) {
                s.append("; training data ").append(l.dataFrom().map(Object::toString).orElse("?")).append(" to ")
                        .append(l.dataTo().map(Object::toString).orElse("?"));
            }
            l.rows().ifPresent(r -> s.append(", ").append(Format.count(r)).append(" rows"));
            l.seed().ifPresent(sd -> s.append(", seed ").append(sd));
            if (!l.features().isEmpty()) {
                s.append(", features ").append(String.join(", ", l.features()));
            }
            l.source().ifPresent(src -> s.append("; source ").append(src));
            item("lineage", s.toString());
        }
        m.close("dl").newline();
        m.close("header").newline();
    }

    private void fact(String value, String what) {
        m.open("div", "class", "fact").element("b", value).element("span", what).close("div").newline();
    }

    private void item(String term, String value) {
        m.element("dt", term).element("dd", value).newline();
    }

    /** What a model is, in a line. */
    static String describe(ClusterModel model) {
        if (model instanceof KMeansModel) {
            KMeansModel km = (KMeansModel) model;
            String init = km.init() == KMeans.Init.K_MEANS_PLUS_PLUS ? "k-means++"
                    : km.init().name().toLowerCase(Locale.ROOT);
            String algorithm = km.algorithm() == KMeans.Algorithm.HAMERLY ? "Hamerly's" : "Lloyd's";
            return "K-means, k = " + km.k() + " (" + init + " initialisation, best of " + km.nInit()
                    + " restarts, seed " + km.seed() + ", " + algorithm + " algorithm; "
                    + (km.converged() ? "converged" : "stopped") + " after " + km.iterations() + " iterations; inertia "
                    + Format.number(km.inertia()) + ")";
        }
        if (model instanceof MiniBatchKMeansModel) {
            MiniBatchKMeansModel mb = (MiniBatchKMeansModel) model;
            return "mini-batch K-means, k = " + mb.k() + " (seed " + mb.seed() + ", " + Format.count(mb.steps())
                    + " steps)";
        }
        if (model instanceof GaussianMixtureModel) {
            GaussianMixtureModel g = (GaussianMixtureModel) model;
            return "Gaussian mixture, k = " + g.k() + " (" + g.covarianceType().name().toLowerCase(Locale.ROOT)
                    + " covariance, " + g.nInit() + " restarts, seed " + g.seed() + ")";
        }
        if (model instanceof HierarchicalModel) {
            HierarchicalModel h = (HierarchicalModel) model;
            return "hierarchical, " + h.linkage().name().toLowerCase(Locale.ROOT) + " linkage, k = " + h.k() + " ("
                    + h.cut() + (h.isTwoStage() ? ", two-stage" : "") + ")";
        }
        if (model instanceof DbscanModel) {
            DbscanModel d = (DbscanModel) model;
            return "DBSCAN, " + d.k() + " clusters (eps " + Format.number(d.eps()) + ", minPts " + d.minPts() + ", "
                    + Format.count(d.noiseCount()) + " noise rows)";
        }
        return model.getClass().getSimpleName() + ", k = " + model.k();
    }

    // ------------------------------------------------------------------------------------------ segments

    private void segments() {
        open("segments", "One card per segment, largest share of " + valueWord() + " first. \"What sets them apart\" "
                + "lists the features whose segment mean sits farthest from the average customer: the segment's "
                + "median, the range of its middle half of customers, and the median of all customers.");
        Markup o = body;
        o.open("div", "class", "cards").newline();
        List<SegmentProfiles.Profile> ordered = SegmentCharts.ordered(in.profiles);
        double[] popMedian = in.profiles.populationMedians();
        for (int i = 0; i < ordered.size(); i++) {
            SegmentProfiles.Profile p = ordered.get(i);
            int s = p.label();
            o.open("article", "class", "card", "id", "segment-" + s, "data-segment", Integer.toString(s), "style",
                    "--c:" + style.colour(s)).newline();
            o.open("h3").open("span", "class", "swatch", "aria-hidden", "true").close("span").text(style.name(s))
                    .close("h3");
            o.open("p", "class", "lead").element("b", Format.count(p.size())).text(" customers (" + Format.percent(
                    p.share()) + ")");
            if (in.profiles.valueColumn() != null) {
                o.text(" \u00b7 ").element("b", Format.percent(p.valueShare())).text(" of " + valueWord());
            }
            o.close("p").newline();
            if (p.size() == 0) {
                o.element("p", "This segment is empty.");
                o.close("article").newline();
                continue;
            }
            o.element("p", "What sets them apart", "class", "sub");
            o.open("table").open("tbody");
            List<SegmentProfiles.FeatureDeviation> top = p.topFeatures(Math.min(3, in.profiles.columns().size()));
            for (int t = 0; t < top.size(); t++) {
                SegmentProfiles.FeatureDeviation f = top.get(t);
                int j = in.profiles.columns().indexOf(f.feature());
                FeatureDescription d = features.get(j);
                String unit = SegmentCharts.unitSuffix(d);
                o.open("tr").element("th", d.label(), "scope", "row");
                o.open("td").element("b", Format.number(p.median(j)) + unit).text(", " + words(f.zScore()));
                o.open("div", "class", "pop").text("middle half " + Format.number(p.quartile1(j)) + "\u2013"
                        + Format.number(p.quartile3(j)) + unit + "; all customers " + Format.number(popMedian[j])
                        + unit).close("div");
                o.close("td").close("tr");
            }
            o.close("tbody").close("table").newline();
            rule(o, s);
            if (in.stability != null && Arrays.binarySearch(in.stability.clusterLabels(), s) >= 0) {
                double jac = in.stability.meanJaccard(s);
                o.open("p").element("b", "Stability: ").text(Format.fixed(jac, 2) + ", " + StabilityCharts.verdict(jac)
                        + " (recovered in " + in.stability.recovered(s) + " of " + in.stability.replicates()
                        + " refits)").close("p").newline();
            }
            for (int f = 0; f < in.figures.size(); f++) {
                String v = in.figures.get(f).formatted(s);
                if (!v.isEmpty()) {
                    o.open("p", "class", "figure").element("b", SegmentCharts.capitalised(in.figures.get(f).label())
                            + ": ").text(v).close("p").newline();
                }
            }
            o.close("article").newline();
        }
        o.close("div").newline();
        close();
    }

    /** A z-score in words. */
    static String words(double z) {
        double a = Math.abs(z);
        String side = z > 0 ? "above" : "below";
        if (a >= 1) {
            return "far " + side + " average";
        }
        if (a >= 0.5) {
            return side + " average";
        }
        if (a >= 0.2) {
            return "slightly " + side + " average";
        }
        return "about average";
    }

    private String valueWord() {
        return Charts.valueLabel(in.profiles, in.descriptions);
    }

    /** The surrogate tree's best rule for a segment (most customers it classifies correctly), in words. */
    private void rule(Markup o, int segment) {
        if (in.rules == null) {
            return;
        }
        List<SurrogateTree.Rule> rules = in.rules.rulesFor(segment);
        SurrogateTree.Rule best = null;
        for (int r = 0; r < rules.size(); r++) {
            SurrogateTree.Rule c = rules.get(r);
            if (best == null || c.support() * c.purity() > best.support() * best.purity()) {
                best = c;
            }
        }
        if (best == null) {
            return;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < best.conditions().size(); i++) {
            SurrogateTree.Condition c = best.conditions().get(i);
            FeatureDescription d = description(c.feature());
            s.append(i == 0 ? "" : "; ").append(d.label()).append(c.atMost() ? " \u2264 " : " > ")
                    .append(Format.number(c.threshold())).append(SegmentCharts.unitSuffix(d));
        }
        o.open("p", "class", "rule").element("b", "Rule of thumb: ").text((s.length() == 0 ? "everyone" : s)
                + " \u2013 " + Format.count(best.support()) + " customers, " + Format.percent(best.purity())
                + " of them in this segment").close("p").newline();
    }

    // ------------------------------------------------------------------------------------------ sections

    private void sizes() {
        open("sizes", "How many customers each segment holds, and how much of the " + valueWord() + ".");
        figure(Charts.sizes(in.profiles, style, features));
        close();
    }

    private void profiles() {
        open("profiles", "The profile of each segment against the average customer, and the spread of each feature "
                + "within the segments.");
        figure(Charts.profileHeatmap(in.profiles, style, features));
        Markup o = body;
        o.open("div", "class", "charts").newline();
        for (int j = 0; j < features.size(); j++) {
            figure(Charts.boxPlot(in.profiles, style, features.get(j)));
        }
        o.close("div").newline();
        if (in.separation != null) {
            SeparationTests.Report r = in.separation;
            DataTable.Builder t = DataTable.of("feature", "ANOVA F", "p (BH)", "\u03b7\u00b2", "Kruskal-Wallis H",
                    "p (BH)", "\u03b5\u00b2");
            List<SeparationTests.FeatureTest> ranked = r.ranked();
            for (int i = 0; i < ranked.size(); i++) {
                SeparationTests.FeatureTest f = ranked.get(i);
                t.row(label(f.feature()), Format.fixed(f.anova().f(), 1), Format.pValue(f.anovaAdjustedP()),
                        Format.fixed(f.anova().etaSquared(), 3), Format.fixed(f.kruskalWallis().h(), 1),
                        Format.pValue(f.kruskalAdjustedP()), Format.fixed(f.kruskalWallis().epsilonSquared(), 3));
            }
            t.build().html(o, "separation-tests", "Do the segments differ? One-way ANOVA and Kruskal-Wallis per "
                    + "feature over " + Format.count(r.rows()) + " customers in " + r.segments()
                    + " segments, p-values adjusted by Benjamini-Hochberg; \u03b7\u00b2 and \u03b5\u00b2 are the share "
                    + "of the variation the segments explain.");
        }
        if (in.rules != null) {
            o.element("p", "The rules of thumb on the cards come from a depth-" + in.rules.depth() + " decision tree "
                    + "that reproduces the segments for " + Format.percent(in.rules.fidelity()) + " of customers.",
                    "class", "note");
        }
        close();
    }

    private void choiceOfK() {
        if (in.sweep == null) {
            return;
        }
        KSweep.Result<?> s = in.sweep;
        open("choice-of-k", "Each k from " + s.ks()[0] + " to " + s.ks()[s.ks().length - 1] + " was fitted and scored. "
                + "The report uses k = " + in.chosenK + "; the sweep recommends k = " + s.recommendedK() + ": "
                + s.reason() + ".");
        Markup o = body;
        o.open("div", "class", "charts").newline();
        figure(Charts.inertia(s, in.chosenK));
        if (s.hasSilhouette()) {
            figure(Charts.silhouette(s, in.chosenK));
        }
        Optional<GapStatistic.Result> gap = s.gap();
        gap.ifPresent(g -> figure(Charts.gap(g, in.chosenK)));
        if (s.bic().isPresent()) {
            figure(Charts.bic(s, in.chosenK));
        }
        o.close("div").newline();
        if (s.bic().isEmpty()) {
            o.element("p", "No BIC chart: the models of this sweep have no likelihood (the BIC is drawn for Gaussian "
                    + "mixtures).", "class", "note");
        }
        int n = s.ks().length;
        List<String> head = new ArrayList<>(List.of("k", "inertia", "silhouette", "Davies-Bouldin",
                "Calinski-Harabasz"));
        if (gap.isPresent()) {
            head.add("gap");
            head.add("s_k");
        }
        if (s.bic().isPresent()) {
            head.add("BIC");
        }
        DataTable.Builder t = DataTable.of(head.toArray(new String[0]));
        double[] sil = s.hasSilhouette() ? s.silhouette() : null;
        for (int i = 0; i < n; i++) {
            List<String> row = new ArrayList<>();
            row.add(s.ks()[i] + (s.ks()[i] == in.chosenK ? " (used)" : ""));
            row.add(Format.number(s.inertia()[i]));
            row.add(sil == null ? "\u2013" : Format.fixed(sil[i], 3));
            row.add(Format.fixed(s.daviesBouldin()[i], 3));
            row.add(Format.number(s.calinskiHarabasz()[i]));
            if (gap.isPresent()) {
                row.add(Format.fixed(gap.get().gap()[i], 3));
                row.add(Format.fixed(gap.get().standardErrors()[i], 4));
            }
            if (s.bic().isPresent()) {
                row.add(Format.number(s.bic().get()[i]));
            }
            t.row(row.toArray(new String[0]));
        }
        t.build().html(o, "sweep-table", "Every criterion per k (Davies-Bouldin: lower is better; "
                + "Calinski-Harabasz: higher is better).");
        close();
    }

    private void map() {
        if (in.projection == null) {
            return;
        }
        open("map", "Every dot is a customer; customers close together behave alike. The arrows show in which "
                + "direction each feature grows.");
        figure(Charts.projection(in.projection, style, relevant(in.projection.columns())));
        close();
    }

    private void relations() {
        if (in.model == null) {
            return;
        }
        if (in.model instanceof HierarchicalModel) {
            open("relations", "The hierarchy the segments were cut from: customers (or micro-clusters) merge from the "
                    + "left; the dashed line is the cut into segments.");
            figure(Charts.dendrogram((HierarchicalModel) in.model, in.dendrogramLeaves, style));
            close();
        } else if (in.model.centroids().isPresent() && in.model.k() >= 2) {
            open("relations", "Which segments are closest to each other: the segment centres merged by Ward's method; "
                    + "segments that join early (on the left) are the easiest to confuse or to combine.");
            figure(Charts.segmentTree(in.model.centroids().get(), style));
            close();
        }
    }

    private void stability() {
        if (in.stability == null) {
            return;
        }
        open("stability", "The segmentation was refitted on " + in.stability.replicates() + " resamples of the "
                + "customers. A segment that comes back with the same customers is stable; one that does not should "
                + "not be acted on alone. Mean adjusted Rand index " + Format.fixed(in.stability.meanAri(), 3)
                + " (sd " + Format.fixed(in.stability.ariStandardDeviation(), 3) + ").");
        figure(Charts.bootstrapJaccard(in.stability, style));
        close();
    }

    private void migration() {
        if (in.migration == null && in.timeSlices == null) {
            return;
        }
        open("migration", "The same customers in " + in.referenceLabel + " and " + in.currentLabel + ", both scored by "
                + "the same model: where did each segment's customers go?"
                + (in.migration == null ? "" : " " + Format.percent(in.migration.reassignmentRate()) + " of "
                + Format.count(in.migration.total()) + " customers changed segment."));
        Markup o = body;
        if (in.migration != null) {
            figure(Charts.migrationHeatmap(in.migration, driftStyle, in.referenceLabel, in.currentLabel));
            figure(Charts.migrationFlow(in.migration, driftStyle, in.referenceLabel, in.currentLabel));
        }
        if (in.timeSlices != null) {
            timeSlices(o);
        }
        close();
    }

    private void timeSlices(Markup o) {
        TimeSliceStability.Result r = in.timeSlices;
        LabelMatching.Result matching = r.matching();
        int[] mapping = matching.mapping();
        double[] jac = r.segmentJaccard();
        double[] shifts = r.centreShifts().orElse(null);
        DataTable.Builder t = DataTable.of("segment", "Jaccard", "centre shift");
        for (int s = 0; s < jac.length; s++) {
            boolean matched = false;
            for (int q = 0; q < mapping.length; q++) {
                matched |= mapping[q] == s;
            }
            t.row(s < driftStyle.size() ? driftStyle.name(s) : "segment " + s, Format.fixed(jac[s], 3),
                    shifts == null || !matched ? "\u2013" : Format.fixed(shifts[s], 3));
        }
        StringBuilder caption = new StringBuilder("Refitted on " + in.currentLabel + " and matched to the "
                + in.referenceLabel + " segments by their centres: the two models agree on "
                + Format.percent(r.agreementOnSecond()) + " of " + in.currentLabel + " customers (ARI "
                + Format.fixed(r.ariOnSecond(), 3) + ")");
        r.agreementOnFirst().ifPresent(a -> caption.append(" and on ").append(Format.percent(a)).append(" of ")
                .append(in.referenceLabel).append(" customers"));
        caption.append(". Per segment: the Jaccard overlap of its customers under the two models, and how far its "
                + "centre moved (feature units).");
        t.build().html(o, "time-slices", caption.toString());
    }

    private void drift() {
        if (in.drift == null) {
            return;
        }
        DriftReport r = in.drift;
        open("drift", "Did the customers change between " + in.referenceLabel + " (" + Format.count(r.referenceRows())
                + " customers) and " + in.currentLabel + " (" + Format.count(r.currentRows()) + ")? Features are "
                + "compared in the model's units; the population stability index (PSI) reads below 0.1 as stable, "
                + "0.1 to 0.25 as a moderate shift and from 0.25 as a significant one.");
        Markup o = body;
        o.open("div", "class", "charts").newline();
        figure(Charts.psi(r, relevant(r.featureNames())));
        if (!r.segments().isEmpty()) {
            figure(Charts.segmentMix(r, driftStyle, in.referenceLabel, in.currentLabel));
        }
        o.close("div").newline();
        if (r.alerts().isEmpty()) {
            o.element("p", "No alerts.");
        } else {
            o.open("ul", "class", "alerts").newline();
            for (int i = 0; i < r.alerts().size(); i++) {
                DriftReport.Alert a = r.alerts().get(i);
                o.open("li").element("span", a.severity().name().toLowerCase(Locale.ROOT), "class",
                        a.severity() == DriftReport.Severity.ALERT ? "alert" : null).text(": " + named(a.message()))
                        .close("li").newline();
            }
            o.close("ul").newline();
        }
        DataTable.Builder t = DataTable.of("feature", "PSI", "band", "KS D", "KS p (BH)", "mean, reference",
                "mean, current");
        for (int j = 0; j < r.features().size(); j++) {
            DriftReport.FeatureDrift f = r.features().get(j);
            t.row(label(f.feature()), Format.fixed(f.psi().value(), 3), DriftCharts.band(f.psi().band()),
                    Format.fixed(f.ks().statistic(), 3), Format.pValue(f.ksAdjustedPValue()),
                    Format.fixed(f.referenceMean(), 3), Format.fixed(f.currentMean(), 3));
        }
        t.build().html(o, "drift-table", "Per feature: PSI, the two-sample Kolmogorov-Smirnov distance D with its "
                + "Benjamini-Hochberg adjusted p-value, and the means of both periods (model units).");
        close();
    }

    /** An alert message with "segment 3" replaced by the segment's name and column names by their labels. */
    private String named(String message) {
        String out = message;
        for (int i = 0; i < in.descriptions.size(); i++) {
            out = out.replace(in.descriptions.get(i).column() + ":", in.descriptions.get(i).label() + ":");
        }
        for (int s = driftStyle.size() - 1; s >= 0; s--) {
            out = out.replace("segment " + s + " ", driftStyle.name(s) + " ").replace("segment " + s + ":",
                    driftStyle.name(s) + ":");
        }
        return out;
    }

    private void composition() {
        if (in.composition == null) {
            return;
        }
        open("composition", "The customers known at each snapshot date, every snapshot scored with the same model: how "
                + "the customer base moves between segments while the segments stay fixed.");
        figure(Charts.composition(in.composition, style));
        close();
    }

    private void about() {
        open("about", null);
        Markup o = body;
        o.open("ul").newline();
        String[] lines = {
            "Segment cards: who is in each segment and what sets it apart, in plain words; start here.",
            "Size and value: the share of customers against the share of " + valueWord() + " of each segment.",
            "What sets each segment apart: the heatmap shows how far each segment's average sits from all "
                    + "customers (in standard deviations); the box plots show the middle half of each segment.",
            "How many segments: the sweep of k and the criteria that chose it (the elbow of inertia, silhouette, gap "
                    + "statistic, BIC for mixtures).",
            "Map of the customers: a two-dimensional picture of the customers; overlap there does not always mean "
                    + "overlap in all features.",
            "How the segments relate: which segments are close and would merge first.",
            "Can we trust the segments: how well each segment survives refitting on resampled customers.",
            "Movement between periods and drift: how customers moved between segments and whether their behaviour "
                    + "shifted enough to retrain.",
            "Composition over time: segment sizes at each snapshot, scored by one model."
        };
        for (String line : lines) {
            o.element("li", line).newline();
        }
        o.close("ul").newline();
        close();
    }
}
