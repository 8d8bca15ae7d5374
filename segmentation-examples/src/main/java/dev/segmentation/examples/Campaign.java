/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import dev.segmentation.activation.backtest.Backtest;
import dev.segmentation.activation.backtest.BacktestReport;
import dev.segmentation.activation.backtest.OutcomeWindow;
import dev.segmentation.activation.backtest.Outcomes;
import dev.segmentation.activation.campaign.Audience;
import dev.segmentation.activation.campaign.ContactHistory;
import dev.segmentation.activation.experiment.ArmAssignment;
import dev.segmentation.activation.experiment.Experiment;
import dev.segmentation.activation.experiment.Planner;
import dev.segmentation.activation.hybrid.HybridSegmenter;
import dev.segmentation.activation.lift.LiftAnalysis;
import dev.segmentation.activation.lift.LiftReport;
import dev.segmentation.activation.rules.BoundRuleSet;
import dev.segmentation.activation.rules.LifecycleStages;
import dev.segmentation.activation.rules.RuleSchema;
import dev.segmentation.activation.rules.RuleSet;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.data.DataFiles;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.TransactionFilter;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmScores;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.validation.RfmSegmentNamer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A worked campaign on the real data: hybrid segments (business rules first, K-means clusters for everyone else,
 * post-clustering merge and split), lifecycle stages, the audience after suppression, a pre-campaign plan, a 10%
 * control group in every segment with two offers, the lift table, and a backtest of the segmentation on what the
 * customers did next (also on CDNOW).
 * <pre>
 * mvn -B -q -pl segmentation-examples -am verify -DskipTests -Pexample -Dexample.main=dev.segmentation.examples.Campaign
 * </pre>
 *
 * <h2>What is real and what is simulated</h2>
 * The customers, their features, segments and lifecycle stages, the complaint suppression list (customers with a
 * cancelled invoice in the 30 days before the campaign), the arms, the purchases in the 90 days after the campaign
 * date and both backtests are real (UCI Online Retail, CDNOW). Three things the data do not hold are
 * <b>simulated</b>, with a fixed seed, and labelled so wherever they are printed: the marketing-consent opt-outs,
 * the contact history of an earlier campaign, and the campaign's effect. The effect is added on top of the real
 * purchases: a treated customer who did not buy converts with a segment- and offer-dependent probability (spending
 * his own average order value, with noise), and the "10% off" offer also gives 10% back to treated customers who
 * bought anyway. The lift table therefore estimates a known, simulated truth, printed beside it.
 */
public final class Campaign {
    /** The campaign date: the segmentation uses what was known before it. */
    static final LocalDate CUTOFF = LocalDate.parse("2011-09-01");
    /** Days of the outcome window that starts at the cutoff. */
    static final int WINDOW = 90;
    /** The seed of every simulated step. */
    static final long SEED = 20110901L;
    static final String RECENCY = "recency_days";
    static final String FREQUENCY = "frequency";
    static final String MONETARY = "monetary";
    static final String TENURE = "tenure_days";
    static final String COUNTRY = "country";
    static final List<String> ARMS = List.of("control", "10% off", "free shipping");

    private Campaign() {
    }

