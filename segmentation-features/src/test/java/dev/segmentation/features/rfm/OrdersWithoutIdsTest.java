/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.rfm;

import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.TestData;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.io.ReadResult;
import dev.segmentation.features.io.TransactionCsvReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Orders without order ids follow one rule in both RFM and the buy-till-you-die summary: one customer-day is
 * one order. Checked on the whole CDNOW log, where several rows on one day and exact duplicate rows occur.
 */
class OrdersWithoutIdsTest {

    @Test
    void rfmFrequencyIsTheBtydRepeatCountPlusOneForEveryCdnowCustomer() throws IOException {
        ReadResult r = TransactionCsvReader.builder()
                .layout(TransactionCsvReader.Layout.WHITESPACE)
                .customerId("customer_id")
                .timestamp("date", "yyyyMMdd")
                .amount("dollar_value")
                .build()
                .read(TestData.require("CDNOW_master.txt"));
        Transactions t = r.transactions();
        // Calibration weeks 1-39: 1997-01-01 to 1997-09-30.
        RfmTable rfm = Rfm.asOf(LocalDate.parse("1997-10-01")).compute(t);
        CustomerTable btyd = BtydSummary.calibrationEnd(LocalDate.parse("1997-09-30")).compute(t).table();
        assertEquals(23_570, rfm.size());
        assertEquals(rfm.customerIds(), btyd.customerIds());

        // An independent count of distinct (customer, day) pairs and of rows, straight from the log.
        Map<String, Set<Long>> days = new HashMap<>();
        Map<String, Integer> rows = new HashMap<>();
        long asOf = LocalDate.parse("1997-10-01").toEpochDay() * 86_400;
        for (int i = 0; i < t.size(); i++) {
            if (t.epochSecond(i) < asOf) {
                days.computeIfAbsent(t.customerId(i), k -> new HashSet<>()).add(Math.floorDiv(t.epochSecond(i), 86_400));
                rows.merge(t.customerId(i), 1, Integer::sum);
            }
        }
        int inflatedByRows = 0;
        for (int i = 0; i < rfm.size(); i++) {
            String id = rfm.customerIds().get(i);
            assertEquals(days.get(id).size(), rfm.frequency(i), id);
            assertEquals(btyd.numeric(BtydSummary.FREQUENCY, i) + 1, rfm.frequency(i), 0.0, id);
            if (rows.get(id) != rfm.frequency(i)) {
                inflatedByRows++;
            }
        }
        // Counting rows instead would overstate the frequency of this many customers.
        assertEquals(791, inflatedByRows, "customers with several rows on one day in weeks 1-39");
    }
}
