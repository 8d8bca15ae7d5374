/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.behaviour;

import dev.segmentation.core.internal.IndexSort;
import dev.segmentation.features.AsOfReport;
import dev.segmentation.features.internal.CustomerRows;
import dev.segmentation.features.internal.TransactionColumns;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The as-of window shared by the behavioural features: grouping, customer order, the report. */
final class AsOf {
    final LocalDate asOf;
    final Period lookback;
    final long from;
    final long to;
    final CustomerRows rows;
    /** Customer codes with at least one used row, in ascending id order. */
    final int[] customers;
    final TransactionColumns c;

    AsOf(TransactionColumns c, LocalDate asOf, Period lookback) {
        this.c = c;
        this.asOf = asOf;
        this.lookback = lookback;
        this.to = asOf.atStartOfDay(c.zone).toEpochSecond();
        this.from = lookback == null ? Long.MIN_VALUE : asOf.minus(lookback).atStartOfDay(c.zone).toEpochSecond();
        this.rows = CustomerRows.group(c, from, to);
        int nc = c.customerIds.length;
        int present = 0;
        for (int k = 0; k < nc; k++) {
            if (rows.start[k + 1] > rows.start[k]) {
                present++;
            }
        }
        int[] codes = new int[present];
        for (int k = 0, p = 0; k < nc; k++) {
            if (rows.start[k + 1] > rows.start[k]) {
                codes[p++] = k;
            }
        }
        String[] ids = c.customerIds;
        IndexSort.sort(codes, (a, b) -> ids[a].compareTo(ids[b]));
        this.customers = codes;
    }

    List<String> ids() {
        List<String> out = new ArrayList<>(customers.length);
        for (int p = 0; p < customers.length; p++) {
            out.add(c.customerIds[customers[p]]);
        }
        return out;
    }

    AsOfReport report() {
        Optional<LocalDate> first = rows.firstSecond == Long.MAX_VALUE ? Optional.empty()
                : Optional.of(LocalDate.ofEpochDay(CustomerRows.epochDay(rows.firstSecond, c.zone)));
        List<String> truncated = new ArrayList<>();
        if (lookback != null && first.isPresent() && asOf.minus(lookback).isBefore(first.get())) {
            truncated.add(lookback.toString());
        }
        return new AsOfReport(asOf, c.zone, rows.used(), rows.missingCustomer, rows.atOrAfter, rows.before, first,
                truncated);
    }

    static void checkLookback(LocalDate asOf, Period lookback) {
        if (!asOf.minus(lookback).isBefore(asOf)) {
            throw new IllegalArgumentException("lookback must be a positive period but was " + lookback);
        }
    }
}
