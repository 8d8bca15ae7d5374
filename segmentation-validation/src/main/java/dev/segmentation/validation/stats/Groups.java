/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stats;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.validation.internal.Labels;

/**
 * A sample split into groups: values in group order, with offsets. Package-private.
 */
final class Groups {
    /** The values of group g are {@code values[start[g] .. start[g+1])}, in their original order. */
    final double[] values;
    final int[] start;
    final int k;
    /** The original label of each group (or its index for samples given as arrays). */
    final int[] labels;

    private Groups(double[] values, int[] start, int[] labels) {
        this.values = values;
        this.start = start;
        this.k = start.length - 1;
        this.labels = labels;
    }

    int size(int g) {
        return start[g + 1] - start[g];
    }

    int total() {
        return values.length;
    }

    /** Groups from samples given as arrays (SciPy's {@code f_oneway(*samples)} form); empty samples fail. */
    static Groups ofSamples(double[][] samples) {
        Checks.notNull("samples", samples);
        int n = 0;
        for (int g = 0; g < samples.length; g++) {
            Checks.notNull("samples[" + g + "]", samples[g]);
            if (samples[g].length == 0) {
                throw new IllegalArgumentException("Group " + g + " is empty");
            }
            Labels.checkFinite("samples[" + g + "]", samples[g]);
            n += samples[g].length;
        }
        double[] values = new double[n];
        int[] start = new int[samples.length + 1];
        int[] labels = new int[samples.length];
        for (int g = 0; g < samples.length; g++) {
            System.arraycopy(samples[g], 0, values, start[g], samples[g].length);
            start[g + 1] = start[g] + samples[g].length;
            labels[g] = g;
        }
        return new Groups(values, start, labels);
    }

    /** Groups from values and labels; rows labelled -1 are left out. */
    static Groups ofLabels(double[] values, int[] groups) {
        Checks.notNull("values", values);
        Labels.checkLength(groups, values.length);
        Labels.checkFinite("values", values);
        Labels.Encoded enc = Labels.encodeClusters(groups);
        int[] start = new int[enc.k + 1];
        for (int g = 0; g < enc.k; g++) {
            start[g + 1] = start[g] + enc.sizes[g];
        }
        int[] fill = start.clone();
        double[] out = new double[enc.assigned];
        for (int i = 0; i < values.length; i++) {
            int g = enc.codes[i];
            if (g >= 0) {
                out[fill[g]++] = values[i];
            }
        }
        return new Groups(out, start, enc.values.clone());
    }

    /** Throws unless there are at least two groups. */
    void requireTwoGroups(String test) {
        if (total() == 0) {
            throw new IllegalArgumentException(test + " needs data but every row is labelled noise (-1) or there "
                    + "are no values");
        }
        if (k < 2) {
            throw new IllegalArgumentException(test + " needs at least 2 groups but there " + (k == 1
                    ? "is only one (label " + labels[0] + ", " + total() + " values)" : "are none"));
        }
    }
}
