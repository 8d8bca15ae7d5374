/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Quantiles;
import dev.segmentation.features.CustomerTable;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CLV and P(alive) as customer features: turns a fitted transaction model, a Gamma-Gamma model and a
 * {@link BtydCustomers} population into a {@link CustomerTable} that a
 * {@link dev.segmentation.features.transform.FeaturePipeline} (for example a one-hot encoding of the tier) and the
 * segment profiles can use.
 *
 * <pre>{@code
 * CustomerTable clv = ClvFeatures.of(CustomerLifetimeValue.of(paretoNbd, gammaGamma))
 *     .horizons(13, 52)                                   // expected purchases in 13 and 52 weeks
 *     .tiers(List.of("low", "core", "high"), 0.2, 0.8)    // the defaults, with other names
 *     .aliveThreshold(0.5)
 *     .table(customers);
 * CustomerTable features = rfm.table().leftJoin(clv);
 * }</pre>
 *
 * <h2>Columns</h2>
 * <ul>
 *   <li>{@code p_alive}: {@link TransactionModel#probabilityAlive(double, double, double)};</li>
 *   <li>{@code expected_purchases_<h>} for every horizon \( h \) (model time units, written without trailing
 *       zeros): {@link TransactionModel#conditionalExpectedPurchases(double, double, double, double)};</li>
 *   <li>{@code expected_spend}: {@link GammaGammaModel#conditionalExpectedAverageSpend(double, double)};</li>
 *   <li>{@code clv_<K>}: {@link CustomerLifetimeValue#value(double, double, double, double)} over its \( K \)
 *       periods;</li>
 *   <li>{@code value_tier} (categorical): with the CLV values \( v_i \) of the population and the cut
 *       probabilities \( p_1 \lt \dots \lt p_m \), the cut values are the type-7 sample quantiles
 *       \( c_j = Q(p_j) \) ({@code Quantiles.ofSorted}, NumPy's default) and customer \( i \) gets tier
 *       \( \#\{j : v_i \gt c_j\} \) (names from the lowest tier to the highest). <b>Ties:</b> a value equal to a
 *       cut value goes to the lower tier, and equal values always share a tier, so the tier sizes are the
 *       nominal shares only up to ties and rounding (for 6 customers and the default cuts 0.2, 0.8 the cut values
 *       are the 2nd and the 5th smallest values: 2 bottom, 3 middle, 1 top);</li>
 *   <li>{@code value_engagement} (categorical): the grid cell {@code "<tier>/active"} when
 *       \( P(\text{alive}) \ge \) the threshold, else {@code "<tier>/at risk"}.</li>
 * </ul>
 * The defaults are the tiers {@code bottom} (20%), {@code middle} (60%), {@code top} (20%), the threshold 0.5,
 * and one horizon: the CLV horizon \( K f \).
 *
 * <p>Instances are immutable and thread-safe; every {@code with}-style method returns a new instance and
 * validates its argument.
 *
 * @since 0.1
 */
public final class ClvFeatures {
    /** The P(alive) column. */
    public static final String P_ALIVE = "p_alive";
    /** The prefix of the expected-purchases columns. */
    public static final String EXPECTED_PURCHASES = "expected_purchases_";
    /** The expected average spend column. */
    public static final String EXPECTED_SPEND = "expected_spend";
    /** The prefix of the CLV column. */
    public static final String CLV = "clv_";
    /** The value tier column. */
    public static final String VALUE_TIER = "value_tier";
    /** The value x engagement grid column. */
    public static final String VALUE_ENGAGEMENT = "value_engagement";
    /** The engagement label at or above the threshold. */
    public static final String ACTIVE = "active";
    /** The engagement label below the threshold. */
    public static final String AT_RISK = "at risk";

    private final CustomerLifetimeValue clv;
    private final double[] horizons;
    private final List<String> tierNames;
    private final double[] cuts;
    private final double threshold;

    private ClvFeatures(CustomerLifetimeValue clv, double[] horizons, List<String> tierNames, double[] cuts,
                        double threshold) {
        this.clv = clv;
        this.horizons = horizons;
        this.tierNames = tierNames;
        this.cuts = cuts;
        this.threshold = threshold;
    }

    /** The features of this CLV definition with the defaults of the class comment. */
    public static ClvFeatures of(CustomerLifetimeValue clv) {
        Checks.notNull("clv", clv);
        return new ClvFeatures(clv, new double[] {clv.periods() * clv.unitsPerPeriod()},
                List.of("bottom", "middle", "top"), new double[] {0.2, 0.8}, 0.5);
    }

    /** {@link #of(CustomerLifetimeValue)} with {@link CustomerLifetimeValue#of(TransactionModel, GammaGammaModel)}. */
    public static ClvFeatures of(TransactionModel transactions, GammaGammaModel spend) {
        return of(CustomerLifetimeValue.of(transactions, spend));
    }

    /**
     * The same with these expected-purchase horizons (model time units).
     *
     * @throws IllegalArgumentException if none is given, one is not finite and positive, or two are equal
     */
    public ClvFeatures horizons(double... values) {
        Checks.notNull("horizons", values);
        if (values.length == 0) {
            throw new IllegalArgumentException("At least one horizon is needed");
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < values.length; j++) {
            double h = values[j];
            if (!(h > 0) || Double.isInfinite(h)) {
                throw new IllegalArgumentException("horizons[" + j + "] must be finite and > 0 but was " + h);
            }
            if (!seen.add(format(h))) {
                throw new IllegalArgumentException("horizons[" + j + "] = " + h + " is given twice");
            }
        }
        return new ClvFeatures(clv, values.clone(), tierNames, cuts, threshold);
    }

    /**
     * The same with these value tiers.
     *
     * @param names the tier names from the lowest CLV to the highest, one more than the cut probabilities;
     *     non-blank and distinct
     * @param cutProbabilities strictly increasing, each in (0, 1)
     * @throws IllegalArgumentException if the counts do not fit, a name is blank or repeated, or the cut
     *     probabilities are not strictly increasing inside (0, 1)
     */
    public ClvFeatures tiers(List<String> names, double... cutProbabilities) {
        Checks.notNull("names", names);
        Checks.notNull("cutProbabilities", cutProbabilities);
        if (names.size() != cutProbabilities.length + 1) {
            throw new IllegalArgumentException(names.size() + " tier names were given for "
                    + cutProbabilities.length + " cut points; there must be one name more than cut points");
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < names.size(); j++) {
            String n = names.get(j);
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("Tier name " + j + " is blank");
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("Tier name '" + n + "' is repeated");
            }
        }
        for (int j = 0; j < cutProbabilities.length; j++) {
            double p = cutProbabilities[j];
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("cutProbabilities[" + j + "] must be in (0, 1) but was " + p);
            }
            if (j > 0 && !(p > cutProbabilities[j - 1])) {
                throw new IllegalArgumentException("The cut probabilities must be strictly increasing but "
                        + "cutProbabilities[" + j + "] = " + p + " follows " + cutProbabilities[j - 1]);
            }
        }
        return new ClvFeatures(clv, horizons, List.copyOf(names), cutProbabilities.clone(), threshold);
    }

    /**
     * The same with this P(alive) threshold between "at risk" (below) and "active" (at or above).
     *
     * @throws IllegalArgumentException if the threshold is not inside (0, 1)
     */
    public ClvFeatures aliveThreshold(double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException("The P(alive) threshold must be in (0, 1) but was " + value);
        }
        return new ClvFeatures(clv, horizons, tierNames, cuts, value);
    }

    /** The CLV definition. */
    public CustomerLifetimeValue clv() {
        return clv;
    }

    /** The horizons, in model time units. */
    public double[] horizons() {
        return horizons.clone();
    }

    /** The tier names, lowest first. */
    public List<String> tierNames() {
        return tierNames;
    }

    /** The cut probabilities. */
    public double[] cutProbabilities() {
        return cuts.clone();
    }

    /** The P(alive) threshold. */
    public double aliveThreshold() {
        return threshold;
    }

    /** The CLV column's name, {@code clv_<K>}. */
    public String clvColumn() {
        return CLV + clv.periods();
    }

    /** The expected-purchases column's name for horizon {@code h}. */
    public static String expectedPurchasesColumn(double h) {
        return EXPECTED_PURCHASES + format(h);
    }

    /**
     * The cut values \( Q(p_j) \) of a population's CLV values (type-7 quantiles).
     *
     * @throws IllegalArgumentException if the values are empty or one is not finite
     */
    public double[] cutValues(double[] clvValues) {
        Checks.notNull("clvValues", clvValues);
        if (clvValues.length == 0) {
            throw new IllegalArgumentException("No CLV values were given");
        }
        double[] sorted = clvValues.clone();
        for (int i = 0; i < sorted.length; i++) {
            if (!Double.isFinite(sorted[i])) {
                throw new IllegalArgumentException("The CLV value at row " + i + " is not finite: " + sorted[i]);
            }
        }
        Arrays.sort(sorted);
        double[] out = new double[cuts.length];
        for (int j = 0; j < cuts.length; j++) {
            out[j] = Quantiles.ofSorted(sorted, 0, sorted.length, cuts[j]);
        }
        return out;
    }

    /**
     * The feature table of a population, one row per customer in population order.
     *
     * @param customers a population with the average repeat spend
     * @throws IllegalArgumentException if the population has no spend, or a model value is not finite
     */
    public CustomerTable table(BtydCustomers customers) {
        Checks.notNull("customers", customers);
        if (!customers.hasSpend()) {
            throw new IllegalArgumentException("CLV features need the average repeat spend; the population has no "
                    + "spend column");
        }
        int n = customers.size();
        TransactionModel tm = clv.transactionModel();
        GammaGammaModel gg = clv.spendModel();
        List<String> ids = customers.customerIds();
        double[] alive = new double[n];
        double[][] expected = new double[horizons.length][n];
        double[] spend = new double[n];
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            double x = customers.x(i);
            double tx = customers.tx(i);
            double age = customers.age(i);
            alive[i] = finite(P_ALIVE, ids, i, tm.probabilityAlive(x, tx, age));
            for (int h = 0; h < horizons.length; h++) {
                expected[h][i] = finite(expectedPurchasesColumn(horizons[h]), ids, i,
                        tm.conditionalExpectedPurchases(horizons[h], x, tx, age));
            }
            spend[i] = finite(EXPECTED_SPEND, ids, i, gg.conditionalExpectedAverageSpend(x, customers.spend(i)));
            value[i] = finite(clvColumn(), ids, i, clv.value(x, tx, age, customers.spend(i)));
        }
        double[] cutValues = cutValues(value);
        String[] tier = new String[n];
        String[] cell = new String[n];
        for (int i = 0; i < n; i++) {
            int t = 0;
            while (t < cutValues.length && value[i] > cutValues[t]) {
                t++;
            }
            tier[i] = tierNames.get(t);
            cell[i] = tier[i] + "/" + (alive[i] >= threshold ? ACTIVE : AT_RISK);
        }
        CustomerTable.Builder b = CustomerTable.builder(ids).numeric(P_ALIVE, alive);
        for (int h = 0; h < horizons.length; h++) {
            b.numeric(expectedPurchasesColumn(horizons[h]), expected[h]);
        }
        return b.numeric(EXPECTED_SPEND, spend).numeric(clvColumn(), value)
                .categorical(VALUE_TIER, tier).categorical(VALUE_ENGAGEMENT, cell).build();
    }

    /**
     * {@link #table(BtydCustomers)} joined to the right of an existing feature table of the same customers (for
     * example the RFM table the pipeline fits on), in that table's row order.
     *
     * @throws IllegalArgumentException if the two hold different numbers of customers, a customer of one is
     *     missing from the other, or a column name is taken
     */
    public CustomerTable appendTo(CustomerTable features, BtydCustomers customers) {
        Checks.notNull("features", features);
        Checks.notNull("customers", customers);
        if (features.size() != customers.size()) {
            throw new IllegalArgumentException("The feature table has " + features.size() + " customers but the "
                    + "population has " + customers.size());
        }
        List<String> ids = customers.customerIds();
        for (int i = 0; i < ids.size(); i++) {
            if (features.indexOf(ids.get(i)) < 0) {
                throw new IllegalArgumentException("Customer " + ids.get(i) + " (population row " + i + ") is not in "
                        + "the feature table");
            }
        }
        CustomerTable mine = table(customers);
        for (String c : mine.columnNames()) {
            if (features.hasColumn(c)) {
                throw new IllegalArgumentException("The feature table already has a column '" + c + "'");
            }
        }
        return features.leftJoin(mine);
    }

    private static double finite(String column, List<String> ids, int i, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(column + " of customer " + ids.get(i) + " (row " + i + ") is not "
                    + "finite: " + v);
        }
        return v;
    }

    private static String format(double h) {
        return BigDecimal.valueOf(h).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return "ClvFeatures[" + clv + ", horizons " + Arrays.toString(horizons) + ", tiers " + tierNames + " at "
                + Arrays.toString(cuts) + ", P(alive) threshold " + threshold + "]";
    }
}
