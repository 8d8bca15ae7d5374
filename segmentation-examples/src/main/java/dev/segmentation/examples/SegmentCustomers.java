/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.data.DataFiles;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.SavedModel;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.FilterReport;
import dev.segmentation.features.FilterResult;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.TransactionFilter;
import dev.segmentation.features.io.ReadResult;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.report.FeatureDescription;
import dev.segmentation.report.Projection;
import dev.segmentation.report.SegmentComposition;
import dev.segmentation.report.SegmentationReport;
import dev.segmentation.validation.GapStatistic;
import dev.segmentation.validation.KSweep;
import dev.segmentation.validation.RfmSegmentNamer;
import dev.segmentation.validation.SegmentProfiles;
import dev.segmentation.validation.Silhouette;
import dev.segmentation.validation.drift.DriftMonitor;
import dev.segmentation.validation.drift.DriftReport;
import dev.segmentation.validation.explain.SurrogateTree;
import dev.segmentation.validation.stability.BootstrapStability;
import dev.segmentation.validation.stability.Migration;
import dev.segmentation.validation.stability.TimeSliceStability;
import dev.segmentation.validation.stats.SeparationTests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end job: raw transactions to named, scored customer segments, and a model file a service can
 * load.
 * <pre>
 * mvn -B -q -pl segmentation-examples -am verify -DskipTests -Pexample
 * mvn -B -q -pl segmentation-examples -am verify -DskipTests -Pexample -Dexample.args="--dataset cdnow"
 * </pre>
 * Options: {@code --dataset online-retail|cdnow}, {@code --k N} (default: the knee of the inertia curve),
 * {@code --out DIR} (default {@code target/segmentation-output}), {@code --data DIR} (a folder searched before the
 * repository's {@code data/}; see {@code data/README.md}), {@code --delimiter C} and {@code --timestamp-pattern P}
 * (for another export of the data: a semicolon-separated file, timestamps such as {@code d/M/yy H:mm}).
 *
 * <h2>What it prints</h2>
 * Reading and cleaning, point-in-time RFM, the k sweep (inertia, silhouette, Davies-Bouldin,
 * Calinski-Harabasz and, up to 10,000 customers, the gap statistic for every k, with the chosen k and why; the
 * silhouette is exact up to 10,000 customers and estimated from a seeded sample above), the named segment profiles
 * with the separation tests and readable surrogate rules, bootstrap stability (mean ARI and each segment's
 * Jaccard coefficient), a drift report between two half-years, and finally the model file and a reload check.
 *
 * <h2>The drift design</h2>
 * Drift compares two equal, non-overlapping six-month windows that end at the as-of date: "H1" is
 * {@code [asOf - 12 months, asOf - 6 months)} and "H2" is {@code [asOf - 6 months, asOf)}. For Online Retail,
 * whose data end on 2011-12-09, that is 2010-12-10 to 2011-06-09 against 2011-06-10 to 2011-12-09: the two
 * halves of its one year. (Calendar halves of 2011 would give H2 22 fewer days than H1 and inflate every H2
 * recency, because the data stop on 9 December; equal windows ending at the data's end avoid both artefacts.)
 * RFM is computed per window, as of the window's end, so recency, frequency and spend mean the same thing in
 * both periods. This is how a deployed segmentation is monitored:
 * <ol>
 *   <li>the monitoring model (feature pipeline and K-means with the chosen k) is fitted on H1, the reference;
 *       </li>
 *   <li>the same pipeline and model score H2 (the model's scoring of the new period), and
 *       {@link DriftMonitor} compares the two periods in the model's standardised units: PSI and KS per
 *       feature, the PSI of the segment mix, segment-size shifts beyond +-15% and centre shifts;</li>
 *   <li>for the customers active in both halves, the {@link Migration} matrix shows how the same customers
 *       moved between segments, and {@link TimeSliceStability} refits the model on H2, matches its segments to
 *       H1's and reports how much the two segmentations of H2 overlap.</li>
 * </ol>
 */
public final class SegmentCustomers {
    private static final String RECENCY = "recency_days";
    private static final String FREQUENCY = "frequency";
    private static final String MONETARY = "monetary";
    /** Above this many customers the k sweep skips the gap statistic (B extra fits per k). */
    private static final int GAP_MAX_ROWS = 10_000;

    private SegmentCustomers() {
    }

    /** A data set the job knows how to read and clean. */
    private enum Source {
        ONLINE_RETAIL("online_retail.csv.gz", LocalDate.parse("2011-12-10"),
                "UCI Online Retail, https://doi.org/10.24432/C5BW33 (CC BY 4.0)"),
        CDNOW("CDNOW_master.txt", LocalDate.parse("1998-07-01"),
                "CDNOW master transaction log (Fader, Hardie and Lee 2005), distributed with the BTYD R package "
                        + "and the Python lifetimes package (datasets/CDNOW_master.txt)");

        final String file;
        final LocalDate asOf;
        final String origin;

        Source(String file, LocalDate asOf, String origin) {
            this.file = file;
            this.asOf = asOf;
            this.origin = origin;
        }
    }

    public static void main(String[] args) throws IOException {
        Source source = Source.ONLINE_RETAIL;
        Integer fixedK = null;
        Path out = Path.of("target", "segmentation-output");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dataset":
                    String v = args[++i];
                    source = v.equalsIgnoreCase("cdnow") ? Source.CDNOW : Source.ONLINE_RETAIL;
                    if (!v.equalsIgnoreCase("cdnow") && !v.equalsIgnoreCase("online-retail")) {
                        throw new IllegalArgumentException("--dataset must be online-retail or cdnow, not " + v);
                    }
                    break;
                case "--k":
                    fixedK = Integer.parseInt(args[++i]);
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--data":
                    System.setProperty(DataFiles.PROPERTY, args[++i]);
                    break;
                // reader options: --delimiter C (one character, or "tab"), --timestamp-pattern P (java.time)
                case "--delimiter":
                    String d = args[++i];
                    if (d.length() != 1 && !d.equalsIgnoreCase("tab")) {
                        throw new IllegalArgumentException("--delimiter takes one character or \"tab\", not " + d);
                    }
                    delimiter = d.length() == 1 ? d.charAt(0) : '\t';
                    break;
                case "--timestamp-pattern":
                    timestampPattern = args[++i];
                    break;
                // end of reader options
                default:
                    throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; use --dataset online-retail|cdnow, --k N, --out DIR, --data DIR, --delimiter C, "
                            + "--timestamp-pattern P");
            }
        }
        run(source, fixedK, out);
    }

    private static void run(Source source, Integer fixedK, Path outDir) throws IOException {
        long start = System.nanoTime();
        Path file = DataFiles.require(source.file);
        section("1. Read " + file.getFileName());
        long t = System.nanoTime();
        ReadResult read = reader(source).read(file);
        Transactions tx = read.transactions();
        printf("%,d rows read, %,d kept, %,d skipped for errors, %,d without a customer id (%s)%n",
                read.report().rowsRead(), read.report().rowsKept(), read.report().rowsSkipped(),
                read.report().missingCustomerRows(), ms(t));

        section("2. Clean");
        t = System.nanoTime();
        FilterResult clean = cleaning(source).apply(tx);
        FilterReport fr = clean.report();
        for (FilterReport.RuleCount rc : fr.rules()) {
            printf("  dropped %,9d  %s%n", rc.dropped(), rc.rule());
        }
        printf("  kept    %,9d  of %,d rows (%s)%n", fr.rowsKept(), fr.rowsIn(), ms(t));

        section("3. RFM as of " + source.asOf + " (transactions on or after it are excluded)");
        t = System.nanoTime();
        RfmTable rfm = Rfm.asOf(source.asOf).compute(clean.transactions());
        Dataset raw = rfm.toDataset();
        printf("%,d customers from %,d rows; excluded: %,d at/after the as-of date (%s)%n", rfm.size(),
                rfm.rowsUsed(), rfm.excludedAtOrAfterAsOf(), ms(t));

        section("4. Features: log1p, then standardize");
        FittedPipeline features = FeaturePipeline.builder().log1p(RECENCY, FREQUENCY, MONETARY).standardize().build()
                .fit(raw);
        Dataset x = features.transform(raw);
        printf("columns %s, zero-variance columns %s, pipeline fingerprint %s%n", x.columnNames(),
                features.report().zeroVarianceColumns(), features.fingerprint().substring(0, 12));

        section("5. K-means for k = 2..10 (k-means++, 10 restarts, seed 42): which k?");
        t = System.nanoTime();
        KSweep<KMeansModel> sweeper = KSweep.of(k -> KMeans.builder().k(k).nInit(10).seed(42).build()).range(2, 10);
        if (x.rows() <= GAP_MAX_ROWS) {
            // the gap statistic refits every k on B = 5 uniform reference sets: kept to smaller data for speed
            sweeper = sweeper.withGap(GapStatistic.of(5, 42));
        }
        KSweep.Result<KMeansModel> sweep = sweeper.run(x);
        System.out.print(sweep.table());
        int k = fixedK != null ? fixedK : sweep.recommendedK();
        printf("chosen k = %d: %s (%s)%n", k, fixedK != null ? "given with --k" : sweep.reason(), ms(t));
        if (k >= 2 && k <= 10) {
            Silhouette method = sweep.silhouetteMethod().orElseThrow();
            printf("silhouette of the chosen k: %.4f (%s)%n", sweep.silhouette()[k - 2], method.isExact()
                    ? "exact, every customer against every customer"
                    : String.format(Locale.ROOT, "estimated from %,d customers, +- %.4f", method.sampleSize(),
                            sweep.silhouetteStandardErrors()[k - 2]));
        }
        KMeansModel model = fixedK != null && (fixedK < 2 || fixedK > 10)
                ? KMeans.builder().k(k).nInit(10).seed(42).build().fit(x)
                : sweep.model(k);

        section("6. Segments");
        int[] labels = model.trainingLabels();
        List<String> names = RfmSegmentNamer.of(RECENCY, FREQUENCY, MONETARY).name(raw, labels, k);
        SegmentProfiles profiles = SegmentProfiles.of(raw, labels, k, MONETARY);
        printf("  %-3s %-22s %7s %7s %12s %10s %12s %9s%n", "id", "name", "size", "share", "recency (d)",
                "orders", "revenue", "rev. share");
        List<SegmentProfiles.Profile> byValue = new java.util.ArrayList<>(profiles.profiles());
        byValue.sort((a, b) -> Double.compare(b.valueShare(), a.valueShare()));
        for (SegmentProfiles.Profile p : byValue) {
            printf("  %-3d %-22s %,7d %6.1f%% %12.1f %10.2f %12.2f %8.1f%%%n", p.label(), names.get(p.label()),
                    p.size(), 100 * p.share(), p.mean(0), p.mean(1), p.mean(2), 100 * p.valueShare());
        }
        double[] pop = profiles.populationMeans();
        printf("  %-3s %-22s %,7d %6.1f%% %12.1f %10.2f %12.2f %8.1f%%%n", "", "all customers", raw.rows(), 100.0,
                pop[0], pop[1], pop[2], 100.0);
        printf("%n  medians [q1, q3] and what sets each segment apart (z-score of its mean):%n");
        for (SegmentProfiles.Profile p : byValue) {
            printf("  %-22s recency %5.0f [%4.0f, %4.0f] d, orders %4.0f [%3.0f, %3.0f], revenue %8.0f [%7.0f, %7.0f]; %s%n",
                    names.get(p.label()), p.median(0), p.quartile1(0), p.quartile3(0), p.median(1), p.quartile1(1),
                    p.quartile3(1), p.median(2), p.quartile1(2), p.quartile3(2), p.topFeatures(2));
        }
        SeparationTests.Report separation = SeparationTests.of(raw, labels);
        printf("%n  do the segments differ? (ANOVA and Kruskal-Wallis per feature, Benjamini-Hochberg adjusted)%n");
        System.out.print(separation.table());
        SurrogateTree.Model tree = SurrogateTree.builder().maxDepth(3).build().fit(raw, labels);
        printf("%n  rules that reproduce the segments for %.1f%% of customers (depth-3 surrogate tree):%n",
                100 * tree.fidelity());
        for (SurrogateTree.Rule rule : tree.rules()) {
            printf("    %-22s <- %s%n", names.get(rule.segment()), rule);
        }

        section("7. Stability: 20 bootstrap refits (Hennig 2007)");
        t = System.nanoTime();
        BootstrapStability.Result stability = BootstrapStability.bootstrap(20, 7)
                .assess(KMeans.builder().k(k).nInit(10).seed(42).build(), x, labels, FitControl.none());
        printf("mean ARI against the segments above %.3f (sd %.3f) (%s)%n", stability.meanAri(),
                stability.ariStandardDeviation(), ms(t));
        printf("  %-22s %8s %10s %10s%n", "segment", "Jaccard", "recovered", "dissolved");
        for (int s = 0; s < k; s++) {
            printf("  %-22s %8.3f %7d/%-3d %7d/%-3d%n", names.get(s), stability.meanJaccard(s), stability.recovered(s),
                    stability.replicates(), stability.dissolved(s), stability.replicates());
        }
        printf("(Jaccard above 0.75 is a stable segment, below 0.5 one that dissolves under resampling)%n");

        DriftResults drifted = drift(clean.transactions(), source, k);

        section("9. Write assignments and the model");
        Files.createDirectories(outDir);
        SegmentScorer scorer = SegmentScorer.of(features, model).withSegmentNames(names);
        Path assignments = outDir.resolve(source.name().toLowerCase(Locale.ROOT) + "-segments.csv");
        writeAssignments(assignments, rfm, labels, names, scorer);
        Path modelFile = outDir.resolve(source.name().toLowerCase(Locale.ROOT) + "-model.json");
        LocalDate first = firstDay(clean.transactions());
        ModelIO.write(scorer, Lineage.builder().dataPeriod(first, source.asOf.minusDays(1))
                .source(source.file + " (" + source.origin + ")").build(), modelFile);
        printf("%s (%,d customers)%n%s (%,d bytes)%n", assignments, rfm.size(), modelFile, Files.size(modelFile));

        section("10. Reload the model and score customers from raw values");
        SavedModel saved = ModelIO.read(modelFile);
        SegmentScorer service = saved.model(SegmentScorer.class);
        printf("loaded '%s' written by library %s at %s; inputs %s%n", saved.modelType(),
                saved.lineage().libraryVersion().orElse("?"), saved.lineage().createdAt().orElseThrow(),
                service.inputNames());
        double[][] customers = {
            {3, 25, 12_000},   // bought three days ago, 25 orders, 12,000 spent
            {200, 1, 80},      // one small order, more than six months ago
            {12, 2, 450},      // recent, second order
        };
        for (double[] c : customers) {
            int s = service.assign(c);
            printf("  recency %4.0f d, %3.0f orders, %,9.2f -> segment %d '%s' (margin %.2f)%n", c[0], c[1], c[2], s,
                    service.segmentName(s), service.confidence(c));
        }
        int agree = 0;
        double[] row = new double[3];
        for (int i = 0; i < raw.rows(); i++) {
            raw.copyRow(i, row, 0);
            if (service.assign(row) == labels[i]) {
                agree++;
            }
        }
        printf("the reloaded scorer gives the training segment for %,d of %,d customers%n", agree, raw.rows());
        if (agree != raw.rows()) {
            throw new IllegalStateException("The reloaded model disagrees with training for "
                    + (raw.rows() - agree) + " customers");
        }
        // ---- 11. The HTML report (segmentation-report): the results above, drawn; nothing is refitted ----
        section("11. Report");
        t = System.nanoTime();
        Map<String, Dataset> snapshots = new LinkedHashMap<>();   // the customers known on each first of the month
        for (LocalDate d = first.withDayOfMonth(1).plusMonths(1); d.isBefore(source.asOf); d = d.plusMonths(1)) {
            snapshots.put(d.format(SNAPSHOT), Rfm.asOf(d).compute(clean.transactions()).toDataset());
        }
        snapshots.put(source.asOf.format(SNAPSHOT), raw);
        Path reportFile = outDir.resolve(source.name().toLowerCase(Locale.ROOT) + "-report.html");
        SegmentationReport.builder().title("Customer segments of " + source.file).dataset(source.file, source.origin)
                .reading(read.report()).cleaning(fr).rfm(rfm).features(features).model(model).modelFile(modelFile)
                .segments(profiles, names)
                .describe(FeatureDescription.of(RECENCY, "days since last order", ""),
                        FeatureDescription.of(FREQUENCY, "orders", ""),
                        FeatureDescription.of(MONETARY, "revenue", source == Source.CDNOW ? "USD" : "GBP"))
                .separation(separation).rules(tree).kSweep(sweep, k).stability(stability)
                .projection(Projection.pca(x, labels, model.clusterCenters(), 2_500, 42))
                .drift(drifted.report(), drifted.names(), drifted.h1(), drifted.h2()).migration(drifted.migration())
                .timeSlices(drifted.slices()).composition(SegmentComposition.score(scorer, snapshots))
                .build().write(reportFile);
        printf("%s (%,d bytes, %s)%n", reportFile, Files.size(reportFile), ms(t));
        // ---- end of the report block ----
        printf("%nDone in %s.%n", ms(start));
    }

    private static final DateTimeFormatter SNAPSHOT = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** What section 8 computed, for the report. */
    private record DriftResults(List<String> names, DriftReport report, Migration migration,
                                TimeSliceStability.Result slices, String h1, String h2) {
    }

    /**
     * Section 8: the drift between two half-years (see the class comment): a monitoring model fitted on H1
     * scores H2.
     */
    private static DriftResults drift(Transactions tx, Source source, int k) {
        LocalDate mid = source.asOf.minusMonths(6);
        section("8. Drift: H1 = " + source.asOf.minusMonths(12) + " .. " + mid.minusDays(1) + " against H2 = " + mid
                + " .. " + source.asOf.minusDays(1));
        long t = System.nanoTime();
        RfmTable h1 = Rfm.asOf(mid).window(Period.ofMonths(6)).compute(tx);
        RfmTable h2 = Rfm.asOf(source.asOf).window(Period.ofMonths(6)).compute(tx);
        Dataset raw1 = h1.toDataset();
        Dataset raw2 = h2.toDataset();
        FittedPipeline features = FeaturePipeline.builder().log1p(RECENCY, FREQUENCY, MONETARY).standardize().build()
                .fit(raw1);
        Dataset x1 = features.transform(raw1);
        Dataset x2 = features.transform(raw2);
        KMeans estimator = KMeans.builder().k(k).nInit(10).seed(42).build();
        KMeansModel model1 = estimator.fit(x1);
        int[] labels1 = model1.trainingLabels();
        int[] labels2 = model1.predict(x2);
        List<String> names = RfmSegmentNamer.of(RECENCY, FREQUENCY, MONETARY).name(raw1, labels1, k);
        printf("H1: %,d active customers; H2: %,d; the H1 model (pipeline + K-means, k = %d) scores both%n",
                h1.size(), h2.size(), k);
        for (int s = 0; s < k; s++) {
            printf("  segment %d = %s%n", s, names.get(s));
        }
        DriftReport report = DriftMonitor.builder().sizeShiftThreshold(0.15).build().compare(x1, labels1, x2, labels2);
        printf("features in the H1 model's standardised units (H1 mean 0, sd 1):%n");
        System.out.print(report.summary());

        List<Integer> both1 = new ArrayList<>();
        List<Integer> both2 = new ArrayList<>();
        for (int i = 0; i < h1.size(); i++) {
            int j = h2.indexOf(h1.customerIds().get(i));
            if (j >= 0) {
                both1.add(i);
                both2.add(j);
            }
        }
        int[] before = new int[both1.size()];
        int[] after = new int[both1.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = labels1[both1.get(i)];
            after[i] = labels2[both2.get(i)];
        }
        Migration migration = Migration.between(before, after);
        printf("%n%,d customers active in both halves: %.1f%% changed segment; rows = H1 segment, columns = H2:%n",
                migration.total(), 100 * migration.reassignmentRate());
        System.out.print(migration.table());

        TimeSliceStability.Result slices = TimeSliceStability.compare(model1, x1, estimator.fit(x2), x2);
        printf("%nrefit on H2 and match its segments to H1's by centres (Hungarian assignment):%n%s",
                slices.summary());
        printf("(%s)%n", ms(t));
        return new DriftResults(names, report, migration, slices, "H1 (" + source.asOf.minusMonths(12) + " to "
                + mid.minusDays(1) + ")", "H2 (" + mid + " to " + source.asOf.minusDays(1) + ")");
    }

    // reader options from the command line: null keeps each data set's own
    private static Character delimiter;
    private static String timestampPattern;

    private static TransactionCsvReader.Builder builder() {
        TransactionCsvReader.Builder b = TransactionCsvReader.builder();
        return delimiter == null ? b : b.delimiter(delimiter);
    }

    private static String pattern(String standard) {
        return timestampPattern == null ? standard : timestampPattern;
    }
    // end of reader options

    private static TransactionCsvReader reader(Source source) {
        if (source == Source.CDNOW) {
            return builder().layout(TransactionCsvReader.Layout.WHITESPACE)
                    .customerId("customer_id").timestamp("date", pattern("yyyyMMdd")).amount("dollar_value").build();
        }
        return builder()
                .customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo")
                .timestamp("InvoiceDate", pattern("yyyy-MM-dd HH:mm:ss"))
                .quantityTimesUnitPrice("Quantity", "UnitPrice")
                .keep("StockCode")
                .build();
    }

    private static TransactionFilter cleaning(Source source) {
        if (source == Source.CDNOW) {
            return TransactionFilter.builder().dropMissingCustomer().build();
        }
        return TransactionFilter.builder()
                .dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice (InvoiceNo starts with C)")
                .dropNonPositiveQuantity()
                .dropNonPositiveUnitPrice()
                .dropIf("StockCode", code -> !code.matches("^\\d{5}.*"),
                        "non-product stock code (POST, M, BANK CHARGES, ...)")
                .build();
    }

    private static void writeAssignments(Path path, RfmTable rfm, int[] labels, List<String> names,
                                         SegmentScorer scorer) throws IOException {
        double[] row = new double[3];
        try (CsvWriter csv = CsvWriter.builder().build(path)) {
            csv.writeRecord("customer_id", RECENCY, FREQUENCY, MONETARY, "segment", "segment_name", "margin");
            for (int i = 0; i < rfm.size(); i++) {
                row[0] = rfm.recencyDays(i);
                row[1] = rfm.frequency(i);
                row[2] = rfm.monetary(i);
                csv.writeRecord(rfm.customerIds().get(i), Integer.toString(rfm.recencyDays(i)),
                        Integer.toString(rfm.frequency(i)), Double.toString(rfm.monetary(i)),
                        Integer.toString(labels[i]), names.get(labels[i]),
                        String.format(Locale.ROOT, "%.4f", scorer.confidence(row)));
            }
        }
    }

    private static LocalDate firstDay(Transactions tx) {
        LocalDate first = LocalDate.MAX;
        for (int i = 0; i < tx.size(); i++) {
            LocalDate d = tx.instant(i).atZone(tx.zone() == null ? ZoneOffset.UTC : tx.zone()).toLocalDate();
            if (d.isBefore(first)) {
                first = d;
            }
        }
        return first;
    }

    private static void section(String title) {
        printf("%n== %s%n", title);
    }

    private static void printf(String format, Object... args) {
        System.out.printf(Locale.ROOT, format, args);
    }

    private static String ms(long startNanos) {
        return String.format(Locale.ROOT, "%,d ms", (System.nanoTime() - startNanos) / 1_000_000);
    }
}
