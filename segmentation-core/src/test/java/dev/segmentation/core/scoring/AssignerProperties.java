/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.scoring;

import dev.segmentation.core.Assigner;
import dev.segmentation.core.Assignment;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * For every model type: the assigner (alone, through a scorer, and after a round trip through the model file)
 * labels every row exactly as the model's own {@code predict}, and the one-call result agrees with the label-only
 * call.
 */
class AssignerProperties {

    @Property(tries = 60)
    void everyAssignerAgreesWithItsModelAndSurvivesTheFile(@ForAll("kinds") AssignerTest.Kind kind,
                                                           @ForAll @IntRange(min = 30, max = 160) int n,
                                                           @ForAll @IntRange(min = 1, max = 5) int d,
                                                           @ForAll long seed) throws Exception {
        Dataset train = AssignerTest.blobs(n, d, 3, seed);
        Dataset fresh = AssignerTest.blobs(50, d, 3, seed ^ 0x5DEECE66DL);
        ClusterModel model = kind.fit(train, seed);
        Assigner a = model.assigner();
        SegmentScorer scorer = SegmentScorer.of(model);
        SegmentScorer back = ModelIO.fromJson(ModelIO.toJson(scorer, Lineage.builder().build()))
                .model(SegmentScorer.class);
        for (Dataset x : new Dataset[] {train, fresh}) {
            int[] expected = model.predict(x);
            assertArrayEquals(expected, scorer.assign(x), kind + ": scorer batch");
            assertArrayEquals(expected, back.assign(x), kind + ": scorer read back from the file");
            Assignment holder = scorer.newAssignment();
            double[] row = new double[d];
            for (int i = 0; i < x.rows(); i++) {
                x.copyRow(i, row, 0);
                int label = a.assign(row, 0);
                assertEquals(expected[i], label, kind + ": row " + i);
                assertEquals(label, a.assign(row, 0, holder), kind + ": one-call result, row " + i);
                assertEquals(label, holder.segment());
                assertEquals(label, back.assign(row));
                if (holder.hasConfidence()) {
                    assertEquals(holder.confidence(), back.confidence(row), kind + ": confidence after the file");
                }
            }
        }
    }

    @Provide
    Arbitrary<AssignerTest.Kind> kinds() {
        return Arbitraries.of(AssignerTest.Kind.class);
    }
}
