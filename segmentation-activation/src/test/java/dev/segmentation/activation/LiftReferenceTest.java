package dev.segmentation.activation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.activation.experiment.ArmAssignment;
import dev.segmentation.activation.experiment.Experiment;
import dev.segmentation.activation.experiment.Planner;
import dev.segmentation.activation.internal.Stats;
import dev.segmentation.activation.internal.Xxh64;
import dev.segmentation.activation.lift.LiftAnalysis;
import dev.segmentation.activation.lift.LiftReport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.segmentation.activation.Fixtures.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hashing, tests, intervals and the planner against {@code fixtures/lift/lift.json} (python3-xxhash 3.0.0, SciPy
 * 1.10.1, statsmodels 0.13.5; made by {@code make_lift_fixtures.py}, calls listed there and in the README).
 */
class LiftReferenceTest {
    private static final JsonNode F = Fixtures.json("lift/lift.json");

    @Test
    void armsMatchTheIndependentXxhashImplementation() {
        for (JsonNode c : F.get("hash")) {
            Experiment.Builder b = Experiment.builder(c.get("experiment").asText()).arms("control", "A", "B")
                    .shares(Fixtures.doubles(c.get("shares")));
            if (!c.get("salt").isNull()) {
                b.salt(c.get("salt").asText());
            }
            Experiment e = b.build();
            String id = c.get("id").asText();
            assertEquals(c.get("seed").asLong(), e.hashSeed(), "seed");
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            assertEquals(c.get("hash").asLong(), Xxh64.hash(bytes, bytes.length, e.hashSeed()), id);       // xxhash 3.0.0
            assertEquals(c.get("hash").asLong(), Xxh64.hash(id, e.hashSeed(), new byte[1][]), id);
            assertEquals(c.get("unit").asDouble(), e.unitValue(id), 0.0, id);
            assertEquals(c.get("arm").asInt(), e.arm(id, "any segment"), id);
        }
    }

    @Test
    void distributionsMatchScipy() {
        JsonNode n = F.get("normal");
        for (int i = 0; i < n.get("z").size(); i++) {
            close(n.get("sf").get(i).asDouble(), Stats.normalSf(n.get("z").get(i).asDouble()), 1e-13, "norm.sf");
        }
        for (int i = 0; i < n.get("p").size(); i++) {
            close(n.get("ppf").get(i).asDouble(), Stats.normalQuantile(n.get("p").get(i).asDouble()), 1e-13, 1,
                    "norm.ppf");
        }
        for (JsonNode c : F.get("t_sf")) {
            // 1e-10: Commons Math's incomplete beta loses a few digits at df = 1e5
            close(c.get("sf").asDouble(), Stats.tSf(c.get("t").asDouble(), c.get("df").asDouble()), 1e-10, "t.sf");
        }
        for (JsonNode c : F.get("t_ppf")) {
            // mpmath at 40 digits (SciPy 1.10 t.ppf is 7e-10 off at df = 2.5)
            close(c.get("ppf").asDouble(), Stats.tQuantile(c.get("p").asDouble(), c.get("df").asDouble()), 1e-10,
                    1, "t.ppf " + c);
        }
        for (JsonNode c : F.get("chi2")) {
            close(c.get("sf").asDouble(), Stats.chiSquareSf(c.get("x").asDouble(), c.get("df").asDouble()), 1e-12,
                    "chi2.sf");
        }
    }

    @Test
    void proportionIntervalsAndTestsMatchStatsmodelsAndScipy() {
        for (JsonNode c : F.get("wilson")) {           // statsmodels proportion_confint(method="wilson")
            double[] w = Stats.wilson(c.get("count").asLong(), c.get("nobs").asLong(), c.get("alpha").asDouble());
            close(c.get("low").asDouble(), w[0], 1e-12, 1, "wilson low " + c);
            close(c.get("high").asDouble(), w[1], 1e-12, 1, "wilson high " + c);
        }
        for (JsonNode c : F.get("newcombe")) {         // statsmodels confint_proportions_2indep(method="newcomb")
            double[] d = Stats.newcombe(c.get("c1").asLong(), c.get("n1").asLong(), c.get("c2").asLong(),
                    c.get("n2").asLong(), c.get("alpha").asDouble());
            close(c.get("low").asDouble(), d[0], 1e-12, 1, "newcombe low " + c);
            close(c.get("high").asDouble(), d[1], 1e-12, 1, "newcombe high " + c);
        }
        for (JsonNode c : F.get("ztest")) {            // statsmodels proportions_ztest
            double z = Stats.twoProportionZ(c.get("c1").asLong(), c.get("n1").asLong(), c.get("c2").asLong(),
                    c.get("n2").asLong());
            close(c.get("z").asDouble(), z, 1e-12, "z " + c);
            close(c.get("p").asDouble(), 2 * Stats.normalSf(Math.abs(z)), 1e-11, "p " + c);
        }
        for (JsonNode c : F.get("fisher")) {           // scipy.stats.fisher_exact, two-sided
            JsonNode t = c.get("table");
            double p = Stats.fisherTwoSided(t.get(0).asLong(), t.get(1).asLong(), t.get(2).asLong(), t.get(3).asLong());
            close(c.get("p").asDouble(), p, 1e-10, "fisher " + t);
        }
    }

