/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.CustomerIdentity;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.Events;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventAndAttributeReadersTest {
    static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static final String EVENTS = "user,ts,event,page,device,dwell\n"
            + "u1,2024-05-01T10:00:00Z,view,/home,mobile,12.5\n"
            + "u1,2024-05-01T10:05:00Z,cart,/p/1,mobile,3\n"
            + "u2,2024-05-01T09:00:00+02:00,view,/home,desktop,40\n"
            + ",2024-05-01T09:30:00Z,view,/home,desktop,1\n"
            + "u1,2024-05-01T10:05:00Z,cart,/p/1,mobile,3\n";

    static EventCsvReader.Builder events() {
        return EventCsvReader.builder().customerId("user").timestamp("ts", TransactionCsvReader.ISO_8601)
                .eventName("event").properties("page", "device");
    }

    @Test
    void readsEventsWithPropertiesValuesAndPolicies() throws IOException {
        EventReadResult r = events().value("dwell").build().read(in(EVENTS), "events.csv");
        Events e = r.events();
        assertEquals(5, e.size());
        assertTrue(e.hasValues());
        assertEquals(12.5, e.value(0));
        assertEquals("cart", e.eventName(1));
        assertEquals(List.of("view", "cart"), e.eventNames());
        assertEquals("/p/1", e.property("page", 1));
        assertEquals(Instant.parse("2024-05-01T07:00:00Z"), e.instant(2));
        assertNull(e.customerId(3));
        assertEquals(1, e.missingCustomerCount());
        EventReadResult dedup = events().onDuplicate(RowPolicy.DROP).onMissingCustomer(RowPolicy.DROP).build()
                .read(in(EVENTS), "events.csv");
        assertEquals(3, dedup.events().size());
        assertEquals(1, dedup.report().droppedDuplicateRows());
        assertEquals(1, dedup.report().droppedMissingCustomerRows());
        assertFalse(dedup.events().hasValues());
        assertEquals(0.0, dedup.events().value(0));
        EventReadResult out = events().identity(CustomerIdentity.builder().optOut("u2").build()).build()
                .read(in(EVENTS), "events.csv");
        assertEquals(4, out.events().size());
        assertEquals(1, out.report().identity().orElseThrow().optedOutRows());
    }

    @Test
    void badEventRowsAreNamed() throws IOException {
        String noName = "user,ts,event\nu1,2024-05-01T10:00:00Z,\n";
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCsvReader.builder()
                .customerId("user").timestamp("ts", TransactionCsvReader.ISO_8601).eventName("event").build()
                .read(in(noName), "e.csv"));
        assertTrue(e.getMessage().contains("an event name is required"), e.getMessage());
        String badTime = "user,ts,event\nu1,10 May,view\nu2,2024-05-01T10:00:00Z,view\n";
        EventReadResult skipped = EventCsvReader.builder().customerId("user")
                .timestamp("ts", TransactionCsvReader.ISO_8601).eventName("event").onRowError(RowPolicy.DROP)
                .build().read(in(badTime), "e.csv");
        assertEquals(1, skipped.report().rowsSkipped());
        assertEquals(1, skipped.report().errorCount("ts", RowError.Kind.UNPARSEABLE_TIMESTAMP));
        assertThrows(IllegalStateException.class, () -> EventCsvReader.builder().customerId("u")
                .timestamp("t", "yyyy").build());
        assertThrows(IllegalArgumentException.class, () -> EventCsvReader.builder().customerId("u")
                .timestamp("t", "yyyy").eventName("u").build());
        EventFormatException missing = assertThrows(EventFormatException.class, () -> events().build()
                .read(in("user,ts,event,page\nu1,2024-05-01,view,/\n"), "e.csv"));
        assertTrue(missing.getMessage().contains("'device'"), missing.getMessage());
    }

    @Test
    void channelZonesForEvents() throws IOException {
        String text = "user,ts,event,source\nu1,2024-01-15 09:00:00,open,kiosk\nu2,2024-01-15 09:00:00,open,app\n";
        Events e = EventCsvReader.builder().customerId("user").timestamp("ts", "yyyy-MM-dd HH:mm:ss")
                .eventName("event").channel("source").channelZone("kiosk", ZoneId.of("Asia/Tokyo")).build()
                .read(in(text), "e.csv").events();
        assertEquals(Instant.parse("2024-01-15T00:00:00Z"), e.instant(0));
        assertEquals(Instant.parse("2024-01-15T09:00:00Z"), e.instant(1));
        assertEquals("kiosk", e.property("source", 0));
    }

    static final String CRM = "CUST_ID,BALANCE,LIMIT,REGION,GENDER\n"
            + "C1,100.5,1000,north,f\n"
            + "C2,NA,,south,m\n"
            + " ,3,4,east,f\n"
            + "C3,7,8,,x\n"
            + "C1,1,1,west,f\n";

    static CustomerTableCsvReader.Builder crm() {
        return CustomerTableCsvReader.builder().customerId("CUST_ID").numeric("BALANCE", "LIMIT")
                .categorical("REGION", "GENDER").protect("GENDER").missingValues("", "NA");
    }

    @Test
    void readsAttributesWithMissingMarkersProtectionAndPolicies() throws IOException {
        CustomerTableFormatException dup = assertThrows(CustomerTableFormatException.class,
                () -> crm().build().read(in(CRM), "crm.csv"));
        assertTrue(dup.getMessage().contains("'C1'") && dup.getMessage().contains("line 2"), dup.getMessage());
        CustomerTableReadResult r = crm().onDuplicate(RowPolicy.DROP).build().read(in(CRM), "crm.csv");
        CustomerTable t = r.table();
        assertEquals(List.of("C1", "C2", "C3"), t.customerIds());
        assertArrayEquals(new double[] {100.5, Double.NaN, 7}, t.numeric("BALANCE"));
        assertEquals(1, t.missingCount("LIMIT"));
        assertArrayEquals(new String[] {"north", "south", null}, t.categorical("REGION"));
        assertEquals(List.of("GENDER"), t.protectedColumns());
        assertEquals(5, r.report().rowsRead());
        assertEquals(1, r.report().droppedMissingCustomerRows());
        assertEquals(1, r.report().droppedDuplicateRows());
        assertEquals(3, r.report().rowsKept());
        CustomerTableFormatException noId = assertThrows(CustomerTableFormatException.class, () -> crm()
                .onMissingCustomer(RowPolicy.FAIL).onDuplicate(RowPolicy.DROP).build().read(in(CRM), "crm.csv"));
        assertEquals(4, noId.line());
        assertThrows(IllegalArgumentException.class, () -> crm().onMissingCustomer(RowPolicy.KEEP));
        assertThrows(IllegalArgumentException.class, () -> crm().onDuplicate(RowPolicy.KEEP));
    }

    @Test
    void anAttributeColumnMissingFromTheFileIsNamed() {
        CustomerTableFormatException e = assertThrows(CustomerTableFormatException.class, () -> crm()
                .numeric("TENURE").onDuplicate(RowPolicy.DROP).build().read(in(CRM), "crm.csv"));
        assertTrue(e.getMessage().contains("'TENURE'") && e.getMessage().contains("CUST_ID"), e.getMessage());
        CustomerTableFormatException headerOnly = assertThrows(CustomerTableFormatException.class, () -> crm()
                .numeric("TENURE").build().read(in("CUST_ID,BALANCE,LIMIT,REGION,GENDER\n"), "crm.csv"));
        assertTrue(headerOnly.getMessage().contains("'TENURE'"), headerOnly.getMessage());
        assertThrows(CustomerTableFormatException.class, () -> crm().build().read(in(""), "crm.csv"));
    }

    @Test
    void badNumbersFollowTheRowErrorPolicy() throws IOException {
        String text = "CUST_ID,BALANCE,LIMIT,REGION,GENDER\nC1,lots,1,north,f\nC2,2,3,south,m\n";
        CustomerTableFormatException e = assertThrows(CustomerTableFormatException.class,
                () -> crm().build().read(in(text), "crm.csv"));
        assertTrue(e.getMessage().contains("Line 2") && e.getMessage().contains("'lots'"), e.getMessage());
        CustomerTableReadResult r = crm().onRowError(RowPolicy.DROP).build().read(in(text), "crm.csv");
        assertEquals(List.of("C2"), r.table().customerIds());
        assertEquals(1, r.report().rowsSkipped());
        assertEquals(1, r.report().errorCount("BALANCE", RowError.Kind.UNPARSEABLE_NUMBER));
    }

    @Test
    void identityMergesAttributeRows() throws IOException {
        String text = "CUST_ID,BALANCE,LIMIT,REGION,GENDER\nweb-1,1,1,north,f\nC1,2,2,south,f\nC9,3,3,east,m\n";
        CustomerIdentity id = CustomerIdentity.builder().alias("web-1", "C1").optOut("C9").build();
        CustomerTableReadResult r = crm().identity(id).build().read(in(text), "crm.csv");
        assertEquals(List.of("C1"), r.table().customerIds());
        assertEquals(1.0, r.table().numeric("BALANCE", 0), "the first row of the person is kept");
        assertEquals(1, r.report().identity().orElseThrow().mergedRows());
        assertEquals(1, r.report().identity().orElseThrow().optedOutRows());
    }
}
