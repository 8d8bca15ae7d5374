/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.internal.Checks;

/**
 * Expected discounted customer lifetime value over a finite horizon, from a transaction model (BG/NBD or
 * Pareto/NBD) and the Gamma-Gamma spend model.
 *
 * <pre>{@code
 * CustomerLifetimeValue clv = CustomerLifetimeValue.of(bgNbd, gammaGamma)
 *     .periods(12)               // a horizon of 12 periods ...
 *     .unitsPerPeriod(4.345)     // ... of 4.345 model time units (weeks) each: 12 months
 *     .discountRate(0.01);       // per period
 * double v = clv.value(2, 30.43, 38.86, 35.5);
 * }</pre>
 *
 * <h2>Definition</h2>
 * With \( K \) periods of \( f \) model time units and the discount rate \( d \) per period,
 * \[ \mathrm{CLV} = E[Z \mid x, \bar z] \sum_{k=1}^{K}
 *   \frac{E[Y(kf) \mid x, t_x, T] - E[Y((k-1)f) \mid x, t_x, T]}{(1+d)^k}, \]
 * the expected transactions of each period valued at the expected spend per transaction and discounted at the
 * period's end: the discrete sum of lifetimes' {@code customer_lifetime_value} ({@code time} = \( K \) months,
 * {@code freq} giving \( f \): 4.345 for weeks, 30 for days, 1 for months). The two models are assumed
 * independent, as the Gamma-Gamma model requires.
 *
 * <p>Instances are immutable and thread-safe; {@link #value} does not allocate.
 *
 * @since 0.1
 */
public final class CustomerLifetimeValue {
    private final TransactionModel transactions;
    private final GammaGammaModel spend;
    private final int periods;
    private final double unitsPerPeriod;
    private final double discountRate;

    private CustomerLifetimeValue(TransactionModel transactions, GammaGammaModel spend, int periods,
                                  double unitsPerPeriod, double discountRate) {
        this.transactions = transactions;
        this.spend = spend;
        this.periods = periods;
        this.unitsPerPeriod = unitsPerPeriod;
        this.discountRate = discountRate;
    }

    /**
     * CLV over 12 periods of 4.345 time units (12 months when the models are in weeks) at 1% per period, as
     * lifetimes' defaults with weekly data.
     */
    public static CustomerLifetimeValue of(TransactionModel transactions, GammaGammaModel spend) {
        return new CustomerLifetimeValue(Checks.notNull("transactions", transactions), Checks.notNull("spend", spend),
                12, 4.345, 0.01);
    }

    /**
     * The same with a horizon of {@code k} periods.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public CustomerLifetimeValue periods(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("The horizon must be >= 1 period but was " + k);
        }
        return new CustomerLifetimeValue(transactions, spend, k, unitsPerPeriod, discountRate);
    }

    /**
     * The same with periods of {@code f} model time units.
     *
     * @throws IllegalArgumentException if {@code f} is not finite and positive
     */
    public CustomerLifetimeValue unitsPerPeriod(double f) {
        if (!(f > 0) || Double.isInfinite(f)) {
            throw new IllegalArgumentException("unitsPerPeriod must be finite and > 0 but was " + f);
        }
        return new CustomerLifetimeValue(transactions, spend, periods, f, discountRate);
    }

    /**
     * The same with the discount rate {@code d} per period.
     *
     * @throws IllegalArgumentException if {@code d} is not finite and \( \ge 0 \)
     */
    public CustomerLifetimeValue discountRate(double d) {
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("The discount rate must be finite and >= 0 but was " + d);
        }
        return new CustomerLifetimeValue(transactions, spend, periods, unitsPerPeriod, d);
    }

    /** The transaction model. */
    TransactionModel transactionModel() {
        return transactions;
    }

    /** The spend model. */
    GammaGammaModel spendModel() {
        return spend;
    }

    /** The horizon in periods. */
    public int periods() {
        return periods;
    }

    /** Model time units per period. */
    public double unitsPerPeriod() {
        return unitsPerPeriod;
    }

    /** The discount rate per period. */
    public double discountRate() {
        return discountRate;
    }

    /**
     * One customer's CLV.
     *
     * @param x repeat purchases in calibration
     * @param tx recency, in model time units
     * @param age age \( T \), in model time units
     * @param averageSpend the average repeat spend \( \bar z \)
     * @throws IllegalArgumentException if an argument is invalid (see {@link BtydCustomers})
     */
    public double value(double x, double tx, double age, double averageSpend) {
        double m = spend.conditionalExpectedAverageSpend(x, averageSpend);
        double previous = 0;
        double discount = 1;
        double sum = 0;
        for (int k = 1; k <= periods; k++) {
            double e = transactions.conditionalExpectedPurchases(k * unitsPerPeriod, x, tx, age);
            discount /= 1 + discountRate;
            sum += (e - previous) * discount;
            previous = e;
        }
        return m * sum;
    }

    /**
     * Every customer's CLV.
     *
     * @param customers a population with spend
     * @throws IllegalArgumentException if the population has no spend
     */
    public ClvValues values(BtydCustomers customers) {
        Checks.notNull("customers", customers);
        if (!customers.hasSpend()) {
            throw new IllegalArgumentException("CLV needs the average repeat spend; the population has no spend "
                    + "column");
        }
        double[] out = new double[customers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(customers.x(i), customers.tx(i), customers.age(i), customers.spend(i));
        }
        return new ClvValues(customers.customerIds(), out);
    }

    @Override
    public String toString() {
        return "CustomerLifetimeValue[" + transactions.name() + " x Gamma-Gamma, " + periods + " periods of "
                + unitsPerPeriod + " time units, discount " + discountRate + " per period]";
    }
}
