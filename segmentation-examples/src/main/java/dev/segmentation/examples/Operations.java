/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.data.DataFiles;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.TransactionFilter;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.serving.FallbackPolicy;
import dev.segmentation.serving.LiveScorer;
import dev.segmentation.serving.ServingModel;
import dev.segmentation.serving.crm.CrmExport;
import dev.segmentation.serving.crm.CrmMapping;
import dev.segmentation.serving.pmml.PmmlExport;
import dev.segmentation.serving.registry.InputContract;
import dev.segmentation.serving.registry.ModelRegistry;
import dev.segmentation.serving.registry.ModelStore;
import dev.segmentation.serving.registry.ModelVersion;
import dev.segmentation.serving.registry.Registration;
import dev.segmentation.serving.store.AssignmentStore;
import dev.segmentation.serving.store.EmbeddedDatabase;
import dev.segmentation.serving.store.Lookup;
import dev.segmentation.serving.store.Population;
import dev.segmentation.serving.store.RunInfo;
import dev.segmentation.validation.RfmSegmentNamer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Operating the main job's segments: the second runnable example.
 * <pre>
 * mvn -B -q -pl segmentation-examples -am verify -DskipTests -Pexample                  # the main job first
 * mvn -B -q -pl segmentation-examples -am verify -DskipTests -Pexample -Dexample.main=dev.segmentation.examples.Operations
 * </pre>
 * <ol>
 *   <li>registers the main job's model file ({@code target/segmentation-output/online_retail-model.json}) in a
 *       model registry, with its training data (for the distance profile of the far-from-every-segment fallback),
 *       and activates it;</li>
 *   <li>batch-scores the 4,334 customers into the assignment store (embedded H2): one snapshot, one audit row
 *       per customer;</li>
 *   <li>re-fits on the last six months of behaviour (RFM over a six-month window, same recipe), registers and
 *       activates the new version, scores the customers again, and exports the CRM diff (added, changed,
 *       removed) through a mapping of segment names to CRM codes, as CSV and JSON lines;</li>
 *   <li>revokes one customer's consent, exports the PMML of the active model, and prints the counts.</li>
 * </ol>
 * Everything is written under {@code target/segmentation-operations/}, which the example empties first.
 */
public final class Operations {
    private static final LocalDate AS_OF = LocalDate.parse("2011-12-10");
    private static final List<String> INPUTS = List.of("recency_days", "frequency", "monetary");

    private Operations() {
    }

