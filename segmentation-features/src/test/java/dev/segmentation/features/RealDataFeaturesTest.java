/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.features.behaviour.DecayedEngagement;
import dev.segmentation.features.behaviour.NavigationMotifs;
import dev.segmentation.features.behaviour.Sessions;
import dev.segmentation.features.io.EventCsvReader;
import dev.segmentation.features.io.EventReadResult;
import dev.segmentation.features.io.ReadResult;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.BtydSummary;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmScores;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.rfm.RfmWindows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The point-in-time features on the real shared data against independent pandas computations (fixtures and
 * script in {@code fixtures/realdata/}), and the buy-till-you-die summary against the published
 * {@code cdnow_customers_summary.csv}, which must be reproduced exactly. Skipped when the data are absent.
 */
class RealDataFeaturesTest {
    static final String DIR = "/fixtures/realdata/";
    static final LocalDate AS_OF = LocalDate.parse("2011-12-10");
    static final Map<String, Double> MAX = new TreeMap<>();

    @AfterAll
    static void writeDeviations() throws java.io.IOException {
        StringBuilder sb = new StringBuilder("largest relative deviation from pandas, per fixture:\n");
        for (Map.Entry<String, Double> e : MAX.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-36s %.3g%n", e.getKey(), e.getValue()));
        }
        // Tests never print: the figures go to a file beside the surefire reports.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "realdata-deviations.txt"), sb);
    }

    static Transactions cleanOnlineRetail() throws IOException {
        ReadResult read = RealDataTest.onlineRetailReader().read(TestData.require("online_retail.csv.gz"));
        return RealDataTest.onlineRetailCleaning().apply(read.transactions()).transactions();
    }