    @Test
    void welchAndBootstrapMatchScipy() {
        for (JsonNode c : F.get("welch")) {            // scipy ttest_ind(equal_var=False); statsmodels tconfint_diff
            double[] x = Fixtures.doubles(c.get("x"));
            double[] y = Fixtures.doubles(c.get("y"));
            double[] mx = Stats.meanAndVariance(x, identity(x.length), x.length);
            double[] my = Stats.meanAndVariance(y, identity(y.length), y.length);
            double[] w = Stats.welch(mx[0], mx[1], x.length, my[0], my[1], y.length, c.get("alpha").asDouble());
            close(c.get("t").asDouble(), w[0], 1e-10, "welch t");
            close(c.get("p").asDouble(), w[2], 1e-9, "welch p");
            close(c.get("low").asDouble(), w[3], 1e-9, 1e-9, "welch low");
            close(c.get("high").asDouble(), w[4], 1e-9, 1e-9, "welch high");
        }
        JsonNode b = F.get("bootstrap");                // scipy.stats.bootstrap(method="percentile"), 20,000 resamples
        double[] x = Fixtures.doubles(b.get("x"));
        double[] y = Fixtures.doubles(b.get("y"));
        double[] all = new double[x.length + y.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        int[] rx = identity(x.length);
        int[] ry = new int[y.length];
        for (int i = 0; i < ry.length; i++) {
            ry[i] = x.length + i;
        }
        double[] ci = Stats.bootstrapMeanDifference(all, rx, x.length, ry, y.length, b.get("resamples").asInt(), 42, 0,
                b.get("alpha").asDouble());
        // two independent Monte Carlo estimates: their difference has sd sqrt(2) times SciPy's spread over seeds
        assertEquals(b.get("low").asDouble(), ci[0], 4 * Math.sqrt(2) * b.get("low_sd").asDouble());
        assertEquals(b.get("high").asDouble(), ci[1], 4 * Math.sqrt(2) * b.get("high_sd").asDouble());
        double[] again = Stats.bootstrapMeanDifference(all, rx, x.length, ry, y.length, b.get("resamples").asInt(),
                42, 0, b.get("alpha").asDouble());
        assertEquals(ci[0], again[0], 0.0);
        assertEquals(ci[1], again[1], 0.0);
    }

    @Test
    void goodnessOfFitMatchesScipyChisquare() {
        for (JsonNode c : F.get("chisquare")) {
            double n = 0;
            for (JsonNode v : c.get("counts")) {
                n += v.asDouble();
            }
            double x2 = 0;
            for (int a = 0; a < c.get("counts").size(); a++) {
                double e = n * c.get("shares").get(a).asDouble();
                if (e > 0) {
                    x2 += Math.pow(c.get("counts").get(a).asDouble() - e, 2) / e;
                }
            }
            close(c.get("statistic").asDouble(), x2, 1e-12, "chisquare statistic");
            int df = 0;
            for (JsonNode s : c.get("shares")) {
                df += s.asDouble() > 0 ? 1 : 0;
            }
            close(c.get("p").asDouble(), Stats.chiSquareSf(x2, df - 1), 1e-11, "chisquare p");
        }
    }

    @Test
    void plannerMatchesStatsmodels() {
        for (JsonNode c : F.get("planner")) {
            Planner p = Planner.builder().alpha(c.get("alpha").asDouble()).power(c.get("power").asDouble())
                    .controlShare(c.get("control").asDouble()).build();
            switch (c.get("kind").asText()) {
                case "size": {                         // samplesize_proportions_2indep_onetail
                    Planner.Size s = p.sizeForConversion(c.get("p2").asDouble(), c.get("diff").asDouble());
                    close(c.get("nobs1").asDouble(), s.exactTreated(), 1e-11, "nobs1 " + c);
                    assertEquals((long) Math.ceil(c.get("nobs1").asDouble()), s.treated());
                    assertTrue(s.total() * c.get("control").asDouble() >= s.control() - 1);
                    break;
                }
                case "mde": {                          // brentq on power_proportions_2indep
                    long total = c.get("total").asLong();
                    close(c.get("diff").asDouble(), p.detectableConversionLift(c.get("p2").asDouble(), total), 1e-9,
                            "mde " + c);
                    close(c.get("power_at_0.02").asDouble(), p.conversionPower(c.get("p2").asDouble(), 0.02, total),
                            1e-11, "power " + c);
                    break;
                }
                case "mean_size": {                    // brentq on NormalIndPower().power
                    Planner.Size s = p.sizeForMean(c.get("sd").asDouble(), c.get("diff").asDouble());
                    close(c.get("nobs1").asDouble(), s.exactTreated(), 1e-9, "mean nobs1 " + c);
                    close(c.get("solve_power").asDouble(), s.exactTreated(), 1e-5, "solve_power " + c);
                    break;
                }
                default: {                             // brentq on NormalIndPower().power
                    close(c.get("diff").asDouble(), p.detectableMeanDifference(c.get("sd").asDouble(),
                            c.get("total").asLong()), 1e-9, "mean mde " + c);
                    close(c.get("solve_power").asDouble(), p.detectableMeanDifference(c.get("sd").asDouble(),
                            c.get("total").asLong()), 1e-5, "solve_power " + c);
                    break;
                }
            }
        }
    }

    @Test
    void aWholeCampaignReportMatchesTheReferences() {
        JsonNode r = F.get("report");
        List<String> ids = strings(r.get("ids"));
        List<String> segments = strings(r.get("segments"));
        Experiment.Builder b = Experiment.builder(r.get("experiment").asText()).arms("control", "offer A", "offer B")
                .shares(0.1, 0.45, 0.45);
        b.shares("Loyal", Fixtures.doubles(r.get("shares").get("Loyal")));
        ArmAssignment arms = b.build().assign(ids, segments);
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(r.get("arm").get(i).asInt(), arms.arm(i), ids.get(i));
        }
        for (int s = 0; s < arms.segmentNames().size(); s++) {
            close(r.get("fit_p").get(arms.segmentNames().get(s)).asDouble(), arms.goodnessOfFit(s), 1e-10, "fit");
        }
        boolean[] converted = new boolean[ids.size()];
        double[] revenue = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            converted[i] = r.get("converted").get(i).asBoolean();
            revenue[i] = r.get("revenue").get(i).asDouble();
        }
        LiftReport report = LiftAnalysis.builder().bootstrap(0, 0).build().analyse(arms, converted, revenue);
        assertEquals(8, report.rows().size());
        for (JsonNode e : r.get("rows")) {
            LiftReport.Row row = report.row(e.get("segment").asText(), r.get("arms").get(e.get("arm").asInt()).asText());
            String w = row.toString();
            assertEquals(e.get("nt").asLong(), row.treated(), w);
            assertEquals(e.get("nc").asLong(), row.control(), w);
            assertEquals(e.get("xt").asLong(), row.treatedConversions(), w);
            assertEquals(e.get("xc").asLong(), row.controlConversions(), w);
            close(e.get("treated_rate_ci").get(0).asDouble(), row.treatedRateInterval()[0], 1e-12, 1, w);
            close(e.get("control_rate_ci").get(1).asDouble(), row.controlRateInterval()[1], 1e-12, 1, w);
            close(e.get("diff_ci").get(0).asDouble(), row.differenceInterval()[0], 1e-12, 1, w);
            close(e.get("diff_ci").get(1).asDouble(), row.differenceInterval()[1], 1e-12, 1, w);
            close(e.get("z").asDouble(), row.z(), 1e-12, w);
            close(e.get("p_z").asDouble(), row.zPValue(), 1e-11, w);
            close(e.get("p_fisher").asDouble(), row.fisherPValue(), 1e-9, w);
            assertEquals(e.get("fisher_used").asBoolean(), row.usedFisher(), w);
            close(e.get("p_conv_bh").asDouble(), row.conversionPValueAdjusted(), 1e-9, w);
            close(e.get("mean_t").asDouble(), row.treatedMean(), 1e-12, w);
            close(e.get("mean_c").asDouble(), row.controlMean(), 1e-12, 1e-12, w);
            if (e.has("welch_t")) {
                close(e.get("welch_t").asDouble(), row.welchT(), 1e-10, w);
                close(e.get("welch_p").asDouble(), row.revenuePValue(), 1e-9, w);
                close(e.get("welch_ci").get(0).asDouble(), row.meanDifferenceInterval()[0], 1e-9, 1e-9, w);
                close(e.get("welch_ci").get(1).asDouble(), row.meanDifferenceInterval()[1], 1e-9, 1e-9, w);
                close(e.get("p_rev_bh").asDouble(), row.revenuePValueAdjusted(), 1e-9, w);
                assertFalse(row.bootstrapInterval().isPresent());
            } else {
                assertFalse(row.revenueEstimable(), w);
                assertEquals("fewer than two customers in an arm", row.revenueReason());
            }
        }
        String table = report.table();
        assertTrue(table.contains("Champions"), table);
        assertTrue(table.contains("not estimable: fewer than two customers in an arm"), table);
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>(a.size());
        for (JsonNode v : a) {
            out.add(v.asText());
        }
        return out;
    }

    static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
