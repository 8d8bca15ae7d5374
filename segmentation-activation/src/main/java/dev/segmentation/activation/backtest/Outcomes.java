/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.backtest;

import dev.segmentation.core.internal.Checks;

import java.time.LocalDate;
import java.util.List;

/**
 * What each customer did in an {@link OutcomeWindow}: orders and revenue, and so whether it purchased. Immutable
 * and thread-safe; accessors return copies.
 *
 * @since 0.1
 */
public final class Outcomes {
    private final OutcomeWindow window;
    private final List<String> customerIds;
    private final int[] orders;
    private final double[] revenue;
    private final LocalDate lastDay;

    Outcomes(OutcomeWindow window, List<String> customerIds, int[] orders, double[] revenue, LocalDate lastDay) {
        this.window = window;
        this.customerIds = List.copyOf(customerIds);
        this.orders = orders;
        this.revenue = revenue;
        this.lastDay = lastDay;
    }

    /**
     * Outcomes known from elsewhere (a CRM, a test harness), for customers in the order given.
     *
     * @param orders orders per customer, >= 0. Not modified.
     * @param revenue revenue per customer, finite. Not modified.
     * @throws IllegalArgumentException if the lengths differ, an order count is negative or a revenue not finite
     */
    public static Outcomes of(OutcomeWindow window, List<String> customerIds, int[] orders, double[] revenue) {
        Checks.notNull("window", window);
        Checks.notNull("customerIds", customerIds);
        Checks.notNull("orders", orders);
        Checks.notNull("revenue", revenue);
        if (orders.length != customerIds.size() || revenue.length != customerIds.size()) {
            throw new IllegalArgumentException(customerIds.size() + " customers but " + orders.length + " order counts "
                    + "and " + revenue.length + " revenues");
        }
        for (int i = 0; i < orders.length; i++) {
            if (orders[i] < 0) {
                throw new IllegalArgumentException("orders[" + i + "] = " + orders[i] + " is negative");
            }
            if (revenue[i] - revenue[i] != 0) {
                throw new IllegalArgumentException("revenue[" + i + "] = " + revenue[i] + " is not finite");
            }
        }
        return new Outcomes(window, customerIds, orders.clone(), revenue.clone(), window.end());
    }

    /** The window. */
    public OutcomeWindow window() {
        return window;
    }

    /** The last day of the data the outcomes were taken from. */
    public LocalDate lastAvailableDay() {
        return lastDay;
    }

    /** The customers, in the order given. */
    public List<String> customerIds() {
        return customerIds;
    }

    /** The number of customers. */
    public int size() {
        return orders.length;
    }

    /** Whether customer {@code i} purchased in the window. */
    public boolean purchased(int i) {
        return orders[i] > 0;
    }

    /** Orders of customer {@code i} in the window. */
    public int orders(int i) {
        return orders[i];
    }

    /** Revenue of customer {@code i} in the window. */
    public double revenue(int i) {
        return revenue[i];
    }

    /** Whether each customer purchased (a copy). */
    public boolean[] purchased() {
        boolean[] out = new boolean[orders.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = orders[i] > 0;
        }
        return out;
    }

    /** Revenue per customer (a copy). */
    public double[] revenue() {
        return revenue.clone();
    }

    /** The share of customers who purchased. */
    public double purchaseRate() {
        int b = 0;
        for (int o : orders) {
            b += o > 0 ? 1 : 0;
        }
        return orders.length == 0 ? 0 : (double) b / orders.length;
    }

    @Override
    public String toString() {
        return "Outcomes[" + orders.length + " customers, " + window + "]";
    }
}
