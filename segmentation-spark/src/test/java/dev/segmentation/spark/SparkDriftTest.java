/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.Dataset;
import dev.segmentation.validation.drift.DriftMonitor;
import dev.segmentation.validation.drift.DriftReport;
import dev.segmentation.validation.drift.PopulationStabilityIndex;
import dev.segmentation.validation.stability.Migration;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Distributed drift against the validation module's DriftReport on the same rows. */
class SparkDriftTest {
    static final List<String> F = List.of("x", "count");
    private static SparkSession spark;
    private static double[][] ref;
    private static double[][] cur;
    private static int[] refSeg;
    private static int[] curSeg;

    @BeforeAll
    static void data() {
        spark = SparkTestSession.get();
        SplittableRandom r = new SplittableRandom(5);
        ref = new double[7_001][];
        cur = new double[6_003][];
        refSeg = new int[ref.length];
        curSeg = new int[cur.length];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = new double[] {r.nextGaussian(), r.nextInt(4)}; // a count with fewer values than bins
            refSeg[i] = r.nextInt(10) == 0 ? -1 : r.nextInt(4);
        }
        for (int i = 0; i < cur.length; i++) {
            cur[i] = new double[] {0.3 + 1.2 * r.nextGaussian(), r.nextInt(5)};
            curSeg[i] = r.nextInt(3) + (r.nextInt(7) == 0 ? 2 : 0);
        }
    }

    static org.apache.spark.sql.Dataset<Row> frame(double[][] x, int[] seg, int partitions) {
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            list.add(RowFactory.create("c" + i, x[i][0], (int) x[i][1], seg[i]));
        }
        StructType s = new StructType().add("id", DataTypes.StringType).add("x", DataTypes.DoubleType)
                .add("count", DataTypes.IntegerType).add("segment", DataTypes.IntegerType);
        return spark.createDataFrame(list, s).repartition(partitions);
    }

    @Test
    void psiSegmentMixAndSizesEqualTheSingleJvmReport() {
        for (PopulationStabilityIndex.EdgeRule rule : PopulationStabilityIndex.EdgeRule.values()) {
            DriftReport single = DriftMonitor.builder().psiEdgeRule(rule).build()
                    .compare(Dataset.of(ref, F), refSeg, Dataset.of(cur, F), curSeg);
            SparkDrift.Report spark = SparkDrift.of(10, rule, PopulationStabilityIndex.DEFAULT_EPSILON)
                    .compare(frame(ref, refSeg, 3), frame(cur, curSeg, 2), F, "segment");
            for (String f : F) {
                PopulationStabilityIndex.Result a = single.feature(f).psi();
                SparkDrift.FeaturePsi b = spark.feature(f);
                assertArrayEquals(a.edges(), b.edges(), 0.0, f + " " + rule);
                assertArrayEquals(a.referenceCounts(), b.referenceCounts(), f);
                assertArrayEquals(a.currentCounts(), b.currentCounts(), f);
                assertEquals(a.value(), b.psi().value(), 0.0, f + " " + rule);
                assertEquals(a.band(), b.psi().band());
            }
            PopulationStabilityIndex.Result mix = single.segmentMix().orElseThrow();
            assertEquals(mix.value(), spark.segmentMix().orElseThrow().value(), 0.0);
            assertArrayEquals(mix.categories(), spark.mixCategories());
            assertEquals(single.segments().size(), spark.segments().size());
            for (int s = 0; s < single.segments().size(); s++) {
                DriftReport.SegmentDrift a = single.segments().get(s);
                DriftReport.SegmentDrift b = spark.segments().get(s);
                assertEquals(a.label(), b.label());
                assertEquals(a.referenceCount(), b.referenceCount());
                assertEquals(a.currentCount(), b.currentCount());
                assertEquals(a.referenceShare(), b.referenceShare(), 0.0);
                assertEquals(a.currentShare(), b.currentShare(), 0.0);
                assertEquals(a.relativeChange(), b.relativeChange(), 0.0);
                assertArrayEquals(a.featureShifts(), b.featureShifts(), 1e-12);
                assertEquals(a.centroidShift(), b.centroidShift(), 1e-12);
            }
        }
    }

    @Test
    void migrationMatrixEqualsTheSingleJvmMigration() {
        int n = Math.min(ref.length, cur.length);
        int[] before = java.util.Arrays.copyOf(refSeg, n);
        int[] after = java.util.Arrays.copyOf(curSeg, n);
        Migration m = Migration.between(before, after);
        SparkDrift.MigrationMatrix s = SparkDrift.defaults().migration(frame(ref, refSeg, 2),
                frame(cur, curSeg, 3), "id", "segment");
        assertArrayEquals(m.fromSegments(), s.fromSegments());
        assertArrayEquals(m.toSegments(), s.toSegments());
        for (int i = 0; i < m.fromSegments().length; i++) {
            assertArrayEquals(m.counts()[i], s.counts()[i]);
        }
        assertEquals(m.total(), s.total());
        assertEquals(m.moved(), s.moved());
    }

    @Test
    void anEmptyPeriodOrAWrongSegmentTypeIsRejected() {
        org.apache.spark.sql.Dataset<Row> r = frame(ref, refSeg, 2);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> SparkDrift.defaults().compare(r, r.limit(0), F, "segment"));
        assertEquals("The current period has no rows", empty.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> SparkDrift.defaults().compare(r, r.withColumn("segment", r.col("segment").cast("double")), F,
                        "segment"));
        assertTrue(type.getMessage().startsWith("Column 'segment' (segment) must be int but is double"),
                type.getMessage());
    }

    /** Finite values whose sums or squares leave the double range give finite figures or a precise refusal. */
    @Test
    void extremeFiniteValuesGiveFiniteShiftsOrAPreciseRefusal() {
        double[][] r = new double[10][];
        double[][] c = new double[10][];
        int[] seg = new int[10];
        for (int i = 0; i < 10; i++) {
            seg[i] = i < 2 ? 0 : 1;
            r[i] = new double[] {i < 2 ? 1.7e308 : 1e200, i % 3};
            c[i] = new double[] {i < 2 ? 1.6e308 : 3e200, i % 2};
        }
        SparkDrift.Report rep = SparkDrift.defaults().compare(frame(r, seg, 2), frame(c, seg, 2), F, "segment");
        DriftReport.SegmentDrift s0 = rep.segments().get(0);
        assertEquals(-1e307, s0.featureShifts()[0], 1e293);
        assertEquals(Math.hypot(s0.featureShifts()[0], s0.featureShifts()[1]), s0.centroidShift(), 1e293);
        DriftReport.SegmentDrift s1 = rep.segments().get(1);
        assertEquals(2e200, s1.centroidShift(), 2e186); // its square, 4e400, is not a double
        for (int i = 0; i < 10; i++) {
            r[i][0] = i < 5 ? -1e308 : 1e308; // b - a of the cut between ranks 4 and 5 overflows
        }
        SparkDrift.FeaturePsi wide = SparkDrift.defaults().compare(frame(r, seg, 1), frame(c, seg, 1), F, null)
                .feature("x");
        DriftReport single = DriftMonitor.builder().build().compare(Dataset.of(r, F), seg, Dataset.of(c, F), seg);
        assertArrayEquals(single.feature("x").psi().edges(), wide.edges(), 0.0);
        assertTrue(java.util.Arrays.stream(wide.edges()).allMatch(Double::isFinite), () ->
                java.util.Arrays.toString(wide.edges()));
        assertEquals(single.feature("x").psi().value(), wide.psi().value(), 0.0);
    }
}
