/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.segmentation.core.Dataset;
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
import dev.segmentation.validation.KSweep;
import dev.segmentation.validation.RfmSegmentNamer;
import dev.segmentation.validation.SegmentProfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end job: raw transactions to named, scored customer segments, and a model file a service can
 * load.
 * <pre>
 * mvn -B -q -pl segmentation-examples -am verify -DskipTests -Pexample
 * mvn -B -q -pl segmentation-examples -am verify -DskipTests -Pexample -Dexample.args="--dataset cdnow"
 * </pre>
 * Options: {@code --dataset online-retail|cdnow}, {@code --k N} (default: the knee of the inertia curve),
 * {@code --out DIR} (default {@code target/segmentation-output}).
 */
public final class SegmentCustomers {
    private static final String RECENCY = "recency_days";
    private static final String FREQUENCY = "frequency";
    private static final String MONETARY = "monetary";

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
                default:
                    throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; use --dataset online-retail|cdnow, --k N, --out DIR");
            }
        }
        run(source, fixedK, out);
    }

    private static void run(Source source, Integer fixedK, Path outDir) throws IOException {
        long start = System.nanoTime();
        Path file = DataFiles.require(source.file, "Source: " + source.origin + ".");
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

        section("5. K-means for k = 2..10 (k-means++, 10 restarts, seed 42)");
        t = System.nanoTime();
        KSweep.Result<KMeansModel> sweep = KSweep.of(k -> KMeans.builder().k(k).nInit(10).seed(42).build())
                .range(2, 10).run(x);
        double[] inertia = sweep.inertia();
        int[] ks = sweep.ks();
        double max = inertia[0];
        for (int i = 0; i < ks.length; i++) {
            int bar = (int) Math.round(50 * inertia[i] / max);
            printf("  k=%2d  inertia %10.1f  %s%s%n", ks[i], inertia[i], "#".repeat(bar),
                    ks[i] == sweep.recommendedK() ? "  <- knee" : "");
        }
        int k = fixedK != null ? fixedK : sweep.recommendedK();
        printf("chosen k = %d: %s (%s)%n", k, fixedK != null ? "given with --k" : sweep.reason(), ms(t));
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

        section("7. Write assignments and the model");
        Files.createDirectories(outDir);
        SegmentScorer scorer = SegmentScorer.of(features, model).withSegmentNames(names);
        Path assignments = outDir.resolve(source.name().toLowerCase(Locale.ROOT) + "-segments.csv");
        writeAssignments(assignments, rfm, labels, names, scorer);
        Path modelFile = outDir.resolve(source.name().toLowerCase(Locale.ROOT) + "-model.json");
        LocalDate first = firstDay(clean.transactions());
        ModelIO.write(scorer, Lineage.builder().dataPeriod(first, source.asOf.minusDays(1))
                .source(source.file + " (" + source.origin + ")").build(), modelFile);
        printf("%s (%,d customers)%n%s (%,d bytes)%n", assignments, rfm.size(), modelFile, Files.size(modelFile));

        section("8. Reload the model and score customers from raw values");
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
                    service.segmentName(s), service.margin(c));
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
        printf("%nDone in %s.%n", ms(start));
    }

    private static TransactionCsvReader reader(Source source) {
        if (source == Source.CDNOW) {
            return TransactionCsvReader.builder().layout(TransactionCsvReader.Layout.WHITESPACE)
                    .customerId("customer_id").timestamp("date", "yyyyMMdd").amount("dollar_value").build();
        }
        return TransactionCsvReader.builder()
                .customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo")
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
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
                        String.format(Locale.ROOT, "%.4f", scorer.margin(row)));
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
