/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.rfm.BtydSummary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A validated population for the buy-till-you-die models: per customer the repeat purchase count \( x \), the
 * recency \( t_x \) (time of the last purchase since the first) and the age \( T \) (time from the first
 * purchase to the end of calibration), and optionally the average repeat spend \( \bar z \), all in one time unit
 * (the unit of the fitted model's horizons). Built from arrays or from a {@link BtydSummary} table.
 *
 * <h2>Validation</h2>
 * Every row is checked before any fit or scoring starts, and the first offence throws an
 * {@link IllegalArgumentException} naming the row, the customer id and the value: \( x \) must be a finite
 * non-negative integer, \( 0 \le t_x \le T \) finite, \( t_x = 0 \) when \( x = 0 \), and the spend finite and
 * \( \ge 0 \) (0 only when \( x = 0 \) is the summary's convention; a repeat buyer with zero spend is kept here
 * and left out of the Gamma-Gamma fit, which counts it). An empty population is refused.
 *
 * <p>Instances are immutable (arrays are copied in and out) and thread-safe.
 *
 * @since 0.1
 */
public final class BtydCustomers {
    private final List<String> ids;
    private final double[] x;
    private final double[] tx;
    private final double[] age;
    private final double[] spend;

    private BtydCustomers(List<String> ids, double[] x, double[] tx, double[] age, double[] spend) {
        this.ids = ids;
        this.x = x;
        this.tx = tx;
        this.age = age;
        this.spend = spend;
    }

    /**
     * A population without spend, customers named by their row number.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or a row is invalid
     */
    public static BtydCustomers of(double[] x, double[] tx, double[] age) {
        return of(null, x, tx, age, null);
    }

    /**
     * A population with the average repeat spend per customer.
     *
     * @param ids customer ids, or {@code null} for row numbers
     * @param spend the average repeat spend, or {@code null}
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or a row is invalid
     */
    public static BtydCustomers of(List<String> ids, double[] x, double[] tx, double[] age, double[] spend) {
        Checks.notNull("x", x);
        Checks.notNull("tx", tx);
        Checks.notNull("T", age);
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("The population is empty: a model needs at least one customer");
        }
        if (tx.length != n || age.length != n || (spend != null && spend.length != n)
                || (ids != null && ids.size() != n)) {
            throw new IllegalArgumentException("x, tx, T" + (spend != null ? ", spend" : "") + (ids != null ? ", ids" : "")
                    + " must have one entry per customer but have " + n + ", " + tx.length + ", " + age.length
                    + (spend != null ? ", " + spend.length : "") + (ids != null ? ", " + ids.size() : ""));
        }
        List<String> names = ids == null ? null : List.copyOf(ids);
        BtydCustomers c = new BtydCustomers(names, x.clone(), tx.clone(), age.clone(),
                spend == null ? null : spend.clone());
        for (int i = 0; i < n; i++) {
            c.checkRow(i);
        }
        return c;
    }

    /**
     * The population of a {@link BtydSummary} table (columns {@code frequency}, {@code recency}, {@code T},
     * {@code monetary_value}).
     *
     * @throws IllegalArgumentException if a column is missing or a row is invalid
     */
    public static BtydCustomers from(CustomerTable summary) {
        Checks.notNull("summary", summary);
        List<String> need = List.of(BtydSummary.FREQUENCY, BtydSummary.RECENCY, BtydSummary.T);
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < need.size(); k++) {
            if (!summary.hasColumn(need.get(k))) {
                missing.add(need.get(k));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The summary lacks the column(s) " + missing + "; it has "
                    + summary.columnNames());
        }
        double[] spend = summary.hasColumn(BtydSummary.MONETARY_VALUE) ? summary.numeric(BtydSummary.MONETARY_VALUE)
                : null;
        return of(summary.customerIds(), summary.numeric(BtydSummary.FREQUENCY), summary.numeric(BtydSummary.RECENCY),
                summary.numeric(BtydSummary.T), spend);
    }

    private void checkRow(int i) {
        String who = "row " + i + (ids != null ? " (customer " + ids.get(i) + ")" : "");
        double xi = x[i];
        if (!(xi >= 0) || xi != Math.rint(xi) || Double.isInfinite(xi)) {
            throw new IllegalArgumentException("x (repeat purchases) at " + who + " must be a finite integer >= 0 but "
                    + "was " + xi);
        }
        check(who, xi, tx[i], age[i]);
        if (spend != null && !(spend[i] >= 0 && spend[i] < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("spend at " + who + " must be finite and >= 0 but was " + spend[i]);
        }
    }

    /** The checks of one customer's (x, t_x, T); {@code who} names it. Allocates only when it throws. */
    static void check(String who, double x, double tx, double age) {
        if (!(x >= 0) || Double.isInfinite(x) || x != Math.rint(x)) {
            throw new IllegalArgumentException("x (repeat purchases) at " + who + " must be a finite integer >= 0 but "
                    + "was " + x);
        }
        if (!(tx >= 0) || Double.isInfinite(tx)) {
            throw new IllegalArgumentException("tx (recency) at " + who + " must be finite and >= 0 but was " + tx);
        }
        if (!(age >= 0) || Double.isInfinite(age)) {
            throw new IllegalArgumentException("T (age) at " + who + " must be finite and >= 0 but was " + age);
        }
        if (tx > age) {
            throw new IllegalArgumentException("tx (recency) at " + who + " is " + tx + " but must not exceed T (age) "
                    + age);
        }
        if (x == 0 && tx != 0) {
            throw new IllegalArgumentException("tx (recency) at " + who + " is " + tx + " but a customer without "
                    + "repeat purchases (x = 0) has tx = 0");
        }
    }

    /** Checks a horizon \( t \ge 0 \). */
    static void checkHorizon(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("The horizon t must be finite and >= 0 but was " + t);
        }
    }

    /** The number of customers. */
    public int size() {
        return x.length;
    }

    /** The customer ids, or row numbers as strings when none were given. */
    public List<String> customerIds() {
        if (ids != null) {
            return ids;
        }
        String[] out = new String[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.toString(i);
        }
        return List.of(out);
    }

    /** Whether the average repeat spend is known. */
    public boolean hasSpend() {
        return spend != null;
    }

    /** Repeat purchases of customer {@code i}. */
    public double x(int i) {
        return x[i];
    }

    /** Recency of customer {@code i}. */
    public double tx(int i) {
        return tx[i];
    }

    /** Age of customer {@code i}. */
    public double age(int i) {
        return age[i];
    }

    /**
     * Average repeat spend of customer {@code i}.
     *
     * @throws IllegalStateException if the population has no spend
     */
    public double spend(int i) {
        if (spend == null) {
            throw new IllegalStateException("This population has no spend column");
        }
        return spend[i];
    }

    /** A copy of the repeat purchase counts. */
    public double[] x() {
        return x.clone();
    }

    /** A copy of the recencies. */
    public double[] tx() {
        return tx.clone();
    }

    /** A copy of the ages. */
    public double[] age() {
        return age.clone();
    }

    /** The maximum repeat purchase count. */
    int maxX() {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, x[i]);
        }
        return (int) m;
    }

    double[] rawX() {
        return x;
    }

    double[] rawTx() {
        return tx;
    }

    double[] rawAge() {
        return age;
    }

    double[] rawSpend() {
        return spend;
    }

    @Override
    public String toString() {
        return "BtydCustomers[" + x.length + " customers" + (spend != null ? ", with spend" : "") + "]"
                + (x.length <= 3 ? Arrays.toString(x) : "");
    }
}
