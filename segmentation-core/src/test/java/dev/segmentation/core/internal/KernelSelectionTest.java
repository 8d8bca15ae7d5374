/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The SIMD kernel is used exactly when the Vector API module is resolved, and the scalar kernel otherwise. The
 * build runs this class twice: with {@code --add-modules jdk.incubator.vector} and without it.
 */
class KernelSelectionTest {
    private static boolean modulePresent() {
        return ModuleLayer.boot().findModule(KernelSelection.MODULE).isPresent();
    }

    @Test
    void theVectorKernelRunsIffTheModuleIsPresent() {
        assertEquals(modulePresent(), CentroidKernel.vectorized());
        assertEquals(modulePresent(), KernelSelection.select() != null);
    }

    @Test
    void withoutTheModuleTheScalarKernelIsChosenAndWorks() {
        if (modulePresent()) {
            assertNotNull(KernelSelection.select());
        } else {
            assertNull(KernelSelection.select());
            assertFalse(CentroidKernel.vectorized());
        }
        double[] c = {0, 0, 1, 1, 0, 0};
        double[] x = {0.4, 0.4, 0.5, 0.5, 2, 2, 0.6, 0.6, 0, 0};
        int[] labels = new int[5];
        double[] best = new double[5];
        int invalid = CentroidKernel.nearest(x, 2, 0, 5, c, 3, labels, 0, best, 0, null, new CentroidKernel.Scratch(2));
        assertEquals(-1, invalid);
        // (0.5, 0.5) is equidistant from (0, 0) and (1, 1): the lowest index wins.
        assertEquals(java.util.List.of(0, 0, 1, 1, 0), java.util.Arrays.stream(labels).boxed().toList());
        assertEquals(0.5, best[1]);
    }

    @Test
    void thePropertyFalseTurnsTheVectorKernelOff() {
        String before = System.getProperty(KernelSelection.PROPERTY);
        System.setProperty(KernelSelection.PROPERTY, "false");
        try {
            assertNull(KernelSelection.select());
        } finally {
            if (before == null) {
                System.clearProperty(KernelSelection.PROPERTY);
            } else {
                System.setProperty(KernelSelection.PROPERTY, before);
            }
        }
    }

    @Test
    void aKernelThatCannotBeLoadedFallsBack() {
        assertNull(KernelSelection.load("dev.segmentation.core.internal.NoSuchKernel"));
    }
}
