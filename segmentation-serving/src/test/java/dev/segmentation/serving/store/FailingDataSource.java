/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A data source whose database "goes away" at a chosen commit: that commit is rolled back and fails, as a
 * connection lost in the middle of a transaction does, and so does every later call.
 */
final class FailingDataSource {
    private final DataSource target;
    private final AtomicInteger commits = new AtomicInteger();
    private volatile int failAt = Integer.MAX_VALUE;
    private volatile boolean down;

    FailingDataSource(DataSource target) {
        this.target = target;
    }

    /** The {@code n}-th commit from now fails, and the database stays down after it. */
    void failAtCommit(int n) {
        failAt = commits.get() + n;
    }

    /** The database is down from now on. */
    void goDown() {
        down = true;
    }

    DataSource dataSource() {
        InvocationHandler ds = (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                if (down) {
                    throw new SQLException("simulated outage: connection refused");
                }
                Connection c = (Connection) invoke(target, method, args);
                return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (p, m, a) -> {
                            if (down && !m.getName().equals("close") && !m.getName().equals("rollback")) {
                                throw new SQLException("simulated outage: connection reset");
                            }
                            if (m.getName().equals("commit") && commits.incrementAndGet() == failAt) {
                                c.rollback();
                                down = true;
                                throw new SQLException("simulated outage during commit " + failAt);
                            }
                            return invoke(c, m, a);
                        });
            }
            return invoke(target, method, args);
        };
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, ds);
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
