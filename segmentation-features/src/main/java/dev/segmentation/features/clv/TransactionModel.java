/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

/**
 * A fitted buy-till-you-die model of the number of repeat transactions: {@link BgNbdModel} or
 * {@link ParetoNbdModel}. Times (\( t_x \), \( T \), horizons \( t \)) are in the unit of the data the model
 * was fitted on (weeks for a {@code BtydSummary...inWeeks()} table).
 *
 * <p>The one-customer methods take and return primitives and do not allocate (they validate their arguments
 * and throw an {@link IllegalArgumentException} naming the offending value); implementations are immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public sealed interface TransactionModel permits BgNbdModel, ParetoNbdModel {

    /** The model's name, for example {@code "BG/NBD"}. */
    String name();

    /** The model parameters in their documented order. */
    double[] parameters();

    /** The fit, when the model was fitted (not built from known parameters). */
    java.util.Optional<ClvFit> fit();

    /** The log-likelihood of one customer's \( (x, t_x, T) \). */
    double logLikelihood(double x, double tx, double age);

    /** The probability that a customer with \( (x, t_x, T) \) is still active at \( T \). */
    double probabilityAlive(double x, double tx, double age);

    /** \( E[X(t)] \): the expected number of repeat transactions of a new customer in \( (0, t] \). */
    double expectedPurchases(double t);

    /**
     * \( E[Y(t) \mid x, t_x, T] \): the expected number of transactions in \( (T, T + t] \) of a customer with
     * calibration history \( (x, t_x, T) \).
     */
    double conditionalExpectedPurchases(double t, double x, double tx, double age);

    /** The summed log-likelihood of a population. */
    default double logLikelihood(BtydCustomers customers) {
        double s = 0;
        for (int i = 0; i < customers.size(); i++) {
            s += logLikelihood(customers.x(i), customers.tx(i), customers.age(i));
        }
        return s;
    }

    /** {@link #probabilityAlive(double, double, double)} for every customer. */
    default double[] probabilityAlive(BtydCustomers customers) {
        double[] out = new double[customers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilityAlive(customers.x(i), customers.tx(i), customers.age(i));
        }
        return out;
    }

    /** {@link #conditionalExpectedPurchases(double, double, double, double)} for every customer. */
    default double[] conditionalExpectedPurchases(double t, BtydCustomers customers) {
        double[] out = new double[customers.size()];
        conditionalExpectedPurchases(t, customers, out);
        return out;
    }

    /**
     * {@link #conditionalExpectedPurchases(double, double, double, double)} for every customer, into
     * {@code out} (no allocation).
     *
     * @throws IllegalArgumentException if {@code out} is shorter than the population
     */
    default void conditionalExpectedPurchases(double t, BtydCustomers customers, double[] out) {
        if (out.length < customers.size()) {
            throw new IllegalArgumentException("out has length " + out.length + " but the population has "
                    + customers.size() + " customers");
        }
        for (int i = 0; i < customers.size(); i++) {
            out[i] = conditionalExpectedPurchases(t, customers.x(i), customers.tx(i), customers.age(i));
        }
    }
}
