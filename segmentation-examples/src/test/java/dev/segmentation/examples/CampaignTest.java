package dev.segmentation.examples;

import dev.segmentation.activation.backtest.BacktestReport;
import dev.segmentation.activation.campaign.Audience;
import dev.segmentation.activation.experiment.ArmAssignment;
import dev.segmentation.activation.lift.LiftReport;
import dev.segmentation.data.DataFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worked campaign's core on the real data: its numbers add up and agree with independent counts. */
class CampaignTest {
    private static Campaign.Result result;

    @BeforeAll
    static void run() throws IOException {
        result = Campaign.onlineRetail(Campaign.readOnlineRetail(data("online_retail.csv.gz")));
    }

    private static Path data(String file) {
        Optional<Path> p = DataFiles.find(file);
        if (p.isEmpty()) {
            String message = "Skipped: " + DataFiles.notFoundMessage(file);
            System.err.println(message);
            Assumptions.abort(message);
        }
        return p.get();
    }

    @Test
    void segmentsFollowTheRulesFirstAndCoverEveryone() {
        // pandas (make_backtest_fixtures.py of segmentation-activation): 3,314 customers bought before 2011-09-01
        assertEquals(3314, result.customers().size());
        List<String> names = result.segments().segmentNames();
        assertEquals("VIP", names.get(0));
        assertEquals("New", names.get(1));
        long vip = 0;
        long fresh = 0;
        long[] count = new long[names.size()];
        for (int i = 0; i < result.labels().length; i++) {
            count[result.labels()[i]]++;
            boolean isVip = result.customers().numeric(Campaign.MONETARY, i) >= 10_000;
            vip += isVip ? 1 : 0;
            fresh += !isVip && result.customers().numeric(Campaign.TENURE, i) <= 30 ? 1 : 0;
        }
        assertEquals(vip, count[0]);
        assertEquals(fresh, count[1]);
        for (int s = 0; s < names.size(); s++) {
            assertTrue(count[s] > 0, names.get(s) + " is empty");
        }
        assertTrue(names.contains("Low value"), names.toString());
    }

    @Test
    void theAudienceWaterfallAddsUp() {
        Audience a = result.audience();
        long removed = 0;
        for (Audience.Step s : a.steps()) {
            removed += s.removed();
            assertTrue(s.removedAlone() >= s.removed(), s.toString());
        }
        assertEquals(a.populationSize() - a.size(), removed);
        assertTrue(a.steps().get(2).removedAlone() > 100, "complaints: customers with a cancelled invoice in August");
        assertTrue(a.size() > 1500 && a.size() < a.populationSize(), a.toString());
    }

    @Test
    void everySegmentHoldsAboutTenPercentControl() {
        ArmAssignment arms = result.arms();
        assertEquals(result.audience().size(), arms.size());
        long control = 0;
        for (int s = 0; s < arms.segmentNames().size(); s++) {
            long n = arms.segmentSize(s);
            double sd = Math.sqrt(0.1 * 0.9 / n);
            assertEquals(0.10, (double) arms.count(s, 0) / n, 5 * sd + 1e-12, arms.segmentNames().get(s));
            control += arms.count(s, 0);
        }
        assertEquals(0.10, (double) control / arms.size(), 5 * Math.sqrt(0.09 / arms.size()));
    }

    @Test
    void theLiftTableEstimatesTheSimulatedTruth() {
        LiftReport lift = result.lift();
        assertEquals(result.segments().k() * 2, lift.rows().size());
        LiftReport.Total offer = lift.total("10% off");
        assertTrue(offer.conversionsLow() <= result.trueIncremental()[1]
                && result.trueIncremental()[1] <= offer.conversionsHigh(), offer.toString());
        assertTrue(offer.incrementalConversions() > 0, offer.toString());
        LiftReport.Row low = lift.row("Low value", "10% off");
        assertTrue(low.estimable() && low.treated() > 400 && low.control() > 50, low.toString());
        assertTrue(low.difference() > 0, low.toString());
        for (LiftReport.Row r : lift.rows()) {
            assertTrue(r.conversionPValueAdjusted() >= r.conversionPValue() - 1e-15, r.toString());
            double[] ci = r.differenceInterval();
            assertTrue(ci[0] <= r.difference() && r.difference() <= ci[1], r.toString());
        }
    }

    @Test
    void theBacktestAgreesWithIndependentCountsAndBeatsChance() {
        BacktestReport b = result.backtest();
        // pandas: 1,859 of the 3,314 customers bought between 2011-09-01 and 2011-11-29
        assertEquals(1859.0 / 3314, b.purchaseRate(), 1e-12);
        assertTrue(b.auc() > 0.6 && b.auc() <= b.aucUpperBound() + 1e-12, b.toString());
        List<BacktestReport.GainRow> gains = b.gains();
        for (int i = 1; i < gains.size(); i++) {
            assertTrue(gains.get(i).buyerShare() >= gains.get(i - 1).buyerShare());
        }
        assertEquals(1.0, gains.get(gains.size() - 1).buyerShare(), 1e-12);
        assertTrue(Campaign.verdict(b).startsWith("In one sentence: "));
    }

    @Test
    void cdnowHoldoutBacktest() throws IOException {
        BacktestReport b = Campaign.cdnow(Campaign.readCdnow(data("CDNOW_master.txt")));
        // pandas: 23,570 customers, 7,058 of them bought in weeks 40-78 (1997-10-01 .. 1998-06-30)
        assertEquals(23570, b.customers());
        assertEquals(7058.0 / 23570, b.purchaseRate(), 1e-12);
        assertTrue(b.auc() > 0.65, b.toString());
    }
}