    public static void main(String[] args) throws IOException {
        Path modelFile = Path.of("target", "segmentation-output", "online_retail-model.json");
        Path out = Path.of("target", "segmentation-operations");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dataset" -> {
                    if (!args[++i].equalsIgnoreCase("online-retail")) {
                        throw new IllegalArgumentException("Operations runs on the online-retail main job's model");
                    }
                }
                case "--model" -> modelFile = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --model FILE, --out DIR");
            }
        }
        if (!Files.exists(modelFile)) {
            throw new IllegalStateException(modelFile + " does not exist: run the main job first (mvn -B -q -pl "
                    + "segmentation-examples -am verify -DskipTests -Pexample)");
        }
        long start = System.nanoTime();
        deleteTree(out);
        Files.createDirectories(out);

        section("1. Customers: Online Retail RFM as of " + AS_OF + ", as in the main job");
        Transactions tx = cleanTransactions();
        RfmTable rfm = Rfm.asOf(AS_OF).compute(tx);
        Dataset raw = rfm.toDataset();
        Population customers = Population.of(rfm.customerIds(), raw);
        printf("%,d customers%n", raw.rows());

        section("2. Register the main job's model and activate it");
        ModelRegistry registry = ModelRegistry.open(ModelStore.directory(out.resolve("models")),
                InputContract.numeric(INPUTS));
        ModelVersion v1 = registry.register(modelFile, Registration.builder().trainingData(raw)
                .description("main job, k-means k = 5 on RFM as of " + AS_OF).build());
        registry.activate(v1.id(), "first deployment");
        FallbackPolicy policy = FallbackPolicy.builder().defaultSegment("Unclassified").farFromSegments(0.995).build();
        LiveScorer live = LiveScorer.builder().build();
        live.swap(ServingModel.load(registry, v1.id(), policy));
        printf("version %s: %s, k = %d, segments %s%n  distance profile: q99.5 = %.3f (the far threshold)%n", v1.id(),
                v1.modelClass(), v1.k(), v1.segmentNames(), v1.distanceProfile().orElseThrow().quantile(0.995));

        section("3. Batch-score the customers into the assignment store (embedded H2)");
        try (EmbeddedDatabase db = EmbeddedDatabase.open(out.resolve("db"), 4)) {
            AssignmentStore store = AssignmentStore.open(db.dataSource());
            RunInfo first = store.publish("retail-" + AS_OF + "-v" + v1.id(), live.current().orElseThrow(), customers,
                    Duration.ofDays(2));
            printf("%s%n  reasons: %s%n", first.summary(), store.reasonCounts(first.runId()));

            section("4. Re-fit on the last six months, activate, score again, export the CRM diff");
            SegmentScorer refit = refit(Rfm.asOf(AS_OF).window(Period.ofMonths(6)).compute(tx));
            ModelVersion v2 = registry.register(refit, Registration.builder().trainingData(raw)
                    .lineage(Lineage.builder().dataPeriod(AS_OF.minusMonths(6), AS_OF.minusDays(1))
                            .source("online_retail.csv.gz, RFM over six months").build())
                    .description("re-fit on six months of behaviour").build());
            ServingModel next = ServingModel.load(registry, v2.id(), policy);
            registry.activate(v2.id(), "monthly re-fit");
            live.swap(next);
            RunInfo second = store.publish("retail-" + AS_OF + "-v" + v2.id(), next, customers, Duration.ofDays(2));
            printf("%s%n", second.summary());
            CrmExport crm = CrmExport.of(store.diff(first.runId(), second.runId()), crmMapping());
            crm.writeCsv(out.resolve("crm-diff.csv"));
            crm.writeJsonLines(out.resolve("crm-diff.jsonl"));
            System.out.print(crm.table());
            printf("  written: %s, %s%n", out.resolve("crm-diff.csv"), out.resolve("crm-diff.jsonl"));
            System.out.print(registry.table());

            section("5. Consent, lookups, audit log, PMML");
            String who = rfm.customerIds().get(0);
            printf("customer %s before: %s%n", who, describe(store.lookup(who)));
            store.revokeConsent(who, "operations example");
            printf("after revoking consent: %s; memberships left: 0%n", describe(store.lookup(who)));
            printf("audit log: %,d rows (run 1: %,d, run 2: %,d, consent: 1); customer %s: %s%n", store.audit().size(),
                    store.audit().sizeOfRun(first.runId()), store.audit().sizeOfRun(second.runId()), who,
                    store.audit().forCustomer(who).stream().map(e -> e.reason() + " -> "
                            + (e.newSegmentName() == null ? "none" : e.newSegmentName())).toList());
            Path pmml = out.resolve("active-model.pmml");
            PmmlExport.write(registry.load(v2.id()), pmml);
            printf("PMML 4.4 of version %s: %s (%,d bytes)%n", v2.id(), pmml, Files.size(pmml));
        }
        printf("%nDone in %,d ms.%n", (System.nanoTime() - start) / 1_000_000);
    }

    /** The main job's recipe (log1p, standardize, K-means k = 5, 10 restarts, seed 42, RFM names) on other data. */
    private static SegmentScorer refit(RfmTable window) {
        Dataset raw = window.toDataset();
        FittedPipeline features = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary")
                .standardize().build().fit(raw);
        KMeansModel model = KMeans.builder().k(5).nInit(10).seed(42).build().fit(features.transform(raw));
        List<String> names = RfmSegmentNamer.of("recency_days", "frequency", "monetary")
                .name(raw, model.trainingLabels(), 5);
        return SegmentScorer.of(features, model).withSegmentNames(names);
    }

    /** Our RFM segment names to the CRM's codes; several of ours may share one CRM code. */
    private static CrmMapping crmMapping() {
        return CrmMapping.builder("crm")
                .segment("Champions", "VIP", "VIP customers")
                .segment("Loyal", "CORE", "Core customers")
                .segment("Potential Loyalists", "GROW", "Growth")
                .segment("New Customers", "GROW", "Growth")
                .segment("Need Attention", "NURTURE", "Nurture")
                .segment("About to Sleep", "NURTURE", "Nurture")
                .segment("At Risk", "WINBACK", "Win-back")
                .segment("Hibernating", "WINBACK", "Win-back")
                .segment("Lost", "LAPSED", "Lapsed")
                .segment("Unclassified", "NONE", "Unclassified")
                .columns("ContactId", "SegmentCode", "SegmentName")
                .build();
    }

    private static Transactions cleanTransactions() throws IOException {
        TransactionCsvReader reader = TransactionCsvReader.builder()
                .customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo")
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice")
                .keep("StockCode")
                .build();
        TransactionFilter cleaning = TransactionFilter.builder()
                .dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice (InvoiceNo starts with C)")
                .dropNonPositiveQuantity()
                .dropNonPositiveUnitPrice()
                .dropIf("StockCode", code -> !code.matches("^\\d{5}.*"), "non-product stock code (POST, M, BANK CHARGES, ...)")
                .build();
        return cleaning.apply(reader.read(DataFiles.require("online_retail.csv.gz")).transactions()).transactions();
    }

    private static String describe(Lookup l) {
        return l.state() + l.membership().map(m -> " '" + m.segmentName() + "' (version " + m.modelVersion()
                + ", expires " + m.expiresAt() + ")").orElse("");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void section(String title) {
        printf("%n== %s%n", title);
    }

    private static void printf(String format, Object... args) {
        System.out.printf(Locale.ROOT, format, args);
    }
}
