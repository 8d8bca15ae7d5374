/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.CustomerIdentity;
import dev.segmentation.features.IdentityReport;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Row policies, timestamps and zones, roles and identity at ingestion. */
class ReaderPoliciesTest {
    static final String ORDERS = "order,customer,time,amount,channel,sku\n"
            + "o1,c1,2024-03-01 10:00:00,10.0,web,A\n"
            + "o2,c2,2024-03-01 11:00:00,-4.0,store,B\n"          // a return
            + "o3,,2024-03-02 09:00:00,7.5,web,A\n"               // no customer
            + "o1,c1,2024-03-01 10:00:00,10.0,web,A\n"           // exact duplicate of line 2
            + "o4,c3,2024-03-03 12:00:00,0.0,store,C\n"           // zero amount
            + "o5,c2,2024-03-04 08:30:00,20.0,store,B\n";

    static TransactionCsvReader.Builder reader() {
        return TransactionCsvReader.builder().orderId("order").customerId("customer")
                .timestamp("time", "yyyy-MM-dd HH:mm:ss").amount("amount").channel("channel").product("sku");
    }

    static ReadResult read(TransactionCsvReader r, String text) throws IOException {
        return r.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "orders.csv");
    }

    @Test
    void defaultsKeepEverythingAndCount() throws IOException {
        ReadResult r = read(reader().build(), ORDERS);
        ReadReport rep = r.report();
        assertEquals(6, rep.rowsRead());
        assertEquals(6, rep.rowsKept());
        assertEquals(0, rep.rowsDropped());
        assertEquals(1, rep.missingCustomerRows());
        assertEquals(2, rep.nonPositiveAmountRows(), "a return and a zero amount");
        assertEquals(0, rep.duplicateRows(), "not looked for under KEEP");
        Transactions t = r.transactions();
        assertEquals("web", t.channel(0));
        assertEquals("A", t.product(0));
        assertEquals("channel", t.channelColumn().orElseThrow());
        assertThrows(IllegalStateException.class, () -> t.category(0));
    }

    @Test
    void nonPositiveAmountsPolicy() throws IOException {
        ReadResult dropped = read(reader().onNonPositiveAmount(RowPolicy.DROP).build(), ORDERS);
        assertEquals(4, dropped.report().rowsKept());
        assertEquals(2, dropped.report().droppedNonPositiveAmountRows());
        assertEquals(2, dropped.report().rowsDropped());
        TransactionFormatException e = assertThrows(TransactionFormatException.class,
                () -> read(reader().onNonPositiveAmount(RowPolicy.FAIL).build(), ORDERS));
        assertEquals(3, e.line());
        assertEquals("amount", e.column());
        assertTrue(e.getMessage().contains("-4.0") && e.getMessage().contains("not positive"), e.getMessage());
        // with quantity x unit price the unit price column is blamed
        String q = "customer,time,q,p\nc1,2024-01-01 00:00:00,-1,2.5\n";
        TransactionFormatException f = assertThrows(TransactionFormatException.class, () -> read(
                TransactionCsvReader.builder().customerId("customer").timestamp("time", "yyyy-MM-dd HH:mm:ss")
                        .quantityTimesUnitPrice("q", "p").onNonPositiveAmount(RowPolicy.FAIL).build(), q));
        assertTrue(f.getMessage().contains("-1.0 x 2.5"), f.getMessage());
    }

    @Test
    void duplicateRowsPolicy() throws IOException {
        ReadResult dropped = read(reader().onDuplicate(RowPolicy.DROP).build(), ORDERS);
        assertEquals(1, dropped.report().duplicateRows());
        assertEquals(1, dropped.report().droppedDuplicateRows());
        assertEquals(5, dropped.report().rowsKept());
        assertEquals("o2", dropped.transactions().orderId(1), "the first copy stays, the order is kept");
        TransactionFormatException e = assertThrows(TransactionFormatException.class,
                () -> read(reader().onDuplicate(RowPolicy.FAIL).build(), ORDERS));
        assertTrue(e.getMessage().contains("Line 5") && e.getMessage().contains("line 2"), e.getMessage());
        // rows that differ in any read column are not duplicates
        String near = "order,customer,time,amount,channel,sku\no1,c1,2024-03-01 10:00:00,10.0,web,A\n"
                + "o1,c1,2024-03-01 10:00:00,10.0,web,B\n";
        assertEquals(0, read(reader().onDuplicate(RowPolicy.DROP).build(), near).report().duplicateRows());
    }

    @Test
    void missingCustomerPolicy() throws IOException {
        ReadResult dropped = read(reader().onMissingCustomer(RowPolicy.DROP).build(), ORDERS);
        assertEquals(1, dropped.report().droppedMissingCustomerRows());
        assertEquals(0, dropped.report().missingCustomerRows());
        assertEquals(0, dropped.transactions().missingCustomerCount());
        TransactionFormatException e = assertThrows(TransactionFormatException.class,
                () -> read(reader().onMissingCustomer(RowPolicy.FAIL).build(), ORDERS));
        assertEquals(4, e.line());
        assertEquals("customer", e.column());
    }

    @Test
    void policiesCombineAndAddUp() throws IOException {
        ReadResult r = read(reader().onMissingCustomer(RowPolicy.DROP).onNonPositiveAmount(RowPolicy.DROP)
                .onDuplicate(RowPolicy.DROP).build(), ORDERS);
        ReadReport rep = r.report();
        assertEquals(2, rep.rowsKept());
        assertEquals(rep.rowsRead(), rep.rowsKept() + rep.rowsSkipped() + rep.rowsDropped());
        assertTrue(rep.toString().contains("rowsDropped=4"), rep.toString());
    }

    @Test
    void isoTimestampsWithAndWithoutOffsetsAndSeveralPatterns() throws IOException {
        String text = "customer,time,amount\n"
                + "a,2024-03-01T10:00:00Z,1\n"
                + "b,2024-03-01T11:00:00+01:00,1\n"
                + "c,2024-03-01T10:00,1\n"
                + "d,2024-03-01,1\n"
                + "e,2024-03-01T10:00:00.250Z,1\n"
                + "f,2024-03-01T10:00:00[Europe/Lisbon],1\n";
        Transactions t = read(TransactionCsvReader.builder().customerId("customer")
                .timestamp("time", TransactionCsvReader.ISO_8601).zone(ZoneId.of("America/New_York"))
                .amount("amount").build(), text).transactions();
        assertEquals(Instant.parse("2024-03-01T10:00:00Z"), t.instant(0));
        assertEquals(Instant.parse("2024-03-01T10:00:00Z"), t.instant(1), "the offset is the text's own");
        assertEquals(Instant.parse("2024-03-01T15:00:00Z"), t.instant(2), "a local time is in the reader's zone");
        assertEquals(Instant.parse("2024-03-01T05:00:00Z"), t.instant(3), "a date is the start of that day");
        assertEquals(Instant.parse("2024-03-01T10:00:00Z"), t.instant(4), "fractions are truncated");
        assertEquals(Instant.parse("2024-03-01T10:00:00Z"), t.instant(5), "Lisbon is on UTC in March");
        String mixed = "customer,time,amount\na,2024-03-01 10:00:00,1\nb,01/03/2024 10:00,1\nc,yesterday,1\n";
        TransactionCsvReader two = TransactionCsvReader.builder().customerId("customer")
                .timestamp("time", "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm").amount("amount")
                .onRowError(RowPolicy.DROP).build();
        ReadResult r = read(two, mixed);
        assertEquals(2, r.report().rowsKept());
        assertEquals(r.transactions().instant(0), r.transactions().instant(1));
        RowError err = r.report().examples().get(0);
        assertEquals(RowError.Kind.UNPARSEABLE_TIMESTAMP, err.kind());
        assertTrue(err.reason().contains("any of the patterns"), err.reason());
        assertThrows(IllegalArgumentException.class, () -> TransactionCsvReader.builder()
                .timestamp("time", "yyyy-MM-dd", "not a pattern {"));
    }

    @Test
    void channelZonesNormaliseLocalTimesToUtc() throws IOException {
        // the store tills write local Lisbon time, the web shop New York time; the channel comes after the time
        String text = "customer,time,amount,channel\n"
                + "a,2024-07-01 12:00:00,1,store\n"
                + "b,2024-07-01 12:00:00,1,web\n"
                + "c,2024-07-01 12:00:00,1,app\n";
        Transactions t = read(TransactionCsvReader.builder().customerId("customer")
                .timestamp("time", "yyyy-MM-dd HH:mm:ss").amount("amount").channel("channel")
                .channelZone("store", ZoneId.of("Europe/Lisbon")).channelZone("web", ZoneId.of("America/New_York"))
                .build(), text).transactions();
        assertEquals(Instant.parse("2024-07-01T11:00:00Z"), t.instant(0));
        assertEquals(Instant.parse("2024-07-01T16:00:00Z"), t.instant(1));
        assertEquals(Instant.parse("2024-07-01T12:00:00Z"), t.instant(2), "other channels use the reader's zone");
        assertThrows(IllegalStateException.class, () -> TransactionCsvReader.builder().customerId("c")
                .timestamp("t", "yyyy").amount("a").channelZone("web", ZoneId.of("UTC")).build());
        assertThrows(IllegalStateException.class, () -> TransactionCsvReader.builder()
                .channelZone("web", ZoneId.of("UTC")).channelZone("web", ZoneId.of("UTC")));
        // an unparseable time on a channel-zoned row is still reported with its line
        String bad = "customer,time,amount,channel\na,2024-13-01 12:00:00,1,store\n";
        TransactionFormatException e = assertThrows(TransactionFormatException.class, () -> read(
                TransactionCsvReader.builder().customerId("customer").timestamp("time", "yyyy-MM-dd HH:mm:ss")
                        .amount("amount").channel("channel").channelZone("store", ZoneId.of("Europe/Lisbon")).build(),
                bad));
        assertEquals(2, e.line());
        assertEquals("time", e.column());
    }

    @Test
    void identityMergesAliasesAndRemovesOptOutsWithCounts() throws IOException {
        CustomerIdentity id = CustomerIdentity.builder().alias("c3", "c1").optOut("c2").build();
        ReadResult r = read(reader().identity(id).build(), ORDERS);
        IdentityReport rep = r.report().identity().orElseThrow();
        assertEquals(2, rep.optedOutRows());
        assertEquals(1, rep.optedOutCustomers());
        assertEquals(1, rep.aliasedRows());
        assertEquals(4, r.report().rowsKept());
        assertEquals(2, r.report().rowsDropped());
        Transactions t = r.transactions();
        assertEquals(List.of("c1"), t.customerIds());
        RfmTable rfm = Rfm.asOf(LocalDate.parse("2024-04-01")).compute(t);
        assertEquals(List.of("c1"), rfm.customerIds());
        assertEquals(2, rfm.frequency(0), "o1 (its duplicate line is the same order) and o4 of the alias");
        // duplicates are found after the merge, with the lines of the rows that remain
        ReadResult both = read(reader().identity(id).onDuplicate(RowPolicy.DROP).build(), ORDERS);
        assertEquals(1, both.report().droppedDuplicateRows());
    }
}
