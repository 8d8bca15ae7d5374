/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import dev.segmentation.features.Transactions;

import java.util.Objects;

/**
 * Zero-copy access to the columns of {@link Transactions} for the module's own packages (reader, filter,
 * RFM). Not API. Installed by {@code Transactions}' static initialiser, like the core's
 * {@code DatasetAccess}. Columns obtained here are read-only.
 */
public final class TransactionsAccess {
    /** What {@code Transactions} grants to this package. */
    public interface Accessor {
        /** The raw columns, not copied. */
        TransactionColumns columns(Transactions transactions);

        /** Transactions over the given columns, not copied. */
        Transactions wrap(TransactionColumns columns);
    }

    private static volatile Accessor accessor;

    private TransactionsAccess() {
    }

    /** Called once by {@code Transactions}. */
    public static void install(Accessor a) {
        if (accessor != null) {
            throw new IllegalStateException("accessor already installed");
        }
        accessor = Objects.requireNonNull(a);
    }

    /** The raw columns of {@code transactions}; read-only. */
    public static TransactionColumns columns(Transactions transactions) {
        return accessor().columns(transactions);
    }

    /** Transactions over {@code columns}, which they take over. */
    public static Transactions wrap(TransactionColumns columns) {
        return accessor().wrap(columns);
    }

    private static Accessor accessor() {
        Accessor a = accessor;
        if (a == null) {
            try {
                Class.forName(Transactions.class.getName(), true, Transactions.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = accessor;
        }
        return a;
    }
}