    /** The rows in a fixed pseudo-random order: features must not depend on the input order. */
    static Transactions shuffled(Transactions t) {
        int n = t.size();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        long s = 20_240_601L;
        for (int i = n - 1; i > 0; i--) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            int j = (int) Long.remainderUnsigned(s >>> 17, i + 1);
            int x = p[i];
            p[i] = p[j];
            p[j] = x;
        }
        return t.select(p);
    }

    /** Every fixture column equals the table's to 1e-9 relative (ids and their order must match). */
    static void assertMatches(String fixture, CustomerTable actual) {
        List<NamedCsvRecord> rows = TestData.fixture(DIR + fixture);
        assertTrue(TestData.fixtureComments(DIR + fixture).get(0).contains("pandas"));
        assertEquals(rows.size(), actual.size(), fixture + ": customers");
        List<String> columns = new ArrayList<>(rows.get(0).getHeader());
        columns.remove("customer_id");
        List<String> problems = new ArrayList<>();
        double worst = 0;
        for (int j = 0; j < columns.size(); j++) {
            String c = columns.get(j);
            double[] v = actual.numeric(c);
            for (int i = 0; i < rows.size(); i++) {
                String id = rows.get(i).getField("customer_id");
                if (!id.equals(actual.customerId(i))) {
                    problems.add("row " + i + ": " + actual.customerId(i) + " but pandas has " + id);
                    break;
                }
                double e = Double.parseDouble(rows.get(i).getField(c));
                double err = Math.abs(v[i] - e);
                if (!(err <= 1e-9 * Math.abs(e) || err <= 1e-300)) {
                    problems.add(id + " " + c + ": " + v[i] + " but pandas has " + e);
                }
                if (e != 0) {
                    worst = Math.max(worst, err / Math.abs(e));
                }
            }
        }
        MAX.merge(fixture, worst, Math::max);
        assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())), fixture);
    }

    /** Same ids, columns and values up to {@code rel} relative. */
    static void assertClose(CustomerTable a, CustomerTable b, double rel) {
        assertEquals(a.customerIds(), b.customerIds());
        assertEquals(a.columnNames(), b.columnNames());
        for (int j = 0; j < a.columnNames().size(); j++) {
            double[] x = a.numeric(a.columnNames().get(j));
            double[] y = b.numeric(a.columnNames().get(j));
            for (int i = 0; i < x.length; i++) {
                assertTrue(Math.abs(x[i] - y[i]) <= rel * Math.abs(x[i]), a.columnNames().get(j) + " of "
                        + a.customerId(i) + ": " + x[i] + " vs " + y[i]);
            }
        }
    }

    @Test
    void rfmWindowsMatchPandasAndIgnoreRowOrder() throws IOException {
        Transactions t = cleanOnlineRetail();
        RfmWindows w = RfmWindows.asOf(AS_OF).windows(Period.ofDays(90), Period.ofDays(180), Period.ofDays(365));
        FeatureTable f = w.compute(t);
        assertEquals(List.of("recency_days", "frequency_90d", "monetary_90d", "frequency_180d", "monetary_180d",
                "frequency_365d", "monetary_365d"), f.table().columnNames());
        assertEquals(List.of(), f.report().truncatedWindows());
        assertMatches("online_retail_rfm_windows.csv", f.table());
        FeatureTable again = w.compute(shuffled(t));
        assertClose(f.table(), again.table(), 1e-14);
    }

    @Test
    void rfmQuintileScoresMatchPandas() throws IOException {
        RfmTable rfm = Rfm.asOf(AS_OF).compute(cleanOnlineRetail());
        CustomerTable scores = RfmScores.fit(rfm).score(rfm);
        assertMatches("online_retail_rfm_scores.csv", scores);
    }

    @Test
    void btydSummaryOfOnlineRetailMatchesPandas() throws IOException {
        Transactions t = cleanOnlineRetail();
        BtydSummary s = BtydSummary.calibrationEnd(LocalDate.parse("2011-09-30"));
        FeatureTable f = s.compute(t);
        assertMatches("online_retail_btyd_2011-09-30.csv", f.table());
        assertTrue(f.report().excludedAtOrAfterAsOf() > 0);
        assertClose(f.table(), s.compute(shuffled(t)).table(), 1e-14);
    }

    static Transactions cdnowSample() throws IOException {
        return TransactionCsvReader.builder()
                .layout(TransactionCsvReader.Layout.WHITESPACE)
                .withoutHeader("master_id", "sample_id", "date", "number_of_cds", "dollar_value")
                .customerId("sample_id")
                .timestamp("date", "yyyyMMdd")
                .amount("dollar_value")
                .build()
                .read(TestData.require("CDNOW_sample.txt")).transactions();
    }

    /** The published summary, rebuilt exactly: same customers, x, t_x and T equal to the last bit. */
    @Test
    void cdnowSummaryEqualsThePublishedFileExactly() throws IOException {
        Path published = TestData.require("cdnow_customers_summary.csv");
        FeatureTable f = BtydSummary.calibrationEnd(LocalDate.parse("1997-09-30")).inWeeks().roundTo(2)
                .compute(cdnowSample());
        CustomerTable t = f.table();
        List<String> lines = java.nio.file.Files.readAllLines(published);
        assertEquals("ID,frequency,recency,T", lines.get(0));
        assertEquals(2_357, lines.size() - 1);
        assertEquals(2_357, t.size());
        int mismatches = 0;
        double[] x = t.numeric("frequency");
        double[] tx = t.numeric("recency");
        double[] age = t.numeric("T");
        for (int i = 0; i < t.size(); i++) {
            String[] p = lines.get(i + 1).split(",");
            boolean same = Integer.parseInt(p[0]) == Integer.parseInt(t.customerId(i))
                    && Integer.parseInt(p[1]) == (int) x[i] && x[i] == Math.rint(x[i])
                    && Double.parseDouble(p[2]) == tx[i] && Double.parseDouble(p[3]) == age[i];
            if (!same) {
                mismatches++;
            }
        }
        assertEquals(0, mismatches);
        double sum = 0;
        int repeaters = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            repeaters += x[i] > 0 ? 1 : 0;
        }
        assertEquals(2_457, (int) sum);
        assertEquals(946, repeaters);

        // zbar of the companion file is the mean repeat spend rounded to cents (half up on the decimal value,
        // so a mean that is a half cent in exact arithmetic may round either way in binary)
        List<String> z = java.nio.file.Files.readAllLines(TestData.require(
                "cdnow_customers_summary_with_transactions.csv"));
        double[] m = t.numeric("monetary_value");
        for (int i = 0; i < t.size(); i++) {
            String[] p = z.get(i + 1).split(",");
            assertTrue(Math.abs(m[i] - Double.parseDouble(p[4])) <= 0.005 + 1e-9, "zbar of " + p[0] + ": " + m[i]);
        }
        // and the unrounded values agree with pandas
        FeatureTable raw = BtydSummary.calibrationEnd(LocalDate.parse("1997-09-30")).inWeeks().compute(cdnowSample());
        assertMatches("cdnow_sample_btyd.csv", raw.table());
    }

    static EventCsvReader eventReader() {
        return EventCsvReader.builder()
                .customerId("CustomerID").normalizeDecimalCustomerIds()
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .eventName("StockCode")
                .build();
    }

    @Test
    void sessionsMotifsAndEngagementOfTheInvoiceEventLogMatchPandas() throws IOException {
        EventReadResult r = eventReader().read(TestData.require("online_retail.csv.gz"));
        Events events = r.events();
        assertEquals(541_909, r.report().rowsKept());
        assertEquals(135_080, events.missingCustomerCount());
        FeatureTable s = Sessions.asOf(AS_OF).compute(events);
        assertEquals(135_080, s.report().excludedMissingCustomer());
        assertEquals(406_829, s.report().rowsUsed());
        assertMatches("online_retail_sessions.csv", s.table());

        NavigationMotifs.Fitted motifs = NavigationMotifs.asOf(AS_OF).top(5).fit(events);
        assertEquals("23300", motifs.motifs().get(0).first());
        assertEquals(219, motifs.trainingCounts()[0]);
        assertMatches("online_retail_motifs.csv", motifs.compute(events).table());

        FeatureTable e = DecayedEngagement.asOf(AS_OF).halfLife(Duration.ofDays(7)).compute(events);
        assertMatches("online_retail_event_engagement.csv", e.table());

        // the same features from the events in another order
        int n = events.size();
        int[] reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = n - 1 - i;
        }
        Events backwards = events.select(reversed);
        FeatureTable s2 = Sessions.asOf(AS_OF).compute(backwards);
        assertEquals(s.table().customerIds(), s2.table().customerIds());
        assertEquals(List.of(s.table().numeric("session_count")).get(0).length, s2.table().size());
        assertTrue(java.util.Arrays.equals(s.table().numeric("session_count"), s2.table().numeric("session_count")));
        assertTrue(java.util.Arrays.equals(s.table().numeric("days_since_last_session"),
                s2.table().numeric("days_since_last_session")));
    }

    @Test
    void decayedSpendMatchesPandas() throws IOException {
        FeatureTable e = DecayedEngagement.asOf(AS_OF).halfLife(Duration.ofDays(30)).compute(cleanOnlineRetail());
        assertMatches("online_retail_engagement.csv", e.table());
    }
}
