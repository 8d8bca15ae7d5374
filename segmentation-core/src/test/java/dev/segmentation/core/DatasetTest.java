package dev.segmentation.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetTest {

    @Test
    void rowsColumnsAndFlatLayoutAgree() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Dataset a = Dataset.of(rows, List.of("r", "f", "m"));
        Dataset b = Dataset.ofColumns(List.of("r", "f", "m"), new double[] {1, 4}, new double[] {2, 5},
                new double[] {3, 6});
        Dataset c = Dataset.ofRowMajor(new double[] {1, 2, 3, 4, 5, 6}, 2, List.of("r", "f", "m"));
        assertEquals(a, b);
        assertEquals(a, c);
        assertEquals(a.hashCode(), c.hashCode());
        assertEquals(2, a.rows());
        assertEquals(3, a.cols());
        assertEquals(6.0, a.get(1, 2));
        assertArrayEquals(new double[] {2, 5}, a.column("f"));
        assertArrayEquals(new double[] {4, 5, 6}, a.row(1));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.toRowMajorArray());
        assertEquals(List.of("x0", "x1", "x2"), Dataset.of(rows).columnNames());
    }

    @Test
    void callerArraysAreCopiedInAndOut() {
        double[][] rows = {{1, 2}, {3, 4}};
        double[] flat = {1, 2, 3, 4};
        Dataset a = Dataset.of(rows);
        Dataset b = Dataset.ofRowMajor(flat, 2, List.of("a", "b"));
        rows[0][0] = 99;
        flat[0] = 99;
        assertEquals(1.0, a.get(0, 0));
        assertEquals(1.0, b.get(0, 0));
        a.row(0)[0] = 42;
        a.toRowMajorArray()[0] = 42;
        a.toArray()[0][0] = 42;
        assertEquals(1.0, a.get(0, 0));
    }

    @Test
    void nonFiniteValuesAreRejectedWithRowAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{1, 2}, {3, Double.NaN}}, List.of("freq", "money")));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertTrue(e.getMessage().contains("column 1 ('money')"), e.getMessage());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofColumns(List.of("a"), new double[] {0, Double.NEGATIVE_INFINITY}));
        assertTrue(e.getMessage().contains("-Infinity") && e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void raggedRowsAndBadShapesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("row 1 has 1 values but 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{}}));
        assertThrows(IllegalArgumentException.class, () -> Dataset.ofColumns(List.of("a", "b"), new double[] {1},
                new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Dataset.ofRowMajor(new double[5], 2, List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{1, 2}}, List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{1, 2}}, List.of("a", " ")));
        assertThrows(IndexOutOfBoundsException.class, () -> Dataset.of(new double[][] {{1}}).get(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{1}}).column("nope"));
    }

    @Test
    void emptyDatasetWithNamedColumnsIsAllowed() {
        Dataset empty = Dataset.ofRowMajor(new double[0], 0, List.of("a", "b"));
        assertEquals(0, empty.rows());
        assertEquals(2, empty.cols());
    }

    @Test
    void selectionsCopy() {
        Dataset a = Dataset.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, List.of("a", "b", "c"));
        assertEquals(Dataset.of(new double[][] {{7, 8, 9}, {1, 2, 3}, {7, 8, 9}}, List.of("a", "b", "c")),
                a.selectRows(new int[] {2, 0, 2}));
        assertEquals(Dataset.of(new double[][] {{3, 1}, {6, 4}, {9, 7}}, List.of("c", "a")),
                a.selectColumns(List.of("c", "a")));
        assertNotEquals(a, a.withColumnNames(List.of("x", "y", "z")));
    }
}
