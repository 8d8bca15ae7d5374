package dev.segmentation.validation;

import dev.segmentation.core.Dataset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to the agreement indices, the sum of squares and Davies-Bouldin is refused with the value. */
class AgreementBadInputTest {
    @Test
    void agreementIndicesRejectLabellingsOfDifferentLengthsAndABadBeta() {
        int[] a = {0, 0, 1};
        int[] b = {0, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterAgreement.adjustedMutualInformation(a, b));
        assertTrue(e.getMessage().contains("3 and 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterAgreement.vMeasure(a, b));
        assertThrows(IllegalArgumentException.class, () -> ClusterAgreement.fowlkesMallows(a, b));
        assertThrows(IllegalArgumentException.class, () -> ClusterAgreement.homogeneity(a, b));
        e = assertThrows(IllegalArgumentException.class, () -> ClusterAgreement.vMeasure(a, a, -1));
        assertTrue(e.getMessage().contains("beta") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterAgreement.vMeasure(a, a, Double.NaN));
        assertThrows(NullPointerException.class, () -> ClusterAgreement.adjustedMutualInformation(
                ContingencyTable.of(a, a), null));
        // empty labellings: scikit-learn's conventions
        assertEquals(1.0, ClusterAgreement.adjustedMutualInformation(new int[0], new int[0]));
        assertEquals(1.0, ClusterAgreement.vMeasure(new int[0], new int[0]));
        assertEquals(0.0, ClusterAgreement.fowlkesMallows(new int[0], new int[0]));
    }

    @Test
    void sumOfSquaresAndDaviesBouldinRejectBadLabels() {
        Dataset x = Dataset.of(new double[][] {{0, 0}, {1, 0}, {5, 5}, {6, 5}}, List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SumOfSquares.of(x, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("2 labels") && e.getMessage().contains("4 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SumOfSquares.of(x, new int[] {-1, -1, -1, -1}));
        assertTrue(e.getMessage().contains("noise"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SumOfSquares.of(x, new int[] {0, -2, 1, 1}));
        assertTrue(e.getMessage().contains("labels[1] = -2"), e.getMessage());
        SumOfSquares ss = SumOfSquares.of(x, new int[] {3, 3, 9, -1});
        assertEquals(0.5, ss.within(3), 1e-15);
        assertEquals(0.0, ss.within(9), 0.0);
        assertThrows(IllegalArgumentException.class, () -> ss.within(4));
        assertTrue(ss.table().contains("share of W") && ss.toString().contains("k=2"), ss.table());
        // one cluster: W = T, B = 0
        SumOfSquares one = SumOfSquares.of(x, new int[] {0, 0, 0, 0});
        assertEquals(one.total(), one.within(), 1e-15);
        assertEquals(0.0, one.between(), 1e-15);
        assertEquals(0.0, one.explainedShare(), 1e-15);
        assertEquals(1.0, SumOfSquares.of(Dataset.of(new double[][] {{1}, {1}}), new int[] {0, 1}).explainedShare());
        assertThrows(NullPointerException.class, () -> DaviesBouldin.score(x, new int[] {0, 0, 1, 1}, null));
        assertThrows(IllegalArgumentException.class,
                () -> DaviesBouldin.score(x, new int[] {0, 0, 0, 0}, DaviesBouldin.Scatter.ROOT_MEAN_SQUARE));
        // equal scatters of 0.5 and a separation of sqrt(50): (0.5 + 0.5) / sqrt(50) either way
        assertEquals(1 / Math.sqrt(50), DaviesBouldin.score(x, new int[] {0, 0, 1, 1},
                DaviesBouldin.Scatter.ROOT_MEAN_SQUARE), 1e-15);
    }
}
