package dev.segmentation.activation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.activation.backtest.Backtest;
import dev.segmentation.activation.backtest.BacktestReport;
import dev.segmentation.activation.backtest.OutcomeWindow;
import dev.segmentation.activation.backtest.Outcomes;
import dev.segmentation.activation.internal.Roc;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmScores;
import dev.segmentation.features.rfm.RfmTable;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static dev.segmentation.activation.Fixtures.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AUC and DeLong against scikit-learn and the definition, and two real backtests against pandas
 * ({@code fixtures/backtest/backtest.json}, made by {@code make_backtest_fixtures.py}).
 */
class BacktestReferenceTest {
    private static final JsonNode F = Fixtures.json("backtest/backtest.json");
    private static final List<String> NAMES = List.of("R1", "R2", "R3", "R4", "R5");

    @Test
    void aucAndDeLongMatchTheReferences() {
        for (JsonNode c : F.get("roc")) {
            double[] a = Fixtures.doubles(c.get("a"));
            double[] b = Fixtures.doubles(c.get("b"));
            boolean[] y = new boolean[a.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = c.get("y").get(i).asBoolean();
            }
            double[] d = Roc.delong(a, b, y);
            close(c.get("auc_a").asDouble(), d[0], 1e-13, "auc a");           // sklearn roc_auc_score
            close(c.get("auc_b").asDouble(), d[1], 1e-13, "auc b");
            close(c.get("var_a").asDouble(), d[2], 1e-11, 1e-15, "var a");    // DeLong from its definition
            close(c.get("var_b").asDouble(), d[3], 1e-11, 1e-15, "var b");
            close(c.get("cov").asDouble(), d[4], 1e-11, 1e-15, "cov");
        }
    }

    @Test
    void onlineRetailSegmentsAsOfSeptemberAgainstTheNext90Days() {
        Transactions tx = RealData.onlineRetail();
        check(F.get("online_retail"), tx, OutcomeWindow.starting(LocalDate.parse("2011-09-01"), 90));
    }

    @Test
    void cdnowCalibrationWeeks1To39AgainstHoldoutWeeks40To78() {
        Transactions tx = RealData.cdnow();
        OutcomeWindow holdout = OutcomeWindow.between(LocalDate.parse("1997-10-01"), LocalDate.parse("1998-06-30"));
        assertEquals(273, holdout.days());            // weeks 40-78: 39 weeks
        check(F.get("cdnow"), tx, holdout);
    }

    @Test
    void aWindowBeyondTheDataIsRefusedWithTheLastDate() {
        Transactions tx = RealData.onlineRetail();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutcomeWindow.starting(LocalDate.parse("2011-11-01"), 90).compute(tx, List.of("12347")));
        assertEquals("The outcome window 2011-11-01 .. 2012-01-29 (90 days) ends after the last available date, "
                + "2011-12-09; choose an earlier cutoff or a shorter window", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutcomeWindow.starting(LocalDate.parse("2011-09-01"), 90)
                .compute(tx, List.of("12347", "12347")));
        assertThrows(IllegalArgumentException.class,
                () -> OutcomeWindow.between(LocalDate.parse("2011-09-01"), LocalDate.parse("2011-08-01")));
    }

    private static void check(JsonNode ref, Transactions tx, OutcomeWindow window) {
        RfmTable rfm = Rfm.asOf(window.start()).compute(tx);
        assertEquals(ref.get("customers").asInt(), rfm.size());
        RfmScores scores = RfmScores.fit(rfm);
        int n = rfm.size();
        int[] labels = new int[n];
        double[] baseline = new double[n];
        double[] sum = new double[5];
        long[] count = new long[5];
        for (int i = 0; i < n; i++) {
            int r = scores.recencyScore(rfm.recencyDays(i));
            labels[i] = r - 1;
            baseline[i] = r + scores.frequencyScore(rfm.frequency(i)) + scores.monetaryScore(rfm.monetary(i));
            sum[labels[i]] += rfm.monetary(i);
            count[labels[i]]++;
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(ref.get("first_ids").get(i).asText(), rfm.customerIds().get(i));
            assertEquals(ref.get("first_scores").get(i).asDouble(), baseline[i]);
        }
        double[] value = new double[5];
        for (int s = 0; s < 5; s++) {
            value[s] = sum[s] / count[s];
        }
        Outcomes later = window.compute(tx, rfm.customerIds());
        BacktestReport report = Backtest.builder().segments(labels, NAMES).value(value, "mean spend before the cutoff")
                .baseline("RFM quintile sum", baseline).build().run(later);
        assertEquals(ref.get("buyers").asLong(), Math.round(report.purchaseRate() * n));
        for (JsonNode s : ref.get("segments")) {
            BacktestReport.SegmentRow row = report.segments().get(s.get("segment").asInt());
            assertEquals(s.get("customers").asLong(), row.customers(), row.name());
            assertEquals(s.get("buyers").asLong(), row.buyers(), row.name());
            close(s.get("value").asDouble(), row.value(), 1e-12, row.name());
            close(s.get("revenue").asDouble(), row.revenue(), 1e-10, row.name());      // pandas sum
            close(s.get("mean_revenue").asDouble(), row.meanRevenue(), 1e-10, row.name());
            double se = s.get("sd_revenue").asDouble() / Math.sqrt(row.customers());
            double halfWidth = (row.revenueHigh() - row.revenueLow()) / 2;
            close(se * dev.segmentation.activation.internal.Stats.tQuantile(0.975, row.customers() - 1), halfWidth,
                    1e-9, row.name());
        }
        close(ref.get("auc").asDouble(), report.auc(), 1e-12, "auc");                    // sklearn
        close(Math.sqrt(ref.get("var").asDouble()), report.aucStandardError(), 1e-9, "auc se");
        close(ref.get("auc_upper").asDouble(), report.aucUpperBound(), 1e-12, "auc upper");
        BacktestReport.Comparison c = report.comparisons().get(0);
        close(ref.get("auc_baseline").asDouble(), c.auc(), 1e-12, "baseline auc");
        double var = ref.get("var").asDouble() + ref.get("var_baseline").asDouble() - 2 * ref.get("cov").asDouble();
        close(Math.sqrt(var), c.differenceSe(), 1e-9, "difference se");
        List<BacktestReport.GainRow> gains = report.gains();
        assertEquals(1.0, gains.get(gains.size() - 1).customerShare(), 1e-12);
        assertEquals(1.0, gains.get(gains.size() - 1).buyerShare(), 1e-12);
        assertEquals(1.0, gains.get(gains.size() - 1).cumulativeLift(), 1e-12);
        String table = report.table();
        assertTrue(table.contains("AUC of RFM quintile sum"), table);
    }
}
