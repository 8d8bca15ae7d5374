package dev.segmentation.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DissimilarityMatrixTest {
    /** SciPy: squareform([1, 2, 3, 4, 5, 6]) = [[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]]. */
    @Test
    void condensedAndSquareFormsAreSciPysSquareform() {
        double[][] square = {{0, 1, 2, 3}, {1, 0, 4, 5}, {2, 4, 0, 6}, {3, 5, 6, 0}};
        DissimilarityMatrix a = DissimilarityMatrix.ofCondensed(new double[] {1, 2, 3, 4, 5, 6});
        DissimilarityMatrix b = DissimilarityMatrix.ofSquare(square);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(4, a.size());
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(square[i][j], a.get(i, j));
            }
        }
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, b.toCondensedArray());
        assertTrue(a.toString().contains("n=4") && a.toString().contains("max=6"), a.toString());
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(4, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(0, -1));
    }

    @Test
    void isCopiedInAndOutAndMinusZeroIsZero() {
        double[] c = {1, -0.0, 3};
        DissimilarityMatrix m = DissimilarityMatrix.ofCondensed(c);
        c[0] = 99;
        m.toCondensedArray()[0] = 42;
        assertEquals(1.0, m.get(0, 1));
        assertEquals(DissimilarityMatrix.ofCondensed(new double[] {1, 0, 3}), m);
        assertNotEquals(DissimilarityMatrix.ofCondensed(new double[] {1, 0, 4}), m);
    }

    @Test
    void badInputIsRejectedNamingThePair() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DissimilarityMatrix.ofCondensed(new double[] {1, Double.NaN, 2}));
        assertTrue(e.getMessage().contains("between 0 and 2") && e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DissimilarityMatrix.ofCondensed(new double[] {1, Double.POSITIVE_INFINITY, 2}));
        e = assertThrows(IllegalArgumentException.class,
                () -> DissimilarityMatrix.ofCondensed(new double[] {1, -1, 2}));
        assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DissimilarityMatrix.ofCondensed(new double[] {1, 2}));
        assertTrue(e.getMessage().contains("2 were given"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DissimilarityMatrix.ofCondensed(new double[0]));
        e = assertThrows(IllegalArgumentException.class,
                () -> DissimilarityMatrix.ofSquare(new double[][] {{0, 1}, {2, 0}}));
        assertTrue(e.getMessage().contains("not symmetric") && e.getMessage().contains("square[0][1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DissimilarityMatrix.ofSquare(new double[][] {{0, 1}, {1, 0.5}}));
        assertTrue(e.getMessage().contains("diagonal") && e.getMessage().contains("square[1][1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DissimilarityMatrix.ofSquare(new double[][] {{0, 1}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> DissimilarityMatrix.ofSquare(new double[][] {{0}}));
        assertThrows(IllegalArgumentException.class,
                () -> DissimilarityMatrix.ofSquare(new double[][] {{0, -2}, {-2, 0}}));
        assertThrows(NullPointerException.class, () -> DissimilarityMatrix.ofSquare(new double[][] {{0, 1}, null}));
    }

    @Test
    void estimateIsTheCondensedArray() {
        assertEquals(8L * 10_000 * 9_999 / 2 + 16, DissimilarityMatrix.estimateBytes(10_000));
        assertEquals(16, DissimilarityMatrix.estimateBytes(1));
        assertThrows(IllegalArgumentException.class, () -> DissimilarityMatrix.estimateBytes(-1));
    }
}
