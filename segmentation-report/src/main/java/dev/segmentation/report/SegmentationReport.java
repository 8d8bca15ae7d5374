/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.SavedModel;
import dev.segmentation.features.FilterReport;
import dev.segmentation.features.io.ReadReport;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.validation.KSweep;
import dev.segmentation.validation.SegmentProfiles;
import dev.segmentation.validation.drift.DriftReport;
import dev.segmentation.validation.explain.SurrogateTree;
import dev.segmentation.validation.stability.BootstrapStability;
import dev.segmentation.validation.stability.Migration;
import dev.segmentation.validation.stability.TimeSliceStability;
import dev.segmentation.validation.stats.SeparationTests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The segmentation report: one self-contained HTML page that a marketer can read without the console output,
 * built from the result objects a segmentation job already has.
 * <pre>{@code
 * SegmentationReport report = SegmentationReport.builder()
 *     .title("Customer segments: UCI Online Retail")
 *     .dataset("online_retail.csv.gz", "UCI Online Retail, doi:10.24432/C5BW33")
 *     .reading(read.report()).cleaning(clean.report()).rfm(rfm)
 *     .features(pipeline).model(model).modelFile(modelPath)
 *     .segments(profiles, names)
 *     .describe(FeatureDescription.of("monetary", "revenue", "GBP"))
 *     .kSweep(sweep, k).stability(bootstrap).separation(tests).rules(tree)
 *     .projection(Projection.pca(x, labels, model.clusterCenters(), 2_500, 42))
 *     .drift(driftReport, namesH1, "H1", "H2").migration(migration).timeSlices(slices)
 *     .composition(monthly)
 *     .build();
 * report.write(Path.of("segments-report.html"));
 * }</pre>
 *
 * <h2>What it holds</h2>
 * Sections appear when their input was given (only {@link Builder#segments} is required); {@link #sections()}
 * lists them:
 * <ol>
 *   <li>{@code overview}: the data set, as-of date, row counts after reading and cleaning, the model, the
 *       feature pipeline's fingerprint and the lineage of the model file (type, format version, library
 *       version, time written, training period, rows, seed, SHA-256 of the file);</li>
 *   <li>{@code segments}: a card per segment: name, size and share, value share, what sets it apart (the
 *       features farthest from the population, medians against the population's, in words), a rule of thumb
 *       from the surrogate tree, bootstrap stability in Hennig's words, and any {@link SegmentFigure}s;</li>
 *   <li>{@code sizes}, {@code profiles} (heatmap, box plots, separation tests), {@code choice-of-k} (inertia
 *       with the knee, silhouette, gap with error bars, BIC, the sweep table), {@code map} (the PCA
 *       projection), {@code relations} (dendrogram), {@code stability}, {@code migration} (heatmap, flow,
 *       time-slice agreement), {@code drift} (PSI per feature with bands, segment mix, alerts) and
 *       {@code composition} (segment sizes per snapshot);</li>
 *   <li>{@code about}: how to read the report.</li>
 * </ol>
 *
 * <h2>The page</h2>
 * Charts are inline SVG (see {@link Chart}); there is no script, no web font, no image file and no link to
 * anything outside the page, and a {@code Content-Security-Policy} of {@code default-src 'none'} makes the
 * browser refuse any request the page might still try: it opens offline from the file system. Every chart
 * has a caption and its data as a table under a "Data" disclosure, so the report reads without the
 * pictures. The same inputs give the same bytes (no clock is read).
 *
 * <p>Nothing is refitted: every number comes from the results given; the report only draws them (the PCA
 * axes of the {@link Projection} and the linkage of the k segment centres are drawing aids computed from
 * the data or the model). Immutable and thread-safe once built.
 *
 * @since 0.1
 */
public final class SegmentationReport {
    private final String title;
    private final String html;
    private final List<Chart> charts;
    private final List<String> sections;

    SegmentationReport(String title, String html, List<Chart> charts, List<String> sections) {
        this.title = title;
        this.html = html;
        this.charts = List.copyOf(charts);
        this.sections = List.copyOf(sections);
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The page title. */
    public String title() {
        return title;
    }

    /** The whole HTML page. */
    public String html() {
        return html;
    }

    /** The ids of the sections the page holds, in order ({@code overview}, {@code segments}, ...). */
    public List<String> sections() {
        return sections;
    }

    /** The charts of the page, in order. */
    public List<Chart> charts() {
        return charts;
    }

    /**
     * One chart by id.
     *
     * @throws IllegalArgumentException if the report has no such chart
     */
    public Chart chart(String id) {
        for (int i = 0; i < charts.size(); i++) {
            if (charts.get(i).id().equals(id)) {
                return charts.get(i);
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            ids.add(charts.get(i).id());
        }
        throw new IllegalArgumentException("No chart '" + id + "'; the report has " + ids);
    }

    /**
     * Writes the page (UTF-8), replacing the file.
     *
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /**
     * Writes every chart as {@code <id>.svg} into a folder (created if needed).
     *
     * @return the files written, in chart order
     * @throws IOException if a file cannot be written
     */
    public List<Path> writeCharts(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Files.createDirectories(folder);
        List<Path> out = new ArrayList<>(charts.size());
        for (int i = 0; i < charts.size(); i++) {
            Path p = folder.resolve(charts.get(i).id() + ".svg");
            charts.get(i).write(p);
            out.add(p);
        }
        return out;
    }

    @Override
    public String toString() {
        return "SegmentationReport[" + title + ", " + sections.size() + " sections, " + charts.size() + " charts, "
                + html.length() + " characters]";
    }

    /** The facts of a model file: its name, size, SHA-256 and header. */
    record ModelFile(String name, long bytes, String sha256, SavedModel saved) {
    }

    /**
     * Collects the results to report. Each setter may be called once; {@link #segments} is required.
     * Not thread-safe.
     */
    public static final class Builder {
        private static final Logger LOG = LoggerFactory.getLogger(SegmentationReport.class);

        String title = "Customer segmentation report";
        String datasetName;
        String datasetSource;
        LocalDate asOf;
        ReadReport reading;
        FilterReport cleaning;
        RfmTable rfm;
        FittedPipeline pipeline;
        ClusterModel model;
        ModelFile modelFile;
        SegmentProfiles profiles;
        List<String> names;
        final List<FeatureDescription> descriptions = new ArrayList<>();
        SeparationTests.Report separation;
        SurrogateTree.Model rules;
        KSweep.Result<?> sweep;
        int chosenK = -1;
        BootstrapStability.Result stability;
        Projection projection;
        DriftReport drift;
        List<String> driftNames;
        String referenceLabel;
        String currentLabel;
        Migration migration;
        TimeSliceStability.Result timeSlices;
        SegmentComposition composition;
        final List<SegmentFigure> figures = new ArrayList<>();
        int dendrogramLeaves = Charts.DEFAULT_DENDROGRAM_LEAVES;

        private Builder() {
        }

        /** The page's title (default "Customer segmentation report"). */
        public Builder title(String value) {
            this.title = text("title", value);
            return this;
        }

        /**
         * The data set: a short name (a file name) and where it comes from (a citation, a URL).
         *
         * @throws IllegalStateException if called twice
         */
        public Builder dataset(String name, String source) {
            Checks.notYetSet("dataset", datasetName != null);
            this.datasetName = text("name", name);
            this.datasetSource = text("source", source);
            return this;
        }

        /** The as-of date of the features (taken from {@link #rfm} when not given). */
        public Builder asOf(LocalDate value) {
            Checks.notYetSet("asOf", asOf != null);
            this.asOf = Objects.requireNonNull(value, "asOf");
            return this;
        }

        /** The reader's report: rows read, kept and skipped. */
        public Builder reading(ReadReport value) {
            Checks.notYetSet("reading", reading != null);
            this.reading = Objects.requireNonNull(value, "reading");
            return this;
        }

        /** The cleaning report: rows dropped by each rule. */
        public Builder cleaning(FilterReport value) {
            Checks.notYetSet("cleaning", cleaning != null);
            this.cleaning = Objects.requireNonNull(value, "cleaning");
            return this;
        }

        /** The RFM table the segments were made from: its as-of date, customers and rows used. */
        public Builder rfm(RfmTable value) {
            Checks.notYetSet("rfm", rfm != null);
            this.rfm = Objects.requireNonNull(value, "rfm");
            return this;
        }

        /** The fitted feature pipeline: its steps and fingerprint. */
        public Builder features(FittedPipeline value) {
            Checks.notYetSet("features", pipeline != null);
            this.pipeline = Objects.requireNonNull(value, "features");
            return this;
        }

        /**
         * The model of the segments: described in the header; its dendrogram (hierarchical models) or the
         * linkage of its centres (centroid models) is drawn in the "relations" section.
         */
        public Builder model(ClusterModel value) {
            Checks.notYetSet("model", model != null);
            this.model = Objects.requireNonNull(value, "model");
            return this;
        }

        /**
         * The saved model file, read now: its header and lineage, size and SHA-256 go into the overview.
         *
         * @throws IOException if it cannot be read, or is not a valid model file
         */
        public Builder modelFile(Path file) throws IOException {
            Checks.notYetSet("modelFile", modelFile != null);
            Objects.requireNonNull(file, "file");
            byte[] bytes = Files.readAllBytes(file);
            SavedModel saved = ModelIO.read(file);
            String sha;
            try {
                sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every JVM has SHA-256", e);
            }
            Path name = file.getFileName();
            this.modelFile = new ModelFile(name == null ? file.toString() : name.toString(), bytes.length, sha, saved);
            return this;
        }

        /**
         * The segments: their profiles (in raw units, with the value column to share out) and names by label.
         * Required.
         *
         * @throws IllegalArgumentException if the number of names is not the number of profiles, or a name is
         *     blank or repeated
         */
        public Builder segments(SegmentProfiles value, List<String> segmentNames) {
            Checks.notYetSet("segments", profiles != null);
            Objects.requireNonNull(value, "profiles");
            SegmentStyle.of(segmentNames);
            if (segmentNames.size() != value.profiles().size()) {
                throw new IllegalArgumentException(segmentNames.size() + " names were given for "
                        + value.profiles().size() + " segments");
            }
            if (segmentNames.stream().distinct().count() != segmentNames.size()) {
                throw new IllegalArgumentException("Segment names must be distinct but were " + segmentNames);
            }
            this.profiles = value;
            this.names = List.copyOf(segmentNames);
            return this;
        }

        /** How features are called and their units (columns without a description keep their names). */
        public Builder describe(FeatureDescription... values) {
            for (FeatureDescription d : values) {
                Objects.requireNonNull(d, "description");
                for (int i = 0; i < descriptions.size(); i++) {
                    if (descriptions.get(i).column().equals(d.column())) {
                        throw new IllegalStateException("Column '" + d.column() + "' is already described");
                    }
                }
                descriptions.add(d);
            }
            return this;
        }

        /** The separation tests (ANOVA, Kruskal-Wallis) of the features across the segments. */
        public Builder separation(SeparationTests.Report value) {
            Checks.notYetSet("separation", separation != null);
            this.separation = Objects.requireNonNull(value, "separation");
            return this;
        }

        /** The surrogate tree whose rules give each card a rule of thumb. */
        public Builder rules(SurrogateTree.Model value) {
            Checks.notYetSet("rules", rules != null);
            this.rules = Objects.requireNonNull(value, "rules");
            return this;
        }

        /**
         * The k sweep and the k in use (which may differ from the sweep's recommendation).
         *
         * @throws IllegalArgumentException if {@code chosenK < 1}
         */
        public Builder kSweep(KSweep.Result<?> value, int k) {
            Checks.notYetSet("kSweep", sweep != null);
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1 but was " + k);
            }
            this.sweep = Objects.requireNonNull(value, "sweep");
            this.chosenK = k;
            return this;
        }

        /** Bootstrap or subsample stability of the segments (their labels). */
        public Builder stability(BootstrapStability.Result value) {
            Checks.notYetSet("stability", stability != null);
            this.stability = Objects.requireNonNull(value, "stability");
            return this;
        }

        /** The two-dimensional projection of the customers. */
        public Builder projection(Projection value) {
            Checks.notYetSet("projection", projection != null);
            this.projection = Objects.requireNonNull(value, "projection");
            return this;
        }

        /**
         * A drift report between two periods, with the names of the segments of the model that scored them
         * (a monitoring model may have its own labels; equal names get equal colours).
         *
         * @param referenceLabel what the reference period is called ("H1")
         * @param currentLabel what the current period is called ("H2")
         */
        public Builder drift(DriftReport value, List<String> segmentNames, String referenceLabel,
                             String currentLabel) {
            Checks.notYetSet("drift", drift != null);
            this.drift = Objects.requireNonNull(value, "drift");
            this.driftNames = SegmentStyle.of(segmentNames).names();
            this.referenceLabel = text("referenceLabel", referenceLabel);
            this.currentLabel = text("currentLabel", currentLabel);
            return this;
        }

        /**
         * The migration of the same customers between the drift report's two periods (labels of the drift
         * report's model; needs {@link #drift}).
         */
        public Builder migration(Migration value) {
            Checks.notYetSet("migration", migration != null);
            this.migration = Objects.requireNonNull(value, "migration");
            return this;
        }

        /** The time-slice stability of the drift model refitted on the current period (needs {@link #drift}). */
        public Builder timeSlices(TimeSliceStability.Result value) {
            Checks.notYetSet("timeSlices", timeSlices != null);
            this.timeSlices = Objects.requireNonNull(value, "timeSlices");
            return this;
        }

        /** Segment sizes at snapshot dates, scored by the report's model (its labels and names). */
        public Builder composition(SegmentComposition value) {
            Checks.notYetSet("composition", composition != null);
            this.composition = Objects.requireNonNull(value, "composition");
            return this;
        }

        /** An extra figure on every segment card (expected value, measured lift); may be called repeatedly. */
        public Builder figure(SegmentFigure value) {
            figures.add(Objects.requireNonNull(value, "figure"));
            return this;
        }

        /**
         * The most leaves a dendrogram shows (default {@value Charts#DEFAULT_DENDROGRAM_LEAVES}).
         *
         * @throws IllegalArgumentException if below 2
         */
        public Builder dendrogramLeaves(int value) {
            if (value < 2) {
                throw new IllegalArgumentException("dendrogramLeaves must be >= 2 but was " + value);
            }
            this.dendrogramLeaves = value;
            return this;
        }

        /**
         * Draws the report.
         *
         * @throws IllegalStateException if {@link #segments} was not given, or migration or time slices were
         *     given without a drift report
         * @throws IllegalArgumentException if the inputs disagree: a model, stability result, composition or
         *     figure with another number of segments than the profiles, a description of an unknown column
         */
        public SegmentationReport build() {
            if (profiles == null) {
                throw new IllegalStateException("segments(profiles, names) is required");
            }
            if ((migration != null || timeSlices != null) && drift == null) {
                throw new IllegalStateException("migration and timeSlices need drift(...) for their segment names");
            }
            int k = profiles.profiles().size();
            if (model != null && model.k() != k) {
                throw new IllegalArgumentException("The model has k = " + model.k() + " but the profiles have " + k
                        + " segments");
            }
            if (composition != null && composition.k() != k) {
                throw new IllegalArgumentException("The composition has k = " + composition.k()
                        + " but the profiles have " + k + " segments");
            }
            for (int i = 0; i < figures.size(); i++) {
                if (figures.get(i).segments() != k) {
                    throw new IllegalArgumentException("Figure '" + figures.get(i).label() + "' has "
                            + figures.get(i).segments() + " values for " + k + " segments");
                }
            }
            SegmentationReport r = new ReportPage(this).render();
            LOG.debug("report '{}': {} sections, {} charts, {} characters", title, r.sections().size(),
                    r.charts().size(), r.html().length());
            return r;
        }

        private static String text(String name, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank but was '" + value + "'");
            }
            return value;
        }
    }
}
