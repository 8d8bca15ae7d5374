/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.features.io.TransactionCsvReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionFilterTest {
    @TempDir
    Path dir;

    Transactions retail() throws IOException {
        Path p = dir.resolve("r.csv");
        Files.writeString(p, "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"
                + "1,10001,2,2011-01-01 10:00:00,1.5,100.0\n"     // kept
                + "2,10002,1,2011-01-01 10:00:00,2.0,\n"          // missing customer
                + "C3,10001,-2,2011-01-02 10:00:00,1.5,100.0\n"   // cancelled (also negative quantity)
                + "4,10003,-1,2011-01-02 10:00:00,0,\n"           // missing customer (also non-positive)
                + "5,10004,0,2011-01-03 10:00:00,3.0,200.0\n"     // non-positive quantity
                + "6,POST,1,2011-01-03 10:00:00,0,200.0\n"        // non-positive price (also non-product)
                + "7,POST,1,2011-01-03 10:00:00,18,200.0\n"       // non-product
                + "8,22633B,3,2011-01-04 10:00:00,1.0,300.0\n");  // kept
        return TransactionCsvReader.builder().customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo").timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice").keep("StockCode").build().read(p).transactions();
    }

    static TransactionFilter retailRules() {
        return TransactionFilter.builder()
                .dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice")
                .dropNonPositiveQuantity()
                .dropNonPositiveUnitPrice()
                .dropIf("StockCode", code -> !code.matches("^\\d{5}.*"), "non-product stock code")
                .build();
    }

    @Test
    void eachRowIsCountedByTheFirstMatchingRule() throws IOException {
        FilterResult r = retailRules().apply(retail());
        FilterReport rep = r.report();
        assertEquals(8, rep.rowsIn());
        assertEquals(2, rep.rowsKept());
        assertEquals(6, rep.rowsDropped());
        assertEquals(2, rep.dropped("missing customer"));
        assertEquals(1, rep.dropped("cancelled invoice"));
        assertEquals(1, rep.dropped("non-positive quantity"));
        assertEquals(1, rep.dropped("non-positive unit price"));
        assertEquals(1, rep.dropped("non-product stock code"));
        assertEquals(List.of("missing customer", "cancelled invoice", "non-positive quantity",
                "non-positive unit price", "non-product stock code"), retailRules().ruleNames());
        Transactions kept = r.transactions();
        assertEquals(List.of("1", "8"), kept.orderIds());
        assertEquals(List.of("100", "300"), kept.customerIds());
        assertEquals(List.of("10001", "22633B"), List.of(kept.stringColumn("StockCode")));
        assertThrows(IllegalArgumentException.class, () -> rep.dropped("nope"));
    }

    @Test
    void orderOfRulesChangesTheCounts() throws IOException {
        FilterReport rep = TransactionFilter.builder().dropNonPositiveQuantity().dropMissingCustomer().build()
                .apply(retail()).report();
        assertEquals(3, rep.dropped("non-positive quantity"));
        assertEquals(1, rep.dropped("missing customer"));
    }

    @Test
    void emptyFilterKeepsEverythingAsIs() throws IOException {
        Transactions t = retail();
        FilterResult r = TransactionFilter.builder().build().apply(t);
        assertSame(t, r.transactions());
        assertEquals(0, r.report().rowsDropped());
    }

    @Test
    void rulesThatNeedAMissingColumnFailBeforeWork() {
        Transactions t = TransactionsTest.sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransactionFilter.builder().dropNonPositiveQuantity().build().apply(t));
        assertTrue(e.getMessage().contains("non-positive quantity"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TransactionFilter.builder().dropNonPositiveUnitPrice().build().apply(t));
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> TransactionFilter.builder().dropIf("Country", c -> true, "x").build().apply(t));
        assertTrue(s.getMessage().contains("'Country'"), s.getMessage());
        assertEquals(1, TransactionFilter.builder().dropNonPositiveAmount().build().apply(
                Transactions.builder().add("a", "o", java.time.Instant.EPOCH, 0).build()).report()
                .dropped("non-positive amount"));
    }

    @Test
    void ruleNamesMustBeUniqueAndNotBlank() {
        assertThrows(IllegalArgumentException.class,
                () -> TransactionFilter.builder().dropMissingCustomer().dropMissingCustomer());
        assertThrows(IllegalArgumentException.class, () -> TransactionFilter.builder().dropOrderIdPrefix("C", " "));
        assertThrows(IllegalArgumentException.class, () -> TransactionFilter.builder().dropOrderIdPrefix("", "x"));
    }

    @Test
    void aRegexRuleCountsAsItsPredicateAndTheRulesAreData() throws IOException {
        TransactionFilter regex = TransactionFilter.builder().dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice").dropNonPositiveQuantity().dropNonPositiveUnitPrice()
                .dropUnlessMatches("StockCode", "^\\d{5}.*", "non-product stock code").build();
        Transactions t = retail();
        FilterResult a = regex.apply(t);
        FilterResult b = retailRules().apply(t);
        assertEquals(b.report().rules(), a.report().rules());
        assertEquals(b.transactions().orderIds(), a.transactions().orderIds());
        assertEquals(List.of(
                new TransactionFilter.RuleSpec("missing customer", TransactionFilter.Kind.MISSING_CUSTOMER, null, null),
                new TransactionFilter.RuleSpec("cancelled invoice", TransactionFilter.Kind.ORDER_ID_PREFIX, null, "C"),
                new TransactionFilter.RuleSpec("non-positive quantity", TransactionFilter.Kind.NON_POSITIVE_QUANTITY,
                        null, null),
                new TransactionFilter.RuleSpec("non-positive unit price",
                        TransactionFilter.Kind.NON_POSITIVE_UNIT_PRICE, null, null),
                new TransactionFilter.RuleSpec("non-product stock code", TransactionFilter.Kind.STRING_NOT_MATCHING,
                        "StockCode", "^\\d{5}.*")), regex.rules());
        assertEquals(TransactionFilter.Kind.STRING_PREDICATE, retailRules().rules().get(4).kind());
        assertThrows(java.util.regex.PatternSyntaxException.class,
                () -> TransactionFilter.builder().dropUnlessMatches("StockCode", "(", "x"));
    }
}
