/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CustomerTableAndIdentityTest {
    static CustomerTable table() {
        return CustomerTable.builder(List.of("a", "b", "c"))
                .numeric("x", new double[] {1, Double.NaN, 3})
                .categorical("k", new String[] {"p", "q", null})
                .numeric("age", new double[] {30, 40, 50})
                .protect("age")
                .build();
    }

    @Test
    void accessorsAndCopies() {
        CustomerTable t = table();
        assertEquals(3, t.size());
        assertEquals(List.of("x", "k", "age"), t.columnNames());
        assertEquals(CustomerTable.ColumnType.CATEGORICAL, t.type("k"));
        assertTrue(t.isProtected("age"));
        assertEquals(1, t.missingCount("x"));
        assertEquals(1, t.missingCount("k"));
        assertEquals(List.of("p", "q"), t.categories("k"));
        assertArrayEquals(new int[] {0, 1, -1}, t.categoryCodes("k"));
        double[] x = t.numeric("x");
        x[0] = 99;
        assertEquals(1, t.numeric("x", 0), "accessors return copies");
        assertEquals(1, t.indexOf("b"));
        assertEquals(-1, t.indexOf("z"));
        assertThrows(IllegalArgumentException.class, () -> t.numeric("k"));
        assertThrows(IllegalArgumentException.class, () -> t.categorical("x"));
        assertThrows(IllegalArgumentException.class, () -> t.type("nope"));
    }

    @Test
    void builderRejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> CustomerTable.builder(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> CustomerTable.builder(List.of("a", " ")));
        CustomerTable.Builder b = CustomerTable.builder(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> b.numeric("x", new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> b.numeric("x", new double[] {1, Double.POSITIVE_INFINITY}));
        b.numeric("x", new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> b.categorical("x", new String[] {"a", "b"}));
        assertThrows(IllegalArgumentException.class, () -> CustomerTable.builder(List.of("a")).protect("y").build());
    }

    @Test
    void joinsByCustomerId() {
        CustomerTable left = CustomerTable.builder(List.of("a", "b", "c")).numeric("f", new double[] {1, 2, 3}).build();
        CustomerTable right = CustomerTable.builder(List.of("c", "d", "a"))
                .numeric("s", new double[] {30, 40, 10}).categorical("k", new String[] {"z", "y", "x"}).build();
        CustomerTable l = left.leftJoin(right);
        assertEquals(List.of("a", "b", "c"), l.customerIds());
        assertArrayEquals(new double[] {10, Double.NaN, 30}, l.numeric("s"));
        assertArrayEquals(new String[] {"x", null, "z"}, l.categorical("k"));
        assertArrayEquals(new double[] {10, 0, 30}, left.leftJoin(right, 0).numeric("s"));
        CustomerTable o = left.outerJoin(right, 0);
        assertEquals(List.of("a", "b", "c", "d"), o.customerIds());
        assertArrayEquals(new double[] {1, 2, 3, 0}, o.numeric("f"));
        assertThrows(IllegalArgumentException.class, () -> left.leftJoin(left));
    }

    @Test
    void rowDropPolicyAndDataset() {
        CustomerTable.RowDrop d = table().dropRowsWithMissing();
        assertEquals(List.of("b", "c"), d.droppedCustomers());
        assertEquals(List.of("a"), d.table().customerIds());
        assertEquals(List.of("b"), table().dropRowsWithMissing("x").droppedCustomers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table().toDataset());
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("1 missing"), e.getMessage());
        Dataset x = d.table().toDataset();
        assertEquals(List.of("x"), x.columnNames(), "categorical and protected columns are left out");
        assertEquals(table().select("age", "x").columnNames(), List.of("age", "x"));
        assertTrue(table().select("age").isProtected("age"));
        CustomerTable ds = CustomerTable.of(Dataset.of(new double[][] {{1, 2}}), List.of("z"));
        assertEquals(List.of("x0", "x1"), ds.columnNames());
    }

    @Test
    void identityResolvesChainsAndRejectsCycles() {
        CustomerIdentity id = CustomerIdentity.builder().alias("card", "web").alias("web", "crm").optOut("card")
                .build();
        assertEquals("crm", id.canonicalId("card"));
        assertEquals("crm", id.canonicalId("web"));
        assertEquals("other", id.canonicalId("other"));
        assertTrue(id.isOptedOut("crm"), "opting out any id of a person opts out the person");
        IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class,
                () -> CustomerIdentity.builder().alias("a", "b").alias("b", "c").alias("c", "a").build());
        assertTrue(cycle.getMessage().contains("cycle"), cycle.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CustomerIdentity.builder().alias("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> CustomerIdentity.builder().alias("a", "b").alias("a", "c"));
        assertThrows(IllegalArgumentException.class, () -> CustomerIdentity.builder().optOut(" "));
    }

    @Test
    void identityAppliesToTransactionsEventsAndTables() {
        Transactions t = Transactions.builder()
                .add("web", "o1", Instant.parse("2024-01-01T00:00:00Z"), 5)
                .add("crm", "o2", Instant.parse("2024-01-02T00:00:00Z"), 6)
                .add("gone", "o3", Instant.parse("2024-01-03T00:00:00Z"), 7)
                .add(null, "o4", Instant.parse("2024-01-04T00:00:00Z"), 8)
                .build();
        CustomerIdentity id = CustomerIdentity.builder().alias("web", "crm").optOut("gone").build();
        CustomerIdentity.Applied<Transactions> a = id.apply(t);
        assertEquals(3, a.value().size());
        assertEquals(List.of("crm"), a.value().customerIds());
        assertEquals(new IdentityReport(4, 3, 1, 1, 1, 1, 0), a.report());
        assertSame(t, CustomerIdentity.none().apply(t).value());

        Events e = Events.builder().add("gone", Instant.EPOCH, "view").add("web", Instant.EPOCH, "view").build();
        assertEquals(List.of("crm"), id.apply(e).value().customerIds());

        CustomerTable c = CustomerTable.builder(List.of("web", "gone", "x")).numeric("v", new double[] {1, 2, 3}).build();
        CustomerIdentity.Applied<CustomerTable> ct = id.apply(c);
        assertEquals(List.of("crm", "x"), ct.value().customerIds());
        assertEquals(1, ct.report().optedOutRows());
    }

    @Test
    void identityFromCsv(@TempDir Path dir) throws IOException {
        Path aliases = Files.writeString(dir.resolve("aliases.csv"), "# merged logins\nalias,customer\nw1,c1\nw2,c1\n");
        Path out = Files.writeString(dir.resolve("optout.csv"), "customer\nc9\n");
        CustomerIdentity id = CustomerIdentity.builder().aliasesFromCsv(aliases, "alias", "customer")
                .optOutsFromCsv(out, "customer").build();
        assertEquals(2, id.aliasCount());
        assertEquals("c1", id.canonicalId("w2"));
        assertTrue(id.isOptedOut("c9"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CustomerIdentity.builder().aliasesFromCsv(aliases, "alias", "nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        // an opt-out is never lost in a malformed line: an unclosed quote, text after a quote, a bad byte
        Path unclosed = Files.writeString(dir.resolve("o1.csv"), "customer\nc9\n\"c10\nc11\n");
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> CustomerIdentity.builder().optOutsFromCsv(unclosed, "customer"));
        assertTrue(u.getMessage().contains("line 3") && u.getMessage().contains("Unclosed"), u.getMessage());
        Path after = Files.writeString(dir.resolve("o2.csv"), "customer\n\"c9\"x\n");
        assertThrows(IllegalArgumentException.class, () -> CustomerIdentity.builder().optOutsFromCsv(after,
                "customer"));
        Path latin1 = Files.write(dir.resolve("o3.csv"), new byte[] {'c', 'u', 's', 't', 'o', 'm', 'e', 'r', '\n',
            'J', 'o', (byte) 0xEB, 'l', '\n'});
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> CustomerIdentity.builder().optOutsFromCsv(latin1, "customer"));
        assertTrue(b.getMessage().contains("not valid UTF-8"), b.getMessage());
        Path joined = Files.writeString(dir.resolve("o4.csv"), "customer\n\"c9\nc10\"\n");
        IllegalArgumentException j = assertThrows(IllegalArgumentException.class,
                () -> CustomerIdentity.builder().optOutsFromCsv(joined, "customer"));
        assertTrue(j.getMessage().startsWith("Line 2 of"), j.getMessage());
    }

    @Test
    void exactDuplicatesAreDroppedAndCountedByTheFilter() {
        Transactions t = Transactions.builder()
                .add("a", "1", Instant.EPOCH, 5).add("a", "1", Instant.EPOCH, 5).add("a", "1", Instant.EPOCH, 6)
                .add("a", "1", Instant.EPOCH, 5).build();
        FilterResult r = TransactionFilter.builder().dropExactDuplicates().build().apply(t);
        assertEquals(2, r.report().dropped("exact duplicate"));
        assertEquals(2, r.transactions().size());
        assertArrayEquals(new double[] {5, 6}, r.transactions().amounts());
    }

    @Test
    void transactionAndEventBuildersFromJavaObjects() {
        Transactions t = Transactions.builder().keep("channel", "category").channel("channel").category("category")
                .add("c1", "o1", Instant.EPOCH, 3.5, "web", "books").build();
        assertEquals("web", t.channel(0));
        assertEquals("books", t.category(0));
        assertFalse(t.productColumn().isPresent());
        assertThrows(IllegalArgumentException.class, () -> Transactions.builder().keep("a")
                .add("c", "o", Instant.EPOCH, 1));
        assertThrows(IllegalArgumentException.class, () -> Transactions.builder().keep("a").channel("b"));
        Events e = Events.builder().properties("page").addWithValue("u", Instant.EPOCH, "view", 2.5, "/").build();
        assertTrue(e.hasValues());
        assertEquals("/", e.property("page", 0));
        assertThrows(IllegalArgumentException.class, () -> Events.builder().add("u", Instant.EPOCH, " "));
        assertThrows(IllegalArgumentException.class, () -> Events.builder().add("u", Instant.EPOCH, "v", "extra"));
        assertThrows(IllegalArgumentException.class, () -> e.property("nope", 0));
    }
}
