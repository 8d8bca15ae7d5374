/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.hybrid;

import dev.segmentation.activation.rules.RuleSchema;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.Section;
import dev.segmentation.core.scoring.SegmentScorer;

import java.util.List;

/**
 * The one place where the hybrid segmentation touches a cluster model: it gathers the model's raw inputs from a
 * record, asks the model for a segment, and saves the model inside the hybrid's file. Everything it uses of the
 * model is {@link SegmentScorer#assign(double[])}, {@link SegmentScorer#inputNames()}, {@link SegmentScorer#k()},
 * {@link SegmentScorer#segmentName(int)} and {@link ModelIO#encodeNested}/{@link ModelIO#decodeNested}, so that
 * moving to another assignment seam changes this class only.
 */
final class ClusterStage {
    private final SegmentScorer scorer;
    private final int[] inputIndex;
    private final ThreadLocal<double[]> buffer;

    private ClusterStage(SegmentScorer scorer, int[] inputIndex) {
        this.scorer = scorer;
        this.inputIndex = inputIndex;
        this.buffer = ThreadLocal.withInitial(() -> new double[inputIndex.length]);
    }

    /**
     * The stage of {@code scorer} reading records of {@code schema}.
     *
     * @throws IllegalArgumentException if the schema lacks an input of the model or holds it as categorical
     */
    static ClusterStage bind(SegmentScorer scorer, RuleSchema schema) {
        List<String> inputs = scorer.inputNames();
        int[] index = new int[inputs.size()];
        for (int j = 0; j < index.length; j++) {
            String name = inputs.get(j);
            index[j] = schema.indexOf(name);
            if (index[j] < 0) {
                throw new IllegalArgumentException("The cluster model needs input '" + name + "', which the schema "
                        + "does not have; the schema has " + schema.names());
            }
            if (schema.type(index[j]) != RuleSchema.Type.NUMERIC) {
                throw new IllegalArgumentException("The cluster model needs input '" + name + "' as a number, but "
                        + "the schema declares it categorical");
            }
        }
        return new ClusterStage(scorer, index);
    }

    SegmentScorer scorer() {
        return scorer;
    }

    int k() {
        return scorer.k();
    }

    String segmentName(int cluster) {
        return scorer.segmentName(cluster);
    }

    /**
     * The cluster of the record at {@code record[offset ..]}, or -1 when one of the model's inputs is missing.
     * Allocates nothing once the thread's buffer exists.
     */
    int assign(double[] record, int offset) {
        double[] x = buffer.get();
        for (int j = 0; j < inputIndex.length; j++) {
            double v = record[offset + inputIndex[j]];
            if (v != v) {
                return -1;
            }
            x[j] = v;
        }
        return scorer.assign(x);
    }

    /** The first of the model's inputs that is missing in the record, for messages. */
    String missingInput(double[] record, int offset) {
        for (int j = 0; j < inputIndex.length; j++) {
            if (record[offset + inputIndex[j]] != record[offset + inputIndex[j]]) {
                return scorer.inputNames().get(j);
            }
        }
        return null;
    }

    Section encode() {
        return ModelIO.encodeNested(scorer);
    }

    static SegmentScorer decode(Section s) throws ModelFormatException {
        return ModelIO.decodeNested(s, SegmentScorer.class);
    }
}
