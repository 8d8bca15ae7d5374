package dev.segmentation.validation.stats;

import dev.segmentation.core.Dataset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsBadInputTest {
    private static void fails(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void anovaAndKruskalWallisRejectBadInput() {
        // one group only
        fails("at least 2 groups", () -> OneWayAnova.test(new double[] {1, 2, 3}, new int[] {0, 0, 0}));
        fails("at least 2 groups", () -> KruskalWallis.test(new double[] {1, 2, 3}, new int[] {0, 0, 0}));
        // all labels noise
        fails("noise", () -> OneWayAnova.test(new double[] {1, 2}, new int[] {-1, -1}));
        // lengths differ
        fails("2 labels were given for 3 rows", () -> OneWayAnova.test(new double[] {1, 2, 3}, new int[] {0, 1}));
        // NaN in values
        fails("Non-finite value NaN in values at index 1",
                () -> OneWayAnova.test(new double[] {1, Double.NaN, 3}, new int[] {0, 1, 1}));
        fails("Non-finite", () -> KruskalWallis.test(new double[] {1, Double.POSITIVE_INFINITY}, new int[] {0, 1}));
        // every group a singleton: no within-group degrees of freedom
        fails("no within-group degrees of freedom", () -> OneWayAnova.test(new double[] {1, 2}, new int[] {0, 1}));
        // all values equal
        fails("all 4 values are equal", () -> OneWayAnova.test(new double[] {5, 5, 5, 5}, new int[] {0, 0, 1, 1}));
        fails("all 4 values are equal", () -> KruskalWallis.test(new double[] {5, 5, 5, 5}, new int[] {0, 0, 1, 1}));
        // an empty group given as an array
        fails("Group 1 is empty", () -> OneWayAnova.test(new double[] {1, 2}, new double[0]));
        // a singleton group is allowed
        assertTrue(OneWayAnova.test(new double[] {1, 2, 3}, new double[] {7}).f() > 0);
        // constant groups with different means: infinite F, p = 0, as SciPy
        OneWayAnova.Result inf = OneWayAnova.test(new double[] {1, 1}, new double[] {2, 2});
        assertEquals(Double.POSITIVE_INFINITY, inf.f());
        assertEquals(0.0, inf.pValue());
    }

    @Test
    void chiSquareRejectsBadInput() {
        // a variable with a single category
        fails("at least 2 categories", () -> ChiSquareIndependence.test(new int[] {0, 0, 0}, new int[] {0, 1, 1}));
        fails("Row 1 of the table is all zero", () -> ChiSquareIndependence.test(new long[][] {{1, 2}, {0, 0}}));
        fails("Column 0", () -> ChiSquareIndependence.test(new long[][] {{0, 2}, {0, 3}}));
        fails("Negative count", () -> ChiSquareIndependence.test(new long[][] {{1, -2}, {3, 4}}));
        fails("Ragged", () -> ChiSquareIndependence.test(new long[][] {{1, 2}, {3}}));
        fails("different lengths", () -> ChiSquareIndependence.test(new int[] {0, 1}, new int[] {0}));
        fails("empty", () -> ChiSquareIndependence.test(new long[0][]));
    }

    @Test
    void benjaminiHochbergRejectsInvalidPValues() {
        fails("pValues[1] must be in [0, 1] but was NaN", () -> BenjaminiHochberg.adjust(new double[] {0.1, Double.NaN}));
        fails("but was 1.5", () -> BenjaminiHochberg.adjust(new double[] {1.5}));
        fails("q must be in (0, 1)", () -> BenjaminiHochberg.reject(new double[] {0.1}, 0));
    }

    @Test
    void separationTestsReportEveryFeatureAndHandleConstantOnes() {
        double[][] rows = new double[60][];
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = i % 3;
            rows[i] = new double[] {labels[i] * 10 + i % 5, 7.0, (i * 13) % 11};
        }
        labels[5] = -1;
        SeparationTests.Report r = SeparationTests.of(Dataset.of(rows, List.of("strong", "constant", "noise")),
                labels);
        assertEquals(3, r.segments());
        assertEquals(59, r.rows());
        assertEquals("strong", r.ranked().get(0).feature());
        SeparationTests.FeatureTest constant = r.features().get(1);
        assertTrue(constant.constant());
        assertEquals(1.0, constant.anova().pValue());
        assertEquals(1.0, constant.anovaAdjustedP());
        assertTrue(r.features().get(0).anovaAdjustedP() < 1e-10);
        assertTrue(r.table().contains("(constant)"));
        fails("at least 2 segments", () -> SeparationTests.of(Dataset.of(rows), new int[60]));
        fails("60 labels were given for 3 rows", () -> SeparationTests.of(Dataset.of(new double[][] {{1}, {2}, {3}}),
                new int[60]));
    }
}
