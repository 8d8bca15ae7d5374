/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.SavedModel;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.data.DataFiles;
import dev.segmentation.features.CustomerMatch;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.FilterReport;
import dev.segmentation.features.FilterResult;
import dev.segmentation.features.TransactionFilter;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.clv.BgNbd;
import dev.segmentation.features.clv.BgNbdModel;
import dev.segmentation.features.clv.BtydCustomers;
import dev.segmentation.features.clv.ClvFeatures;
import dev.segmentation.features.clv.CustomerLifetimeValue;
import dev.segmentation.features.clv.FitOptions;
import dev.segmentation.features.clv.GammaGamma;
import dev.segmentation.features.clv.GammaGammaModel;
import dev.segmentation.features.clv.ParetoNbd;
import dev.segmentation.features.clv.ParetoNbdModel;
import dev.segmentation.features.io.AssignmentWriter;
import dev.segmentation.features.io.ReadResult;
import dev.segmentation.features.io.SegmentAssignments;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.BtydSummary;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.report.FeatureDescription;
import dev.segmentation.report.Projection;
import dev.segmentation.report.SegmentComposition;
import dev.segmentation.report.SegmentFigure;
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

import de.siegmar.fastcsv.writer.CsvWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
    /** The seed of every stochastic step of the job. */
    private static final long SEED = 42;
    /** The L2 penalty on the log-parameters of the lifetime-value fits. */
    private static final double PENALIZER = 0.001;
    /** Above this many customers the k sweep skips the gap statistic (B extra fits per k). */
    private static final int GAP_MAX_ROWS = 10_000;
    private static final DateTimeFormatter SNAPSHOT = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** A data set the job knows how to read and clean. */
    private enum Source {
        ONLINE_RETAIL("online_retail.csv.gz", LocalDate.parse("2011-12-10"),
                "UCI Online Retail, https://doi.org/10.24432/C5BW33 (CC BY 4.0)", "GBP"),
        CDNOW("CDNOW_master.txt", LocalDate.parse("1998-07-01"),
                "CDNOW master transaction log (Fader, Hardie and Lee 2005), distributed with the BTYD R package "
                        + "and the Python lifetimes package (datasets/CDNOW_master.txt)", "USD");

        final String file;
        final LocalDate asOf;
        final String origin;
        final String currency;

        Source(String file, LocalDate asOf, String origin, String currency) {
            this.file = file;
            this.asOf = asOf;
            this.origin = origin;
            this.currency = currency;
        }

        String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The command line: the data set, a fixed k, the output folder and the reader options (null: the data set's own). */
    private record Options(Source source, Integer fixedK, Path out, Character delimiter, String timestampPattern) {
        static Options parse(String[] args) {
            Source source = Source.ONLINE_RETAIL;
            Integer fixedK = null;
            Path out = Path.of("target", "segmentation-output");
            Character delimiter = null;
            String pattern = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--dataset":
                        if (!"cdnow".equalsIgnoreCase(value) && !"online-retail".equalsIgnoreCase(value)) {
                            throw new IllegalArgumentException("--dataset must be online-retail or cdnow, not " + value);
                        }
                        source = "cdnow".equalsIgnoreCase(value) ? Source.CDNOW : Source.ONLINE_RETAIL;
                        break;
                    case "--k":
                        fixedK = Integer.parseInt(required(args[i], value));
                        break;
                    case "--out":
                        out = Path.of(required(args[i], value));
                        break;
                    case "--data":
                        System.setProperty(DataFiles.PROPERTY, required(args[i], value));
                        break;
                    case "--delimiter":
                        String d = required(args[i], value);
                        if (d.length() != 1 && !d.equalsIgnoreCase("tab")) {
                            throw new IllegalArgumentException("--delimiter takes one character or \"tab\", not " + d);
                        }
                        delimiter = d.length() == 1 ? d.charAt(0) : '\t';
                        break;
                    case "--timestamp-pattern":
                        pattern = required(args[i], value);
                        break;
                    default:
                        throw new IllegalArgumentException("Unknown option " + args[i] + "; use --dataset "
                                + "online-retail|cdnow, --k N, --out DIR, --data DIR, --delimiter C, --timestamp-pattern P");
                }
                i++;
            }
            return new Options(source, fixedK, out, delimiter, pattern);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    /** What section 8 computed, for the report. */
    private record DriftResults(List<String> names, DriftReport report, Migration migration,
                                TimeSliceStability.Result slices, String h1, String h2) {
    }

    private final Options options;
    private final Source source;
    private ReadResult read;
    private FilterResult clean;
    private RfmTable rfm;
    private Dataset raw;
    private FittedPipeline features;
    private Dataset x;
    private KSweep.Result<KMeansModel> sweep;
    private int k;
    private KMeansModel model;
    private int[] labels;
    private List<String> names;
    private SegmentProfiles profiles;
    private SeparationTests.Report separation;
    private SurrogateTree.Model tree;
    private BootstrapStability.Result stability;
    private DriftResults drift;
    private SegmentScorer scorer;
    private Path modelFile;
    private double[] segmentValue;
    private double[] segmentAlive;

    private SegmentCustomers(Options options) {
        this.options = options;
        this.source = options.source();
    }

    public static void main(String[] args) throws IOException {
        new SegmentCustomers(Options.parse(args)).run();
    }

    private void run() throws IOException {
        long start = System.nanoTime();
        read();
        clean();
        rfm();
        features();
        chooseK();
        segments();
        stability();
        drift();
        write();
        reload();
        lifetimeValue();
        report();
        printf("%nDone in %s.%n", ms(start));
    }

    /** The one K-means configuration of the job: k-means++, 10 restarts, seed 42. */
    private static KMeans kmeans(int k) {
        return KMeans.builder().k(k).nInit(10).seed(SEED).build();
    }

    /** The one feature pipeline of the job: log1p, then standardize. */
    private static FittedPipeline pipeline(Dataset raw) {
        return FeaturePipeline.builder().log1p(RECENCY, FREQUENCY, MONETARY).standardize().build().fit(raw);
    }

    private void read() throws IOException {
        Path file = DataFiles.require(source.file);
        section("1. Read " + file.getFileName());
        long t = System.nanoTime();
        read = reader().read(file);
        printf("%,d rows read, %,d kept, %,d skipped for errors, %,d without a customer id (%s)%n",
                read.report().rowsRead(), read.report().rowsKept(), read.report().rowsSkipped(),
                read.report().missingCustomerRows(), ms(t));
    }

    private void clean() {
        section("2. Clean");
        long t = System.nanoTime();
        clean = cleaning().apply(read.transactions());
        FilterReport fr = clean.report();
        for (FilterReport.RuleCount rc : fr.rules()) {
            printf("  dropped %,9d  %s%n", rc.dropped(), rc.rule());
        }
        printf("  kept    %,9d  of %,d rows (%s)%n", fr.rowsKept(), fr.rowsIn(), ms(t));
    }

    private void rfm() {
        section("3. RFM as of " + source.asOf + " (transactions on or after it are excluded)");
        long t = System.nanoTime();
        rfm = Rfm.asOf(source.asOf).compute(clean.transactions());
        raw = rfm.toDataset();
        printf("%,d customers from %,d rows; excluded: %,d at/after the as-of date (%s)%n", rfm.size(),
                rfm.rowsUsed(), rfm.excludedAtOrAfterAsOf(), ms(t));
    }

    private void features() {
        section("4. Features: log1p, then standardize");
        features = pipeline(raw);
        x = features.transform(raw);
        printf("columns %s, zero-variance columns %s, pipeline fingerprint %s%n", x.columnNames(),
                features.report().zeroVarianceColumns(), features.fingerprint().substring(0, 12));
    }

    private void chooseK() {
        section("5. K-means for k = 2..10 (k-means++, 10 restarts, seed 42): which k?");
        long t = System.nanoTime();
        KSweep<KMeansModel> sweeper = KSweep.of(SegmentCustomers::kmeans).range(2, 10);
        if (x.rows() <= GAP_MAX_ROWS) {
            // the gap statistic refits every k on B = 5 uniform reference sets: kept to smaller data for speed
            sweeper = sweeper.withGap(GapStatistic.of(5, SEED));
        }
        sweep = sweeper.run(x);
        System.out.print(sweep.table());
        Integer fixed = options.fixedK();
        k = fixed != null ? fixed : sweep.recommendedK();
        printf("chosen k = %d: %s (%s)%n", k, fixed != null ? "given with --k" : sweep.reason(), ms(t));
        boolean swept = k >= 2 && k <= 10;
        if (swept) {
            Silhouette method = sweep.silhouetteMethod().orElseThrow();
            printf("silhouette of the chosen k: %.4f (%s)%n", sweep.silhouette()[k - 2], method.isExact()
                    ? "exact, every customer against every customer"
                    : String.format(Locale.ROOT, "estimated from %,d customers, +- %.4f", method.sampleSize(),
                            sweep.silhouetteStandardErrors()[k - 2]));
        }
        model = swept ? sweep.model(k) : kmeans(k).fit(x);
        labels = model.trainingLabels();
    }

    private void segments() {
        section("6. Segments");
        names = RfmSegmentNamer.of(RECENCY, FREQUENCY, MONETARY).name(raw, labels, k);
        profiles = SegmentProfiles.of(raw, labels, k, MONETARY);
        System.out.print(profiles.table(names));
        separation = SeparationTests.of(raw, labels);
        printf("%n  do the segments differ? (ANOVA and Kruskal-Wallis per feature, Benjamini-Hochberg adjusted)%n");
        System.out.print(separation.table());
        tree = SurrogateTree.builder().maxDepth(3).build().fit(raw, labels);
        printf("%n");
        System.out.print(tree.table(names));
    }

    private void stability() {
        section("7. Stability: 20 bootstrap refits (Hennig 2007)");
        long t = System.nanoTime();
        stability = BootstrapStability.bootstrap(20, 7).assess(kmeans(k), x, labels, FitControl.none());
        System.out.print(stability.table(names));
        printf("(%s)%n", ms(t));
    }

    /**
     * Section 8: the drift between two half-years (see the class comment): a monitoring model fitted on H1
     * scores H2.
     */
    private void drift() {
        LocalDate mid = source.asOf.minusMonths(6);
        String h1Period = source.asOf.minusMonths(12) + " .. " + mid.minusDays(1);
        String h2Period = mid + " .. " + source.asOf.minusDays(1);
        section("8. Drift: H1 = " + h1Period + " against H2 = " + h2Period);
        long t = System.nanoTime();
        Transactions tx = clean.transactions();
        RfmTable h1 = Rfm.asOf(mid).window(Period.ofMonths(6)).compute(tx);
        RfmTable h2 = Rfm.asOf(source.asOf).window(Period.ofMonths(6)).compute(tx);
        Dataset raw1 = h1.toDataset();
        FittedPipeline features1 = pipeline(raw1);
        Dataset x1 = features1.transform(raw1);
        Dataset x2 = features1.transform(h2.toDataset());
        KMeansModel model1 = kmeans(k).fit(x1);
        int[] labels1 = model1.trainingLabels();
        int[] labels2 = model1.predict(x2);
        List<String> names1 = RfmSegmentNamer.of(RECENCY, FREQUENCY, MONETARY).name(raw1, labels1, k);
        printf("H1: %,d active customers; H2: %,d; the H1 model (pipeline + K-means, k = %d) scores both%n",
                h1.size(), h2.size(), k);
        for (int s = 0; s < k; s++) {
            printf("  segment %d = %s%n", s, names1.get(s));
        }
        DriftReport report = DriftMonitor.builder().sizeShiftThreshold(0.15).build().compare(x1, labels1, x2, labels2);
        printf("features in the H1 model's standardised units (H1 mean 0, sd 1):%n");
        System.out.print(report.table());
        CustomerMatch both = CustomerMatch.of(h1.customerIds(), h2.customerIds());
        Migration migration = Migration.between(both.fromFirst(labels1), both.fromSecond(labels2));
        printf("%n%,d customers active in both halves: %.1f%% changed segment; rows = H1 segment, columns = H2:%n",
                migration.total(), 100 * migration.reassignmentRate());
        System.out.print(migration.table());
        TimeSliceStability.Result slices = TimeSliceStability.compare(model1, x1, kmeans(k).fit(x2), x2);
        printf("%nrefit on H2 and match its segments to H1's by centres (Hungarian assignment):%n%s", slices.table());
        printf("(%s)%n", ms(t));
        drift = new DriftResults(names1, report, migration, slices, "H1 (" + h1Period.replace(" .. ", " to ") + ")",
                "H2 (" + h2Period.replace(" .. ", " to ") + ")");
    }

    private void write() throws IOException {
        section("9. Write assignments and the model");
        Files.createDirectories(options.out());
        scorer = SegmentScorer.of(features, model).withSegmentNames(names);
        modelFile = options.out().resolve(source.prefix() + "-model.json");
        ModelIO.write(scorer, Lineage.builder().dataPeriod(clean.transactions().firstDay(), source.asOf.minusDays(1))
                .source(source.file + " (" + source.origin + ")").build(), modelFile);
        SavedModel saved = ModelIO.read(modelFile);
        double[] confidence = new double[raw.rows()];
        double[] row = new double[raw.cols()];
        for (int i = 0; i < raw.rows(); i++) {
            raw.copyRow(i, row, 0);
            confidence[i] = scorer.confidence(row);
        }
        Path assignments = options.out().resolve(source.prefix() + "-segments.csv");
        AssignmentWriter.csv().write(SegmentAssignments.of(rfm.customerIds(), labels, names, confidence,
                saved.lineage().createdAt().orElseThrow().toString()), assignments);
        Path customers = options.out().resolve(source.prefix() + "-customers.csv");
        writeRawFeatures(customers);
        printf("%s (%,d customers; confidence = %s)%n%s (the raw features the model reads)%n%s (%,d bytes)%n",
                assignments, rfm.size(), scorer.confidenceKind(), customers, modelFile, Files.size(modelFile));
    }

    private void reload() throws IOException {
        section("10. Reload the model and score customers from raw values");
        SavedModel saved = ModelIO.read(modelFile);
        SegmentScorer service = saved.model(SegmentScorer.class);
        printf("loaded '%s' written by library %s at %s; inputs %s; trained on %,d rows with seed %d%n",
                saved.modelType(), saved.lineage().libraryVersion().orElse("?"), saved.lineage().createdAt().orElseThrow(),
                service.inputNames(), saved.lineage().rows().orElseThrow(), saved.lineage().seed().orElseThrow());
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
        int[] again = service.assign(raw);
        int agree = 0;
        for (int i = 0; i < again.length; i++) {
            agree += again[i] == labels[i] ? 1 : 0;
        }
        printf("the reloaded scorer gives the training segment for %,d of %,d customers%n", agree, raw.rows());
        if (agree != raw.rows()) {
            throw new IllegalStateException("The reloaded model disagrees with training for " + (raw.rows() - agree)
                    + " customers");
        }
    }

    /**
     * Section 11: customer lifetime value from the same cleaned transactions (features module, clv package):
     * Pareto/NBD for the purchases (BG/NBD printed beside it) and Gamma-Gamma for the spend, fitted on the
     * buy-till-you-die summary up to the as-of date (one customer-day is one purchase, times in weeks), then, as
     * customer features ({@link ClvFeatures}), P(alive), the expected discounted value of the next 12 months (12
     * periods of 4.345 weeks, 1% a month), a value tier and a value x engagement cell per customer, summarised
     * per behavioural segment: the value-based view beside the behavioural one.
     */
    private void lifetimeValue() {
        section("11. Lifetime value: Pareto/NBD + Gamma-Gamma, the next 12 months at 1% a month");
        long t = System.nanoTime();
        CustomerTable summary = BtydSummary.calibrationEnd(source.asOf.minusDays(1)).inWeeks()
                .compute(clean.transactions()).table();
        BtydCustomers population = BtydCustomers.from(summary);
        if (!population.customerIds().equals(rfm.customerIds())) {
            throw new IllegalStateException("The BTYD summary and the RFM table list different customers");
        }
        // Unpenalised, the dropout distribution degenerates on these data (BG/NBD's b and Pareto/NBD's beta run
        // off: almost no one seems to drop out within a year); a small L2 penalty on the log-parameters keeps the
        // fits finite.
        FitOptions penalised = FitOptions.DEFAULT.withPenalizer(PENALIZER);
        ParetoNbdModel purchases = ParetoNbd.with(penalised).fit(population);
        BgNbdModel bgNbd = BgNbd.with(penalised).fit(population);
        GammaGammaModel spend = GammaGamma.with(penalised).fit(population);
        printf("purchases: %s%n           %s%nspend:     %s (%,d customers without a repeat purchase left out of "
                + "the spend fit)%n", purchases, bgNbd, spend, spend.excludedWithoutRepeats());
        ClvFeatures value = ClvFeatures.of(CustomerLifetimeValue.of(purchases, spend).periods(12)
                .unitsPerPeriod(4.345).discountRate(0.01));
        CustomerTable clv = value.table(population);
        double[] clv12 = clv.numeric(value.clvColumn());
        double[] alive = clv.numeric(ClvFeatures.P_ALIVE);
        segmentValue = new double[k];
        segmentAlive = new double[k];
        double[] total = new double[k];
        long[] count = new long[k];
        double all = 0;
        for (int i = 0; i < clv12.length; i++) {
            total[labels[i]] += clv12[i];
            segmentAlive[labels[i]] += alive[i];
            count[labels[i]]++;
            all += clv12[i];
        }
        printf("%n  %-22s %9s %14s %14s %10s%n", "segment", "customers", "12-month CLV", "total", "P(alive)");
        for (int s = 0; s < k; s++) {
            segmentValue[s] = total[s] / count[s];
            segmentAlive[s] /= count[s];
            printf("  %-22s %,9d %,14.2f %,14.0f %9.1f%%%n", names.get(s), count[s], segmentValue[s], total[s],
                    100 * segmentAlive[s]);
        }
        printf("  %-22s %,9d %,14.2f %,14.0f%n", "all customers", clv12.length, all / clv12.length, all);
        valueView(value, clv);
        printf("(%s)%n", ms(t));
    }

    /** The value-based view: each value x engagement cell against the behavioural segments. */
    private void valueView(ClvFeatures value, CustomerTable clv) {
        double[] cuts = value.cutValues(clv.numeric(value.clvColumn()));
        String[] cells = clv.categorical(ClvFeatures.VALUE_ENGAGEMENT);
        Map<String, long[]> byCell = new TreeMap<>();
        for (int i = 0; i < cells.length; i++) {
            byCell.computeIfAbsent(cells[i], c -> new long[k])[labels[i]]++;
        }
        printf("%n  value x engagement (CLV tiers %s cut at %s; active: P(alive) >= %.0f%%) against the segments%n",
                value.tierNames(), formatCuts(cuts), 100 * value.aliveThreshold());
        printf("  %-20s %8s", "cell", "all");
        for (int s = 0; s < k; s++) {
            printf(" %12s", abbreviate(names.get(s)));
        }
        printf("%n");
        for (Map.Entry<String, long[]> e : byCell.entrySet()) {
            long sum = 0;
            for (long c : e.getValue()) {
                sum += c;
            }
            printf("  %-20s %,8d", e.getKey(), sum);
            for (int s = 0; s < k; s++) {
                printf(" %,12d", e.getValue()[s]);
            }
            printf("%n");
        }
    }

    private static String formatCuts(double[] cuts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cuts.length; i++) {
            sb.append(i == 0 ? "" : " and ").append(String.format(Locale.ROOT, "%,.2f", cuts[i]));
        }
        return sb.toString();
    }

    private static String abbreviate(String name) {
        return name.length() <= 12 ? name : name.substring(0, 11) + ".";
    }

    /** Section 12: the HTML report (segmentation-report) of the results above, drawn; nothing is refitted. */
    private void report() throws IOException {
        section("12. Report");
        long t = System.nanoTime();
        Map<String, Dataset> snapshots = new LinkedHashMap<>();   // the customers known on each first of the month
        LocalDate first = clean.transactions().firstDay();
        for (LocalDate d = first.withDayOfMonth(1).plusMonths(1); d.isBefore(source.asOf); d = d.plusMonths(1)) {
            snapshots.put(d.format(SNAPSHOT), Rfm.asOf(d).compute(clean.transactions()).toDataset());
        }
        snapshots.put(source.asOf.format(SNAPSHOT), raw);
        Path reportFile = options.out().resolve(source.prefix() + "-report.html");
        SegmentationReport.builder().title("Customer segments of " + source.file).dataset(source.file, source.origin)
                .reading(read.report()).cleaning(clean.report()).rfm(rfm).features(features).model(model)
                .modelFile(modelFile).segments(profiles, names)
                .describe(FeatureDescription.of(RECENCY, "days since last order", ""),
                        FeatureDescription.of(FREQUENCY, "orders", ""),
                        FeatureDescription.of(MONETARY, "revenue", source.currency))
                .separation(separation).rules(tree).kSweep(sweep, k).stability(stability)
                .projection(Projection.pca(x, labels, model.clusterCenters(), 2_500, SEED))
                .drift(drift.report(), drift.names(), drift.h1(), drift.h2()).migration(drift.migration())
                .timeSlices(drift.slices()).composition(SegmentComposition.score(scorer, snapshots))
                .figure(SegmentFigure.amount("expected 12-month value per customer", segmentValue, source.currency))
                .figure(SegmentFigure.percent("probability still active", segmentAlive))
                .build().write(reportFile);
        printf("%s (%,d bytes, %s)%n", reportFile, Files.size(reportFile), ms(t));
    }

    /** The customers' raw features, one row per customer: what a service or a batch job feeds the model file. */
    private void writeRawFeatures(Path file) throws IOException {
        try (CsvWriter csv = CsvWriter.builder().build(file)) {
            csv.writeRecord("customer_id", RECENCY, FREQUENCY, MONETARY);
            for (int i = 0; i < rfm.size(); i++) {
                csv.writeRecord(rfm.customerIds().get(i), Integer.toString(rfm.recencyDays(i)),
                        Integer.toString(rfm.frequency(i)), Double.toString(rfm.monetary(i)));
            }
        }
    }

    private TransactionCsvReader reader() {
        TransactionCsvReader.Builder b = TransactionCsvReader.builder();
        if (options.delimiter() != null) {
            b.delimiter(options.delimiter());
        }
        if (source == Source.CDNOW) {
            return b.layout(TransactionCsvReader.Layout.WHITESPACE)
                    .customerId("customer_id").timestamp("date", pattern("yyyyMMdd")).amount("dollar_value").build();
        }
        return b.customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo")
                .timestamp("InvoiceDate", pattern("yyyy-MM-dd HH:mm:ss"))
                .quantityTimesUnitPrice("Quantity", "UnitPrice")
                .keep("StockCode")
                .build();
    }

    private String pattern(String standard) {
        return options.timestampPattern() == null ? standard : options.timestampPattern();
    }

    private TransactionFilter cleaning() {
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
