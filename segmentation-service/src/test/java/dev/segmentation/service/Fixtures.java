/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.service;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.data.DataFiles;
import dev.segmentation.features.io.ReadResult;
import dev.segmentation.features.TransactionFilter;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.validation.RfmSegmentNamer;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Models and data for the service tests. */
final class Fixtures {
    static final List<String> INPUTS = List.of("recency_days", "frequency", "monetary");

    private Fixtures() {
    }

    /** RFM-like customers from three groups. */
    static Dataset customers(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            int g = i % 3;
            rows[i] = new double[] {
                g == 0 ? 5 + rng.nextInt(20) : g == 1 ? 40 + rng.nextInt(60) : 200 + rng.nextInt(150),
                g == 0 ? 10 + rng.nextInt(20) : g == 1 ? 2 + rng.nextInt(5) : 1 + rng.nextInt(2),
                g == 0 ? 3000 + 4000 * rng.nextDouble() : g == 1 ? 300 + 900 * rng.nextDouble() : 20 + 200 * rng.nextDouble()};
        }
        return Dataset.of(rows, INPUTS);
    }

    static SegmentScorer kmeans(Dataset raw, int k, long seed, List<String> names) {
        FittedPipeline p = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary").standardize().build()
                .fit(raw);
        return SegmentScorer.of(p, KMeans.builder().k(k).nInit(3).seed(seed).build().fit(p.transform(raw)))
                .withSegmentNames(names);
    }

    /** A real data file, or the test is skipped with the places tried printed on the console. */
    static Path data(String file) {
        Optional<Path> p = DataFiles.find(file);
        if (p.isEmpty()) {
            String message = "Skipped: " + DataFiles.notFoundMessage(file);
            System.err.println(message);
            Assumptions.abort(message);
        }
        return p.get();
    }

    /** The raw RFM table of the main job (Online Retail, cleaned the same way, as of 2011-12-10). */
    static RfmTable mainJobRfm() throws IOException {
        ReadResult read = dev.segmentation.features.io.TransactionCsvReader.builder()
                .customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo")
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice")
                .keep("StockCode")
                .build().read(data("online_retail.csv.gz"));
        TransactionFilter clean = TransactionFilter.builder()
                .dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice (InvoiceNo starts with C)")
                .dropNonPositiveQuantity()
                .dropNonPositiveUnitPrice()
                .dropIf("StockCode", code -> !code.matches("^\\d{5}.*"), "non-product stock code")
                .build();
        return Rfm.asOf(LocalDate.parse("2011-12-10")).compute(clean.apply(read.transactions()).transactions());
    }

    /** The main job's model: log1p, standardize, K-means k = 5 (10 restarts, seed 42), RFM segment names. */
    static SegmentScorer mainJobModel(Dataset raw) {
        FittedPipeline features = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary").standardize()
                .build().fit(raw);
        KMeansModel model = KMeans.builder().k(5).nInit(10).seed(42).build().fit(features.transform(raw));
        List<String> names = RfmSegmentNamer.of("recency_days", "frequency", "monetary")
                .name(raw, model.trainingLabels(), 5);
        return SegmentScorer.of(features, model).withSegmentNames(names);
    }

    /** Reads a CSV's records (for the main job's segments file). */
    static List<NamedCsvRecord> csv(Path file) throws IOException {
        try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(file)) {
            return r.stream().toList();
        }
    }
}
