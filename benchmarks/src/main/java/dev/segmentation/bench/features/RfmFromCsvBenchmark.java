/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.features;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.Dataset;
import dev.segmentation.data.DataFiles;
import dev.segmentation.features.FilterResult;
import dev.segmentation.features.TransactionFilter;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.io.ReadResult;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The full UCI Online Retail file (541,909 invoice lines, gzip CSV with quoted commas) to the scaled RFM
 * matrix, in milliseconds per run on one thread: read and parse, drop the rows the cleaning rules drop
 * (missing customer, cancellations, non-positive quantity or price, non-product stock codes), point-in-time
 * RFM as of 2011-12-10, then {@code log1p} and standardize. The target is under 1 s.
 *
 * <h2>Contenders</h2>
 * <ul>
 *   <li>{@code ours}: {@code TransactionCsvReader} (FastCSV) -> {@code TransactionFilter} -> {@code Rfm} ->
 *       {@code FeaturePipeline}, the path of the end-to-end example;</li>
 *   <li>{@code oursReadOnly}: only the read into {@code Transactions}, to show where the time goes;</li>
 *   <li>{@code naive}: what one writes without the library: {@code BufferedReader} lines, a quote-aware
 *       split into {@code String}s, {@code LocalDateTime.parse}, {@code Double.parseDouble} and per-customer
 *       {@code HashMap}s, then the same scaling loops.</li>
 * </ul>
 * {@code @Setup} runs both full paths once and checks that they give 4,334 customers from 396,337 rows with
 * equal RFM values (the pandas reference of the features module's tests has the same counts).
 *
 * <p>The data file is found through the environment variable {@code SEGMENTATION_DATA_DIR} (inherited by the
 * forks), a {@code shared/data} directory above the working directory (a checkout next to the shared data), or
 * {@code -Dsegmentation.data.dir}. Prefer the first two: JMH's {@code -jvmArgsAppend} on the command line
 * replaces the fork arguments of {@code AbstractBenchmark}.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class RfmFromCsvBenchmark extends AbstractBenchmark {
    static final LocalDate AS_OF = LocalDate.parse("2011-12-10");
    static final int CUSTOMERS = 4_334;
    static final long ROWS_KEPT = 396_337;

    private Path file;
    private TransactionCsvReader reader;
    private TransactionFilter cleaning;
    private FeaturePipeline pipeline;

    /** Locates the file, configures the path and checks both contenders once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = DataFiles.require("online_retail.csv.gz");
        reader = TransactionCsvReader.builder()
                .customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo")
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice")
                .keep("StockCode")
                .build();
        cleaning = TransactionFilter.builder()
                .dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice")
                .dropNonPositiveQuantity()
                .dropNonPositiveUnitPrice()
                .dropIf("StockCode", RfmFromCsvBenchmark::nonProduct, "non-product stock code")
                .build();
        pipeline = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary").standardize().build();
        Dataset x = run();
        Sanity.check(x.rows() == CUSTOMERS && x.cols() == 3, "ours: %d x %d, expected %d x 3", x.rows(), x.cols(),
                CUSTOMERS);
        ReadResult r = reader.read(file);
        Sanity.check(r.report().rowsRead() == 541_909, "ours read %d rows", r.report().rowsRead());
        FilterResult clean = cleaning.apply(r.transactions());
        Sanity.check(clean.report().rowsKept() == ROWS_KEPT, "ours kept %d rows", clean.report().rowsKept());
        RfmTable rfm = Rfm.asOf(AS_OF).compute(clean.transactions());
        Naive.Result n = Naive.rfm(file);
        Sanity.check(n.ids.size() == CUSTOMERS && n.rowsKept == ROWS_KEPT, "naive: %d customers from %d rows",
                n.ids.size(), n.rowsKept);
        double worst = 0;
        for (int i = 0; i < rfm.size(); i++) {
            int j = n.ids.indexOf(rfm.customerIds().get(i));
            Sanity.check(j >= 0 && n.recency[j] == rfm.recencyDays(i) && n.frequency[j] == rfm.frequency(i),
                    "customer %s differs", rfm.customerIds().get(i));
            worst = Math.max(worst, Sanity.relDiff(n.monetary[j], rfm.monetary(i)));
        }
        Sanity.check(worst < 1e-9, "monetary differs by %g relative", worst);
        Dataset nx = Naive.scaled(n);
        Sanity.check(Sanity.maxAbsDiff(sortedRows(x), sortedRows(nx)) < 1e-9, "scaled matrices differ");
        Sanity.report("RFM from CSV: ours and naive agree on %d customers from %d of 541,909 rows (monetary within "
                + "%.1e)", CUSTOMERS, ROWS_KEPT, worst);
        Sanity.checkSingleThreaded("RFM from CSV");
    }

    static boolean nonProduct(String code) {
        return code.length() < 5 || !Character.isDigit(code.charAt(0)) || !Character.isDigit(code.charAt(1))
                || !Character.isDigit(code.charAt(2)) || !Character.isDigit(code.charAt(3))
                || !Character.isDigit(code.charAt(4));
    }

    /** Rows sorted by their values, so that two matrices of the same customers in another order compare. */
    private static double[] sortedRows(Dataset x) {
        double[][] rows = x.toArray();
        java.util.Arrays.sort(rows, (a, b) -> java.util.Arrays.compare(a, b));
        double[] out = new double[rows.length * x.cols()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * x.cols(), x.cols());
        }
        return out;
    }

    private Dataset run() throws IOException {
        Transactions t = cleaning.apply(reader.read(file).transactions()).transactions();
        Dataset raw = Rfm.asOf(AS_OF).compute(t).toDataset();
        FittedPipeline f = pipeline.fit(raw);
        return f.transform(raw);
    }

    /** The library's path, file to scaled matrix. */
    @Benchmark
    public Dataset ours() throws IOException {
        return run();
    }

    /** Only the read. */
    @Benchmark
    public Transactions oursReadOnly() throws IOException {
        return reader.read(file).transactions();
    }

    /** The naive path. */
    @Benchmark
    public Dataset naive() throws IOException {
        return Naive.scaled(Naive.rfm(file));
    }

    /** A straightforward implementation without the library, for scale. */
    static final class Naive {
        private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        private Naive() {
        }

        static final class Result {
            final List<String> ids;
            final int[] recency;
            final int[] frequency;
            final double[] monetary;
            final long rowsKept;

            Result(List<String> ids, int[] recency, int[] frequency, double[] monetary, long rowsKept) {
                this.ids = ids;
                this.recency = recency;
                this.frequency = frequency;
                this.monetary = monetary;
                this.rowsKept = rowsKept;
            }
        }

        /** RFC 4180 fields of one record (records in this file never span lines). */
        static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        f.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    out.add(f.toString());
                    f.setLength(0);
                } else {
                    f.append(c);
                }
            }
            out.add(f.toString());
            return out;
        }

        static Result rfm(Path file) throws IOException {
            Map<String, LocalDateTime> last = new HashMap<>();
            Map<String, Set<String>> orders = new HashMap<>();
            Map<String, Double> money = new HashMap<>();
            long kept = 0;
            LocalDateTime asOf = AS_OF.atStartOfDay();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
                List<String> header = split(r.readLine());
                int inv = header.indexOf("InvoiceNo");
                int code = header.indexOf("StockCode");
                int qty = header.indexOf("Quantity");
                int date = header.indexOf("InvoiceDate");
                int price = header.indexOf("UnitPrice");
                int cust = header.indexOf("CustomerID");
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    List<String> f = split(line);
                    String c = f.get(cust).trim();
                    if (c.isEmpty() || f.get(inv).startsWith("C")) {
                        continue;
                    }
                    double q = Double.parseDouble(f.get(qty));
                    double p = Double.parseDouble(f.get(price));
                    if (!(q > 0) || !(p > 0) || nonProduct(f.get(code))) {
                        continue;
                    }
                    if (c.endsWith(".0")) {
                        c = c.substring(0, c.length() - 2);
                    }
                    LocalDateTime t = LocalDateTime.parse(f.get(date), TS);
                    if (!t.isBefore(asOf)) {
                        continue;
                    }
                    kept++;
                    last.merge(c, t, (a, b) -> a.isAfter(b) ? a : b);
                    orders.computeIfAbsent(c, x -> new HashSet<>()).add(f.get(inv));
                    money.merge(c, q * p, Double::sum);
                }
            }
            List<String> ids = new ArrayList<>(last.keySet());
            java.util.Collections.sort(ids);
            int n = ids.size();
            int[] rec = new int[n];
            int[] freq = new int[n];
            double[] mon = new double[n];
            for (int i = 0; i < n; i++) {
                String c = ids.get(i);
                rec[i] = (int) (AS_OF.toEpochDay() - last.get(c).toLocalDate().toEpochDay());
                freq[i] = orders.get(c).size();
                mon[i] = money.get(c);
            }
            return new Result(ids, rec, freq, mon, kept);
        }

        /** log1p, then (x - mean) / population standard deviation, column by column. */
        static Dataset scaled(Result r) {
            int n = r.ids.size();
            double[][] cols = new double[3][n];
            for (int i = 0; i < n; i++) {
                cols[0][i] = Math.log1p(r.recency[i]);
                cols[1][i] = Math.log1p(r.frequency[i]);
                cols[2][i] = Math.log1p(r.monetary[i]);
            }
            for (int j = 0; j < 3; j++) {
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += cols[j][i];
                }
                mean /= n;
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    ss += (cols[j][i] - mean) * (cols[j][i] - mean);
                }
                double sd = Math.sqrt(ss / n);
                for (int i = 0; i < n; i++) {
                    cols[j][i] = (cols[j][i] - mean) / sd;
                }
            }
            return Dataset.ofColumns(List.of("recency_days", "frequency", "monetary"), cols[0], cols[1], cols[2]);
        }
    }
}
