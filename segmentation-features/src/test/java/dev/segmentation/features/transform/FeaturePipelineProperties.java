/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeaturePipelineProperties {
    static final List<String> NAMES = List.of("recency_days", "frequency", "monetary");

    /** Random customer-like matrices: 2..60 rows, recency 1..400, frequency 1..50, monetary -100..1e5. */
    @Provide
    Arbitrary<Dataset> matrices() {
        Arbitrary<double[]> row = Combinators.combine(
                Arbitraries.integers().between(1, 400),
                Arbitraries.integers().between(1, 50),
                Arbitraries.doubles().between(-0.99, 1e5).ofScale(2))
                .as((r, f, m) -> new double[] {r, f, m});
        return row.array(double[][].class).ofMinSize(2).ofMaxSize(60).map(rows -> Dataset.of(rows, NAMES));
    }

    @Property(tries = 300)
    void standardizedColumnsHaveMeanZeroAndUnitStd(@ForAll("matrices") Dataset x) {
        FittedPipeline p = FeaturePipeline.builder().log1p("frequency", "monetary").standardize().build().fit(x);
        Dataset z = p.transform(x);
        for (int j = 0; j < z.cols(); j++) {
            double[] col = z.column(j);
            double mean = 0;
            for (int i = 0; i < col.length; i++) {
                mean += col[i];
            }
            mean /= col.length;
            double var = 0;
            for (int i = 0; i < col.length; i++) {
                var += (col[i] - mean) * (col[i] - mean);
            }
            double std = Math.sqrt(var / col.length);
            boolean constant = p.report().zeroVarianceColumns().contains(NAMES.get(j));
            assertEquals(0, mean, 1e-9, "mean of " + NAMES.get(j));
            if (constant) {
                assertEquals(0, std, 1e-9, "std of constant " + NAMES.get(j));
            } else {
                assertEquals(1, std, 1e-9, "std of " + NAMES.get(j));
            }
        }
    }

    @Property(tries = 300)
    void rowWiseTransformEqualsDatasetTransform(@ForAll("matrices") Dataset x) {
        FittedPipeline p = FeaturePipeline.builder().log1p("recency_days", "monetary").standardize("monetary",
                "frequency").build().fit(x);
        double[] batch = p.transform(x).toRowMajorArray();
        double[] in = x.toRowMajorArray();
        double[] out = new double[in.length + 7];
        int d = x.cols();
        for (int i = 0; i < x.rows(); i++) {
            p.transformRow(in, i * d, out, 7 + i * d);
            for (int j = 0; j < d; j++) {
                assertEquals(Double.doubleToLongBits(batch[i * d + j]), Double.doubleToLongBits(out[7 + i * d + j]));
            }
        }
        double[] inPlace = in.clone();
        for (int i = 0; i < x.rows(); i++) {
            p.transformRow(inPlace, i * d, inPlace, i * d);
        }
        assertTrue(java.util.Arrays.equals(batch, inPlace));
    }
}
