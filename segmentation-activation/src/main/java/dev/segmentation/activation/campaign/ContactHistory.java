/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.campaign;

import dev.segmentation.core.internal.Checks;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * When each customer was last contacted: the days on which earlier campaigns reached them, for the rule "not
 * contacted within N days". Immutable and thread-safe.
 * <pre>{@code
 * ContactHistory history = ContactHistory.builder().add("17850", LocalDate.parse("2011-08-20")).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ContactHistory {
    private final Map<String, long[]> days;
    private final int contacts;

    private ContactHistory(Map<String, long[]> days, int contacts) {
        this.days = days;
        this.contacts = contacts;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of contacts recorded. */
    public int size() {
        return contacts;
    }

    /**
     * Whether the customer was contacted on a day in {@code [date - days, date)}. Contacts on or after
     * {@code date} do not count (they had not happened when the campaign was planned).
     */
    public boolean contactedWithin(String customerId, LocalDate date, int days) {
        long[] d = this.days.get(customerId);
        if (d == null) {
            return false;
        }
        long end = date.toEpochDay();
        long start = end - days;
        int i = Arrays.binarySearch(d, start);
        if (i < 0) {
            i = -i - 1;
        }
        return i < d.length && d[i] < end;
    }

    /** Builds a {@link ContactHistory}. */
    public static final class Builder {
        private final Map<String, long[]> days = new HashMap<>();
        private final Map<String, Integer> sizes = new HashMap<>();
        private int contacts;

        private Builder() {
        }

        /**
         * Records a contact.
         *
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the customer id is blank
         */
        public Builder add(String customerId, LocalDate day) {
            Checks.notNull("customerId", customerId);
            Checks.notNull("day", day);
            if (customerId.isBlank()) {
                throw new IllegalArgumentException("A contacted customer id must not be blank");
            }
            long[] d = days.get(customerId);
            int n = sizes.getOrDefault(customerId, 0);
            if (d == null) {
                d = new long[2];
            } else if (n == d.length) {
                d = Arrays.copyOf(d, 2 * n);
            }
            d[n] = day.toEpochDay();
            days.put(customerId, d);
            sizes.put(customerId, n + 1);
            contacts++;
            return this;
        }

        /** The history. */
        public ContactHistory build() {
            Map<String, long[]> out = new HashMap<>();
            for (Map.Entry<String, long[]> e : days.entrySet()) {
                long[] d = Arrays.copyOf(e.getValue(), sizes.get(e.getKey()));
                Arrays.sort(d);
                out.put(e.getKey(), d);
            }
            return new ContactHistory(out, contacts);
        }
    }
}
