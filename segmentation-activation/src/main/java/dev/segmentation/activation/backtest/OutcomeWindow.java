/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.backtest;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.features.Transactions;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The period after a cutoff in which a segmentation's predictions are checked: the days
 * {@code [start, start + days)} in the transactions' zone.
 * <pre>{@code
 * Outcomes later = OutcomeWindow.starting(LocalDate.parse("2011-09-01"), 90).compute(transactions, customerIds);
 * }</pre>
 *
 * <p>Per customer it counts the purchases in the window: whether there was one (the outcome "purchase"; its
 * opposite is "churn" in the sense of no purchase in the window), the revenue (sum of amounts, returns included
 * as they are) and the number of orders (distinct order ids, or rows without order ids). A customer of the list
 * with no transaction in the window has no purchase and zero revenue.
 *
 * <p>A window that ends after the last day of the data would count customers as churned for days nobody observed:
 * it is refused, with the last available date in the message.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class OutcomeWindow {
    private final LocalDate start;
    private final int days;

    private OutcomeWindow(LocalDate start, int days) {
        this.start = start;
        this.days = days;
    }

    /**
     * The {@code days} days from {@code start} (the cutoff: the first day not used by the segmentation).
     *
     * @throws IllegalArgumentException if {@code days < 1}
     */
    public static OutcomeWindow starting(LocalDate start, int days) {
        return new OutcomeWindow(Checks.notNull("start", start), Checks.atLeast("days", days, 1));
    }

    /**
     * The window from {@code start} to {@code endInclusive}.
     *
     * @throws IllegalArgumentException if the end is before the start
     */
    public static OutcomeWindow between(LocalDate start, LocalDate endInclusive) {
        Checks.notNull("start", start);
        Checks.notNull("endInclusive", endInclusive);
        if (endInclusive.isBefore(start)) {
            throw new IllegalArgumentException("The outcome window ends (" + endInclusive + ") before it starts ("
                    + start + ")");
        }
        return new OutcomeWindow(start, (int) (endInclusive.toEpochDay() - start.toEpochDay() + 1));
    }

    /** The first day of the window. */
    public LocalDate start() {
        return start;
    }

    /** The last day of the window. */
    public LocalDate end() {
        return start.plusDays(days - 1L);
    }

    /** The length in days. */
    public int days() {
        return days;
    }

    /**
     * The outcomes of the listed customers.
     *
     * @param customerIds the customers to follow, in the order of the segmentation being tested. Not modified.
     * @throws IllegalArgumentException if the window ends after the last day of the data (the message gives that
     *     day), the data are empty, or an id is null or repeated
     */
    public Outcomes compute(Transactions transactions, List<String> customerIds) {
        Checks.notNull("transactions", transactions);
        Checks.notNull("customerIds", customerIds);
        ZoneId zone = transactions.zone() == null ? ZoneOffset.UTC : transactions.zone();
        int n = transactions.size();
        if (n == 0) {
            throw new IllegalArgumentException("There are no transactions to take outcomes from");
        }
        long last = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            last = Math.max(last, transactions.epochSecond(i));
        }
        LocalDate lastDay = java.time.Instant.ofEpochSecond(last).atZone(zone).toLocalDate();
        if (end().isAfter(lastDay)) {
            throw new IllegalArgumentException("The outcome window " + start + " .. " + end() + " (" + days
                    + " days) ends after the last available date, " + lastDay + "; choose an earlier cutoff or a "
                    + "shorter window");
        }
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < customerIds.size(); i++) {
            String id = customerIds.get(i);
            if (id == null) {
                throw new IllegalArgumentException("customerIds[" + i + "] is null");
            }
            Integer prev = row.put(id, i);
            if (prev != null) {
                throw new IllegalArgumentException("Customer id '" + id + "' appears twice, at " + prev + " and " + i);
            }
        }
        int[] rowOfCode = new int[transactions.customerCount()];
        List<String> codes = transactions.customerIds();
        for (int c = 0; c < rowOfCode.length; c++) {
            Integer r = row.get(codes.get(c));
            rowOfCode[c] = r == null ? -1 : r;
        }
        long from = start.atStartOfDay(zone).toEpochSecond();
        long to = start.plusDays(days).atStartOfDay(zone).toEpochSecond();
        int m = customerIds.size();
        double[] revenue = new double[m];
        double[] compensation = new double[m];
        int[] orders = new int[m];
        Set<String> seenOrders = new HashSet<>();
        boolean hasOrders = transactions.hasOrderIds();
        for (int i = 0; i < n; i++) {
            long t = transactions.epochSecond(i);
            int code = transactions.customerCode(i);
            if (t < from || t >= to || code < 0 || rowOfCode[code] < 0) {
                continue;
            }
            int r = rowOfCode[code];
            // Neumaier's compensated sum, so the revenue does not depend on row order
            Neumaier.addTo(revenue, compensation, r, transactions.amount(i));
            if (!hasOrders || seenOrders.add(code + "\u0000" + transactions.orderId(i))) {
                orders[r]++;
            }
        }
        for (int r = 0; r < m; r++) {
            revenue[r] += compensation[r];
        }
        return new Outcomes(this, customerIds, orders, revenue, lastDay);
    }

    @Override
    public String toString() {
        return "OutcomeWindow[" + start + " .. " + end() + ", " + days + " days]";
    }
}
