/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.features.TestData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed reference values of {@code clv/make_clv_fixtures.py} and the CDNOW calibration summary. */
final class ClvFixtures {
    static final String FUNCTIONS = "/clv/clv_functions.csv";
    static final String CDNOW = "/clv/clv_cdnow.csv";

    private ClvFixtures() {
    }

    static List<NamedCsvRecord> functions(String model) {
        List<NamedCsvRecord> out = new ArrayList<>();
        for (NamedCsvRecord r : TestData.fixture(FUNCTIONS)) {
            if (r.getField("model").equals(model)) {
                out.add(r);
            }
        }
        assertTrue(out.size() >= 16, "fixture rows for " + model);
        return out;
    }

    static NamedCsvRecord cdnow(String model, String source) {
        for (NamedCsvRecord r : TestData.fixture(CDNOW)) {
            if (r.getField("model").equals(model) && r.getField("source").equals(source)) {
                return r;
            }
        }
        throw new IllegalStateException("no " + model + "/" + source + " row");
    }

    static double d(NamedCsvRecord r, String field) {
        return Double.parseDouble(r.getField(field));
    }

    /** {@code data/cdnow_customers_summary_with_transactions.csv}: ID, x, t_x, T, zbar. */
    static BtydCustomers cdnowSummary() throws IOException {
        Path file = TestData.require("cdnow_customers_summary_with_transactions.csv");
        List<String> lines = Files.readAllLines(file);
        int n = lines.size() - 1;
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] spend = new double[n];
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).strip().split(",");
            ids.add(f[0]);
            x[i] = Double.parseDouble(f[1]);
            tx[i] = Double.parseDouble(f[2]);
            age[i] = Double.parseDouble(f[3]);
            spend[i] = Double.parseDouble(f[4]);
        }
        return BtydCustomers.of(ids, x, tx, age, spend);
    }

    static void assertRelative(double expected, double actual, double tolerance, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertTrue(Math.abs(actual - expected) <= tolerance * scale || actual == expected,
                what + ": expected " + expected + " but was " + actual + " (relative error "
                        + Math.abs(actual - expected) / scale + ")");
    }
}