    public static void main(String[] args) throws IOException {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data")) {
                System.setProperty(DataFiles.PROPERTY, args[++i]);
            } else if (!args[i].equals("--dataset") || !args[++i].equals("online-retail")) {
                throw new IllegalArgumentException("Unknown option " + args[i] + "; use --data DIR");
            }
        }
        long start = System.nanoTime();
        section("1. Read online_retail.csv.gz; customers as of " + CUTOFF);
        Transactions all = readOnlineRetail(DataFiles.require("online_retail.csv.gz"));
        Result r = onlineRetail(all);
        printf("%,d customers with a purchase before %s (RFM, tenure and their latest country)%n", r.customers.size(),
                CUTOFF);

        section("2. Hybrid segments: rules take precedence, K-means (k = 5) for everyone else");
        printf("rules:%n%s", indent(r.segments.rules().orElseThrow().toString()));
        printf("post-clustering: %s%n", r.postRules);
        System.out.print(r.segments.table(r.labels));

        section("3. Lifecycle stages (rules over tenure and recency) by segment");
        System.out.print(r.lifecycle);

        section("4. Audience");
        System.out.print(r.audience.table());
        printf("(SIMULATED: the consent opt-outs and the earlier campaign's contacts; real: the complaints)%n");

        section("5. Plan: what a 10% control group can detect per segment (alpha 0.05, power 0.8)");
        printf("  base rates: the segment's purchases in the 90 days up to the cutoff, as the same model segments the "
                + "customers of %s%n", CUTOFF.minusDays(WINDOW));
        System.out.print(r.plan);

        section("6. Experiment '" + r.arms.experimentId() + "': 10% control in every segment, two offers");
        System.out.print(r.arms.table());

        section("7. Lift per segment, 90 days after " + CUTOFF + " -- the campaign effect is SIMULATED");
        printf("outcomes = the customers' real purchases %s .. %s plus a SIMULATED campaign effect (seed %d)%n%n",
                CUTOFF, CUTOFF.plusDays(WINDOW - 1), SEED);
        System.out.print(r.lift.table());
        printf("%n  the SIMULATED truth the table estimates (incremental conversions among the treated):%n");
        System.out.print(r.truth);

        section("8. Backtest: do the segments as of " + CUTOFF + " predict the real purchases of the next " + WINDOW
                + " days?");
        System.out.print(r.backtest.table());
        printf("%s%n", verdict(r.backtest));

        section("9. Backtest on CDNOW: calibration weeks 1-39, holdout weeks 40-78");
        BacktestReport cdnow = cdnow(readCdnow(DataFiles.require("CDNOW_master.txt")));
        System.out.print(cdnow.table());
        printf("%s%n", verdict(cdnow));

        section("10. Save the hybrid segmentation and reload it");
        Path out = Path.of("target", "segmentation-output", "campaign-hybrid.json");
        Files.createDirectories(out.getParent());
        ModelIO.write(r.segments, out);
        HybridSegmenter back = ModelIO.read(out, HybridSegmenter.class);
        int[] again = back.assign(r.customers);
        int same = 0;
        for (int i = 0; i < again.length; i++) {
            same += again[i] == r.labels[i] ? 1 : 0;
        }
        printf("%s (%,d bytes): the reloaded model gives the same segment for %,d of %,d customers%n", out,
                Files.size(out), same, again.length);
        if (same != again.length) {
            throw new IllegalStateException("The reloaded hybrid segmentation disagrees for " + (again.length - same)
                    + " customers");
        }
        printf("%nDone in %,d ms.%n", (System.nanoTime() - start) / 1_000_000);
    }

    /** Everything the example computes on Online Retail, ready to print. */
    record Result(CustomerTable customers, HybridSegmenter segments, int[] labels, String postRules, String lifecycle,
                  Audience audience, String plan, ArmAssignment arms, LiftReport lift, String truth,
                  double[] trueIncremental, BacktestReport backtest) {
    }

    /**
     * The campaign on Online Retail.
     *
     * @param all every transaction line as read (cancellations included: they are the complaint signal)
     */
    static Result onlineRetail(Transactions all) {
        Transactions tx = cleaning().apply(all).transactions();
        RfmTable rfm = Rfm.asOf(CUTOFF).compute(tx);
        CustomerTable customers = customerTable(rfm, tx, CUTOFF);
        RuleSet precedence = RuleSet.parse("VIP: monetary >= 10000\nNew: tenure_days <= 30");
        Built built = hybrid(customers, precedence, true);
        HybridSegmenter segments = built.segments;
        int[] labels = segments.assign(customers);

        String lifecycle = lifecycle(customers, labels, segments.segmentNames());
        Audience audience = audience(all, customers);
        Outcomes later = OutcomeWindow.starting(CUTOFF, WINDOW).compute(tx, customers.customerIds());
        double[] historicRate = historicRates(tx, segments);

        // the experiment runs on the audience
        int[] rows = audience.selectedRows();
        String[] ids = new String[rows.length];
        int[] seg = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ids[i] = customers.customerId(rows[i]);
            seg[i] = labels[rows[i]];
        }
        String plan = plan(seg, historicRate, segments.segmentNames());
        Experiment experiment = Experiment.builder("autumn-2011").arms(ARMS.get(0), ARMS.get(1), ARMS.get(2))
                .shares(0.10, 0.45, 0.45).build();
        ArmAssignment arms = experiment.assign(ids, seg, segments.segmentNames());
        Simulation sim = simulate(arms, rows, later, customers);
        LiftReport lift = LiftAnalysis.builder().alpha(0.05).bootstrap(2000, SEED).build()
                .analyse(arms, sim.converted, sim.revenue);

        BacktestReport backtest = backtest(rfm, customers, labels, segments.segmentNames(), later);
        return new Result(customers, segments, labels, built.postRules, lifecycle, audience, plan, arms, lift,
                sim.truthTable, sim.trueIncremental, backtest);
    }

    /** The backtest on CDNOW: segments as of the end of week 39, outcomes in weeks 40 to 78. */
    static BacktestReport cdnow(Transactions tx) {
        LocalDate calibrationEnd = LocalDate.parse("1997-10-01");
        RfmTable rfm = Rfm.asOf(calibrationEnd).compute(tx);
        CustomerTable customers = customerTable(rfm, tx, calibrationEnd);
        Built built = hybrid(customers, RuleSet.parse("VIP: monetary >= 500"), false);
        int[] labels = built.segments.assign(customers);
        Outcomes holdout = OutcomeWindow.between(calibrationEnd, LocalDate.parse("1998-06-30"))
                .compute(tx, customers.customerIds());
        return backtest(rfm, customers, labels, built.segments.segmentNames(), holdout);
    }

    // ------------------------------------------------------------------------------------------ steps

    private record Built(HybridSegmenter segments, String postRules) {
    }

    /**
     * The hybrid segmentation: precedence rules, then K-means (k = 5, log1p and standardised RFM) fitted on the
     * customers the rules leave, named from their profiles; the two lowest-spending clusters merged, and (with
     * {@code splitByCountry}) the highest-spending one split into UK and abroad.
     */
    private static Built hybrid(CustomerTable customers, RuleSet precedence, boolean splitByCountry) {
        RuleSchema schema = RuleSchema.of(customers);
        int[] ruled = precedence.bind(schema).match(customers);
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < ruled.length; i++) {
            if (ruled[i] == BoundRuleSet.NO_MATCH) {
                rest.add(customers.customerId(i));
            }
        }
        Dataset raw = customers.selectCustomers(rest).select(RECENCY, FREQUENCY, MONETARY).toDataset();
        FittedPipeline features = FeaturePipeline.builder().log1p(RECENCY, FREQUENCY, MONETARY).standardize().build()
                .fit(raw);
        KMeansModel model = KMeans.builder().k(5).nInit(10).seed(42).build().fit(features.transform(raw));
        List<String> names = RfmSegmentNamer.of(RECENCY, FREQUENCY, MONETARY).name(raw, model.trainingLabels(), 5);
        SegmentScorer scorer = SegmentScorer.of(features, model).withSegmentNames(names);
        double[] spend = new double[5];
        long[] size = new long[5];
        int[] train = model.trainingLabels();
        for (int i = 0; i < train.length; i++) {
            spend[train[i]] += raw.get(i, 2);
            size[train[i]]++;
        }
        Integer[] byValue = {0, 1, 2, 3, 4};
        java.util.Arrays.sort(byValue, (a, b) -> Double.compare(spend[a] / size[a], spend[b] / size[b]));
        HybridSegmenter.Builder b = HybridSegmenter.builder(schema).rules(precedence).clusters(scorer)
                .merge("Low value", byValue[0], byValue[1]);
        String post = "merge the two lowest-spending clusters, " + names.get(byValue[0]) + " and "
                + names.get(byValue[1]) + ", into 'Low value'";
        if (splitByCountry) {
            int top = byValue[4];
            b.split(top, "country = \"United Kingdom\"", names.get(top) + " UK", names.get(top) + " abroad");
            post += "; split the highest-spending, " + names.get(top) + ", by country = \"United Kingdom\"";
        }
        return new Built(b.build(), post);
    }

    /** Stages (new, active, at risk, lapsed) by segment. */
    private static String lifecycle(CustomerTable customers, int[] labels, List<String> segmentNames) {
        BoundRuleSet stages = LifecycleStages.builder().build().bind(RuleSchema.of(customers));
        int[] stage = stages.match(customers);
        int k = segmentNames.size();
        long[][] counts = new long[k][stages.segmentCount()];
        for (int i = 0; i < stage.length; i++) {
            counts[labels[i]][stage[i]]++;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-40s", "segment"));
        for (String s : stages.labels()) {
            sb.append(String.format(Locale.ROOT, " %9s", s));
        }
        sb.append('\n');
        for (int s = 0; s < k; s++) {
            sb.append(String.format(Locale.ROOT, "  %-40s", segmentNames.get(s)));
            for (long c : counts[s]) {
                sb.append(String.format(Locale.ROOT, " %,9d", c));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Suppression: consent (simulated), complaints (real cancellations), an earlier campaign (simulated). */
    private static Audience audience(Transactions all, CustomerTable customers) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        Set<String> optedOut = new HashSet<>();
        ContactHistory.Builder history = ContactHistory.builder();
        for (String id : customers.customerIds()) {
            if (rnd.nextDouble() < 0.04) {
                optedOut.add(id);
            }
            if (rnd.nextDouble() < 0.15) {
                history.add(id, CUTOFF.minusDays(10));          // the simulated August newsletter
            }
        }
        Set<String> complained = new HashSet<>();
        long from = CUTOFF.minusDays(30).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = CUTOFF.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        for (int i = 0; i < all.size(); i++) {
            long t = all.epochSecond(i);
            if (all.hasCustomer(i) && t >= from && t < to && all.orderId(i).startsWith("C")) {
                complained.add(all.customerId(i));
            }
        }
        return dev.segmentation.activation.campaign.Campaign.builder("autumn-2011").on(CUTOFF)
                .include("bought in the last 6 months", "recency_days <= 182")
                .suppress("no marketing consent (SIMULATED)", optedOut)
                .suppress("return or complaint in the last 30 days", complained)
                .exclude("wholesale-size account", "monetary >= 50000")
                .notContactedWithin(14, history.build())
                .build().select(customers);
    }

    /**
     * Each segment's purchase rate one period earlier: the same model scores the customers as of
     * {@code CUTOFF - 90 days} and the rate is what they bought in the 90 days up to the cutoff. This is what the
     * planner may know before the campaign.
     */
    private static double[] historicRates(Transactions tx, HybridSegmenter segments) {
        LocalDate earlier = CUTOFF.minusDays(WINDOW);
        RfmTable rfm = Rfm.asOf(earlier).compute(tx);
        CustomerTable then = customerTable(rfm, tx, earlier);
        int[] labels = segments.assign(then);
        Outcomes next = OutcomeWindow.starting(earlier, WINDOW).compute(tx, then.customerIds());
        int k = segments.k();
        double[] buyers = new double[k];
        double[] n = new double[k];
        for (int i = 0; i < labels.length; i++) {
            n[labels[i]]++;
            buyers[labels[i]] += next.purchased(i) ? 1 : 0;
        }
        double[] rate = new double[k];
        for (int s = 0; s < k; s++) {
            rate[s] = n[s] == 0 ? Double.NaN : buyers[s] / n[s];
        }
        return rate;
    }

    /** The detectable lift per segment at its audience size, from its historic rate. */
    private static String plan(int[] seg, double[] historicRate, List<String> names) {
        Planner planner = Planner.builder().alpha(0.05).power(0.8).controlShare(0.10).build();
        int k = names.size();
        long[] n = new long[k];
        for (int s : seg) {
            n[s]++;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-22s %9s %22s %18s %22s%n", "segment",
                "audience", "90-day rate, earlier", "detectable lift", "size for +5 points"));
        for (int s = 0; s < k; s++) {
            double rate = historicRate[s];
            sb.append(String.format(Locale.ROOT, "  %-22s %,9d %21.1f%% ", names.get(s), n[s], 100 * rate));
            String size = rate + 0.05 < 1 ? String.format(Locale.ROOT, "%,22d",
                    planner.sizeForConversion(rate, 0.05).total()) : String.format(Locale.ROOT, "%22s", "-");
            try {
                sb.append(String.format(Locale.ROOT, "%+14.1f pts %s%n", 100 * planner.detectableConversionLift(rate,
                        n[s]), size));
            } catch (IllegalArgumentException e) {
                // too few customers, or a rate so close to 1 that no lift reaches the power: say so
                sb.append(String.format(Locale.ROOT, "%18s %s%n", "none at 80% power", size));
            }
        }
        return sb.toString();
    }

    private record Simulation(boolean[] converted, double[] revenue, double[] trueIncremental, String truthTable) {
    }

    /**
     * Real purchases in the window plus a SIMULATED effect: a treated non-buyer converts with probability
     * {@code uplift(segment, offer)}; "10% off" also refunds 10% to treated customers who bought anyway.
     */
    private static Simulation simulate(ArmAssignment arms, int[] rows, Outcomes later, CustomerTable customers) {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        int n = arms.size();
        boolean[] converted = new boolean[n];
        double[] revenue = new double[n];
        int k = arms.segmentNames().size();
        double[][] expected = new double[k][ARMS.size()];
        double[] monetary = customers.numeric(MONETARY);
        double[] frequency = customers.numeric(FREQUENCY);
        for (int i = 0; i < n; i++) {
            int row = rows[i];
            boolean bought = later.purchased(row);
            double spend = later.revenue(row);
            int arm = arms.arm(i);
            if (arm > 0) {
                double p = uplift(arms.segmentNames().get(arms.segment(i)), arm);
                if (!bought) {
                    expected[arms.segment(i)][arm] += p;
                    if (rnd.nextDouble() < p) {
                        bought = true;
                        double basket = monetary[row] / frequency[row];
                        spend = basket * Math.exp(0.5 * gaussian(rnd) - 0.125);
                    }
                } else if (arm == 1) {
                    spend *= 0.9;
                }
            }
            converted[i] = bought;
            revenue[i] = spend;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-40s %14s %14s%n", "segment", ARMS.get(1),
                ARMS.get(2)));
        double[] total = new double[ARMS.size()];
        for (int s = 0; s < k; s++) {
            sb.append(String.format(Locale.ROOT, "  %-40s %14.1f %14.1f%n", arms.segmentNames().get(s), expected[s][1],
                    expected[s][2]));
            total[1] += expected[s][1];
            total[2] += expected[s][2];
        }
        sb.append(String.format(Locale.ROOT, "  %-40s %14.1f %14.1f%n", "all segments", total[1], total[2]));
        return new Simulation(converted, revenue, total, sb.toString());
    }

    /**
     * The SIMULATED conversion probability a treated non-buyer gains: largest where customers are slipping away,
     * smallest where they buy anyway; free shipping moves half as many as 10% off.
     */
    private static double uplift(String segment, int arm) {
        double base = segment.equals("Low value") ? 0.20 : segment.equals("VIP") ? 0.02
                : segment.equals("New") ? 0.10 : 0.05;
        return arm == 1 ? base : 0.5 * base;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * The segments as a score (mean spend before the cutoff) against the RFM quintile sum.
     *
     * @param rfm the RFM table the customer table was built from (same rows)
     */
    static BacktestReport backtest(RfmTable rfm, CustomerTable customers, int[] labels, List<String> names,
                                   Outcomes later) {
        int k = names.size();
        double[] value = new double[k];
        long[] size = new long[k];
        double[] monetary = customers.numeric(MONETARY);
        for (int i = 0; i < labels.length; i++) {
            value[labels[i]] += monetary[i];
            size[labels[i]]++;
        }
        for (int s = 0; s < k; s++) {
            value[s] = size[s] == 0 ? 0 : value[s] / size[s];
        }
        RfmScores scores = RfmScores.fit(rfm);
        double[] baseline = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            baseline[i] = scores.recencyScore(rfm.recencyDays(i)) + scores.frequencyScore(rfm.frequency(i))
                    + scores.monetaryScore(rfm.monetary(i));
        }
        return Backtest.builder().segments(labels, names).value(value, "mean spend before the cutoff")
                .baseline("RFM quintile sum", baseline).build().run(later);
    }

    /** The one-sentence reading of a backtest. */
    static String verdict(BacktestReport report) {
        BacktestReport.Comparison c = report.comparisons().get(0);
        BacktestReport.GainRow top = report.gains().get(0);
        for (BacktestReport.GainRow g : report.gains()) {
            if (Math.abs(g.customerShare() - 0.25) < Math.abs(top.customerShare() - 0.25)) {
                top = g;
            }
        }
        boolean worse = c.pValue() < 0.05 && c.difference() < 0;
        String compare = c.pValue() >= 0.05 ? "about as well as" : worse ? "less well than" : "better than";
        return String.format(Locale.ROOT, "In one sentence: the most valuable segments, %.0f%% of the customers, bring "
                        + "%.0f%% of the next window's buyers and %.0f%% of its revenue, %s as a ranking the %d segments "
                        + "do %s the RFM quintile sum (AUC %.3f against %.3f, p = %.2g; at best %.3f in any order)%s.",
                100 * top.customerShare(), 100 * top.buyerShare(), 100 * top.revenueShare(), worse ? "but" : "and",
                report.segments().size(), compare, report.auc(), c.auc(), c.pValue(), report.aucUpperBound(),
                worse ? ", so they earn their keep by describing customers, not by scoring them" : "");
    }

    // ------------------------------------------------------------------------------------------ data

    static Transactions readOnlineRetail(Path file) throws IOException {
        return TransactionCsvReader.builder()
                .customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo")
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice")
                .keep("StockCode", "Country")
                .build().read(file).transactions();
    }

    static Transactions readCdnow(Path file) throws IOException {
        return TransactionCsvReader.builder().layout(TransactionCsvReader.Layout.WHITESPACE)
                .customerId("customer_id").timestamp("date", "yyyyMMdd").amount("dollar_value").build()
                .read(file).transactions();
    }

    /** The main job's cleaning rules. */
    private static TransactionFilter cleaning() {
        return TransactionFilter.builder()
                .dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice (InvoiceNo starts with C)")
                .dropNonPositiveQuantity()
                .dropNonPositiveUnitPrice()
                .dropIf("StockCode", code -> !code.matches("^\\d{5}.*"), "non-product stock code")
                .build();
    }

    /**
     * One row per customer with a purchase before {@code asOf}: RFM, tenure (days since the first purchase) and,
     * when the data have it, the country of the latest purchase.
     */
    static CustomerTable customerTable(RfmTable rfm, Transactions tx, LocalDate asOf) {
        int n = rfm.size();
        long[] first = new long[n];
        long[] last = new long[n];
        java.util.Arrays.fill(first, Long.MAX_VALUE);
        java.util.Arrays.fill(last, Long.MIN_VALUE);
        String[] country = new String[n];
        boolean hasCountry = tx.stringColumnNames().contains("Country");
        int[] rowOfCode = new int[tx.customerCount()];
        for (int c = 0; c < rowOfCode.length; c++) {
            rowOfCode[c] = rfm.indexOf(tx.customerIds().get(c));
        }
        long end = asOf.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        for (int i = 0; i < tx.size(); i++) {
            int code = tx.customerCode(i);
            long t = tx.epochSecond(i);
            if (code < 0 || t >= end || rowOfCode[code] < 0) {
                continue;
            }
            int r = rowOfCode[code];
            first[r] = Math.min(first[r], t);
            if (t >= last[r]) {
                last[r] = t;
                if (hasCountry) {
                    country[r] = tx.stringValue("Country", i);
                }
            }
        }
        double[] tenure = new double[n];
        for (int r = 0; r < n; r++) {
            tenure[r] = asOf.toEpochDay() - java.time.Instant.ofEpochSecond(first[r]).atZone(ZoneOffset.UTC)
                    .toLocalDate().toEpochDay();
        }
        CustomerTable.Builder b = CustomerTable.builder(rfm.customerIds())
                .numeric(RECENCY, toDouble(rfm.recencyDays())).numeric(FREQUENCY, toDouble(rfm.frequency()))
                .numeric(MONETARY, rfm.monetary()).numeric(TENURE, tenure);
        if (hasCountry) {
            b.categorical(COUNTRY, country);
        }
        return b.build();
    }

    private static double[] toDouble(int[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    private static void section(String title) {
        printf("%n== %s%n", title);
    }

    private static void printf(String format, Object... args) {
        System.out.printf(Locale.ROOT, format, args);
    }
}
