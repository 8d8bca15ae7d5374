/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CustomerIdNormalisationTest {
    @ParameterizedTest
    @CsvSource({"17850.0,17850", "17850.00,17850", "17850,17850", "17850.5,17850.5", "17850.,17850", ".0,.0",
        "A17.0,A17.0", "1.0.0,1.0.0", "-5.0,-5.0", "12.010,12.010"})
    void stripsOnlyAllZeroDecimals(String in, String expected) {
        char[] buf = in.toCharArray();
        int end = RecordHandler.stripZeroDecimals(buf, 0, buf.length);
        assertEquals(expected, new String(buf, 0, end));
    }
}
