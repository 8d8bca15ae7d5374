/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.RawRecord;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.SavedModel;
import dev.segmentation.features.CustomerTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The steps beyond log1p and standardize: policies, bad input, protection, persistence, allocation. */
class PipelineStepsTest {

    /** Six customers with a categorical region, missing values and a protected gender. */
    static CustomerTable crm() {
        return CustomerTable.builder(List.of("a", "b", "c", "d", "e", "f"))
                .numeric("spend", new double[] {10, 200, Double.NaN, 35, 80, 5000})
                .numeric("orders", new double[] {1, 4, 2, 1, 3, 20})
                .categorical("region", new String[] {"north", "south", "north", null, "east", "south"})
                .categorical("gender", new String[] {"f", "m", "f", "m", "x", "f"})
                .protect("gender")
                .build();
    }

    static FeaturePipeline full(UnseenCategory policy) {
        return FeaturePipeline.builder()
                .impute(Imputation.median().withMissingIndicator(), "spend")
                .impute(Imputation.mostFrequent(), "region")
                .winsorizeQuantiles(0, 90, "spend")
                .log1p("spend", "orders")
                .oneHot(CategoryEncoding.defaults().unseen(policy), "region")
                .composite(CompositeScore.named("value").component("spend", 0.7).component("orders", 0.3))
                .ntile(3, true, "orders")
                .standardize()
                .build();
    }

    @Test
    void protectedColumnsAreCarriedForAuditsAndNeverFeatures() {
        FittedPipeline p = full(UnseenCategory.ERROR).fit(crm());
        assertEquals(List.of("spend", "orders", "region"), p.inputNames());
        assertEquals(List.of("gender"), p.protectedColumns());
        assertFalse(p.outputNames().contains("gender"));
        TransformedTable t = p.transform(crm());
        assertEquals(List.of("gender"), t.audit().columnNames());
        assertArrayEquals(crm().categorical("gender"), t.audit().categorical("gender"));
        assertEquals(crm().customerIds(), t.customerIds());
        // a step may not name a protected column
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().oneHot("gender").build().fit(crm()));
        assertTrue(e.getMessage().contains("protected"), e.getMessage());
        // a pipeline can protect a column the table does not
        CustomerTable open = crm().select("spend", "orders", "gender");
        FittedPipeline q = FeaturePipeline.builder().protect("orders").impute(Imputation.mean()).standardize().build()
                .fit(open.select("spend", "orders"));
        assertEquals(List.of("spend"), q.inputNames());
        // a table that marks an input protected at transform time is refused
        FittedPipeline r = FeaturePipeline.builder().impute(Imputation.mean()).build().fit(crm().select("spend"));
        IllegalArgumentException marked = assertThrows(IllegalArgumentException.class,
                () -> r.transform(crm().select("spend").withProtected("spend")));
        assertTrue(marked.getMessage().contains("protected"), marked.getMessage());
        assertNotEquals(q.fingerprint(), FeaturePipeline.builder().impute(Imputation.mean()).standardize().build()
                .fit(open.select("spend")).fingerprint(), "protected columns enter the fingerprint");
    }

    @Test
    void unseenCategoriesAtScoringTimeFollowThePolicy() {
        CustomerTable later = CustomerTable.builder(List.of("g", "h"))
                .numeric("spend", new double[] {12, 40}).numeric("orders", new double[] {1, 2})
                .categorical("region", new String[] {"west", "north"}).build();
        FittedPipeline error = full(UnseenCategory.ERROR).fit(crm());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> error.transform(later));
        assertTrue(e.getMessage().contains("row 0") && e.getMessage().contains("region")
                && e.getMessage().contains("Unseen"), e.getMessage());
        RawRecord r = error.newRecord().set("spend", 12).set("orders", 1).set("region", "west");
        assertEquals(-1, r.values()[error.inputIndex("region")]);
        double[] out = new double[error.outputNames().size()];
        assertThrows(IllegalArgumentException.class, () -> r.transform(out));

        FittedPipeline ignore = full(UnseenCategory.IGNORE).fit(crm());
        Dataset x = ignore.transform(later).features();
        List<String> names = ignore.outputNames();
        assertEquals(List.of("spend", "orders", "region=east", "region=north", "region=south", "spend_missing",
                "value", "orders_score"), names);
        FittedPipeline other = full(UnseenCategory.OTHER).fit(crm());
        assertTrue(other.outputNames().contains("region=(other)"));
        double[] raw = other.newRecord().set("spend", 12).set("orders", 1).set("region", "west").values();
        double[] y = new double[other.outputNames().size()];
        other.transformRow(raw, 0, y, 0);
        // before standardizing, the unseen region is 1 in the other column: check through an unscaled pipeline
        FittedPipeline plain = FeaturePipeline.builder().impute(Imputation.mostFrequent())
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER)).build()
                .fit(crm().select("region"));
        double[] v = new double[plain.outputNames().size()];
        plain.transformRow(new double[] {plain.categoryCode("region", "west")}, 0, v, 0);
        assertArrayEquals(new double[] {0, 0, 0, 1}, v);
        plain.transformRow(new double[] {plain.categoryCode("region", "south")}, 0, v, 0);
        assertArrayEquals(new double[] {0, 0, 1, 0}, v);
        FittedPipeline ign = FeaturePipeline.builder().impute(Imputation.mostFrequent())
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.IGNORE)).build().fit(crm().select("region"));
        double[] w = new double[ign.outputNames().size()];
        ign.transformRow(new double[] {-1}, 0, w, 0);
        assertArrayEquals(new double[] {0, 0, 0}, w);
        FittedPipeline ord = FeaturePipeline.builder().impute(Imputation.mostFrequent())
                .ordinal(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER)).build().fit(crm().select("region"));
        double[] o = new double[1];
        ord.transformRow(new double[] {-1}, 0, o, 0);
        assertEquals(3, o[0]);
        assertThrows(IllegalArgumentException.class, () -> ord.transformRow(new double[] {0.5}, 0, o, 0));
        assertEquals(List.of("east", "north", "south"), ord.categories("region"));
        assertTrue(x.rows() == 2);
    }

    @Test
    void rareCategoriesShareTheOtherBucket() {
        CustomerTable t = CustomerTable.builder(List.of("1", "2", "3", "4", "5", "6"))
                .categorical("c", new String[] {"a", "a", "a", "b", "b", "z"}).build();
        FittedPipeline p = FeaturePipeline.builder().oneHot(CategoryEncoding.defaults().minCount(2)).build().fit(t);
        assertEquals(List.of("c=a", "c=b", "c=(other)"), p.outputNames());
        assertArrayEquals(new double[] {0, 0, 1}, p.transform(t).features().row(5));
        // an unseen category is still an error under the default policy
        assertThrows(IllegalArgumentException.class, () -> p.transformRow(new double[] {-1}, 0, new double[3], 0));
        assertThrows(IllegalStateException.class, () -> CategoryEncoding.defaults().minCount(2).minFraction(0.1));
        assertThrows(IllegalArgumentException.class, () -> CategoryEncoding.defaults().minFraction(1.5));
    }

    @Test
    void anEntirelyMissingColumnFailsImputationUnlessDroppedOrConstant() {
        CustomerTable t = CustomerTable.builder(List.of("a", "b", "c"))
                .numeric("x", new double[] {1, 2, 3})
                .numeric("empty", new double[] {Double.NaN, Double.NaN, Double.NaN})
                .numeric("half", new double[] {1, Double.NaN, Double.NaN}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().impute(Imputation.mean()).build().fit(t));
        assertTrue(e.getMessage().contains("'empty'") && e.getMessage().contains("entirely missing"), e.getMessage());
        FittedPipeline dropped = FeaturePipeline.builder().dropSparseColumns(0.5).impute(Imputation.mean()).build()
                .fit(t);
        assertEquals(List.of("x"), dropped.outputNames());
        assertEquals(Map.of("empty", 1.0, "half", 2.0 / 3), dropped.report().droppedColumns());
        assertEquals(Map.of("empty", 3L, "half", 2L), dropped.report().missingAtFit());
        FittedPipeline constant = FeaturePipeline.builder().impute(Imputation.constant(0.0)).build().fit(t);
        assertArrayEquals(new double[] {0, 0, 0}, constant.transform(t).features().column("empty"));
        // a missing value reaching a step that is not an imputer names row, column and step
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().standardize("half").build().fit(t));
        assertTrue(m.getMessage().contains("row 1") && m.getMessage().contains("'half'")
                && m.getMessage().contains("impute"), m.getMessage());
        // a column absent from the table at scoring time
        FittedPipeline p = FeaturePipeline.builder().impute(Imputation.mean()).build().fit(t.select("x", "half"));
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> p.transform(t.select("x")));
        assertTrue(absent.getMessage().contains("'half'"), absent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().dropSparseColumns(1.0));
        assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().dropSparseColumns(0).build().fit(t.select("empty")));
    }

    @Test
    void typeMistakesAreCaughtAtFitTime() {
        IllegalArgumentException cat = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().impute(Imputation.mostFrequent()).log1p("region").build()
                        .fit(crm().select("region")));
        assertTrue(cat.getMessage().contains("categorical"), cat.getMessage());
        IllegalArgumentException left = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().impute(Imputation.mostFrequent()).build().fit(crm().select("region")));
        assertTrue(left.getMessage().contains("not encoded"), left.getMessage());
        IllegalArgumentException num = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().oneHot("orders").build().fit(crm().select("orders")));
        assertTrue(num.getMessage().contains("numeric"), num.getMessage());
        IllegalArgumentException mean = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().impute(Imputation.mean(), "region").oneHot().build()
                        .fit(crm().select("region")));
        assertTrue(mean.getMessage().contains("categorical"), mean.getMessage());
        IllegalArgumentException missingCat = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().oneHot().build().fit(crm().select("region")));
        assertTrue(missingCat.getMessage().contains("row 3"), missingCat.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().pca(0));
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().pcaExplaining(1.0));
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().quantileNormal(1));
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().winsorizeQuantiles(90, 10));
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().robustScale(-1, 50));
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().minMax(1, 1));
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().winsorizeIqr(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().ntile(1, true, "a"));
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder()
                .composite(CompositeScore.named("s")));
        assertThrows(IllegalStateException.class, () -> FeaturePipeline.builder().protect("a").protect("b"));
        IllegalArgumentException pcaTooMany = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().pca(3).build().fit(Dataset.of(new double[][] {{1, 2}, {3, 5}, {4, 4}})));
        assertTrue(pcaTooMany.getMessage().contains("3 components"), pcaTooMany.getMessage());
    }

    @Test
    void compositeAndNtileScores() {
        Dataset x = Dataset.of(new double[][] {{0, 10}, {5, 10}, {10, 10}, {5, 30}},
                List.of("a", "b"));
        FittedPipeline p = FeaturePipeline.builder()
                .composite(CompositeScore.named("s").component("a", 2).component("b", 1))
                .ntile(4, true, "a").ntile(2, false, "b").build().fit(x);
        assertEquals(List.of("a", "b", "s", "a_score", "b_score"), p.outputNames());
        Dataset y = p.transform(x);
        // min-max: a in [0, 10], b in [10, 30]
        assertArrayEquals(new double[] {0, 1, 2, 2}, y.column("s"), 1e-15);
        // ties share a score: a = 5 twice -> rank(min) 2 -> 1 + floor(4 * 1 / 4) = 2
        assertArrayEquals(new double[] {1, 2, 4, 2}, y.column("a_score"));
        // lower is better for b: the three customers at 10 tie, and a tie takes the score of its lowest rank
        // (1 + floor(2 * 1 / 4) = 1), so with two groups everybody scores 1
        assertArrayEquals(new double[] {1, 1, 1, 1}, y.column("b_score"));
        FittedPipeline z = FeaturePipeline.builder()
                .composite(CompositeScore.named("s").component("a", 1).component("b", 1)
                        .normalisation(CompositeScore.Normalisation.Z_SCORE)).build().fit(x);
        double[] s = z.transform(x).column("s");
        assertEquals(0, s[0] + s[1] + s[2] + s[3], 1e-12);
        FittedPipeline constant = FeaturePipeline.builder().composite(CompositeScore.named("s").component("b", 1))
                .build().fit(x.selectRows(new int[] {0, 1, 2}));
        assertEquals(List.of("b"), constant.report().zeroVarianceColumns());
        assertArrayEquals(new double[] {0, 0, 0}, constant.transform(x.selectRows(new int[] {0, 1, 2})).column("s"));
    }

    @Test
    void transformRowAllocatesNothingForAPipelineThatChangesWidth() {
        FittedPipeline p = full(UnseenCategory.OTHER).fit(crm());
        FittedPipeline pca = FeaturePipeline.builder().impute(Imputation.median()).impute(Imputation.mostFrequent())
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.IGNORE)).standardize().pca(2).build()
                .fit(crm());
        double[][] rows = new double[6][];
        double[][] pcaRows = new double[6][];
        for (int i = 0; i < 6; i++) {
            RawRecord r = p.newRecord().set("spend", crm().numeric("spend", i)).set("orders", crm().numeric("orders", i))
                    .set("region", crm().category("region", i));
            rows[i] = r.values().clone();
            pcaRows[i] = rows[i].clone();
        }
        double[] out = new double[p.outputNames().size()];
        double[] out2 = new double[pca.outputNames().size()];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int warm = 0; warm < 200_000; warm++) {
            p.transformRow(rows[warm % 6], 0, out, 0);
            pca.transformRow(pcaRows[warm % 6], 0, out2, 0);
            sink += (long) out[0] + (long) out2[0];
        }
        long tid = Thread.currentThread().getId();
        // The steady state is the least of up to 10 rounds (on a loaded machine the optimising compiler may come
        // after the warm-up); one allocation per call would allocate megabytes in every round.
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 10 && allocated >= 4096; round++) {
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 1_000_000; i++) {
                p.transformRow(rows[i % 6], 0, out, 0);
                pca.transformRow(pcaRows[i % 6], 0, out2, 0);
                sink += (long) out[0] + (long) out2[0];
            }
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(tid) - before);
        }
        assertTrue(allocated < 4096, "transformRow allocated at least " + allocated + " bytes per 2M calls; sink "
                + sink);
        // and it gives the batch values
        Dataset batch = p.transform(crm()).features();
        for (int i = 0; i < 6; i++) {
            p.transformRow(rows[i], 0, out, 0);
            assertArrayEquals(batch.row(i), out);
        }
    }

    /** A pipeline with a step of every type. */
    static FeaturePipeline everyStep() {
        return FeaturePipeline.builder()
                .dropSparseColumns(0.5)
                .impute(Imputation.median().withMissingIndicator(), "spend")
                .impute(Imputation.constant("unknown"), "region")
                .winsorizeIqr(1.5, "spend")
                .winsorizeZScore(2, "orders")
                .log1p("spend")
                .robustScale(10, 90, "orders")
                .quantileNormal(4, "spend")
                .ordinal(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER), "region")
                .composite(CompositeScore.named("score").component("spend", 1).component("orders", -1)
                        .normalisation(CompositeScore.Normalisation.Z_SCORE))
                .ntile(5, false, "orders")
                .minMax(-1, 1)
                .pcaWhitened(2, "spend", "orders", "score")
                .drop("spend_missing")
                .build();
    }

    @Test
    void everyStepSurvivesJsonBitForBit(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        CustomerTable t = crm();
        FittedPipeline p = everyStep().fit(t);
        assertEquals(List.of("impute", "impute", "winsorize", "winsorize", "log1p", "robust", "quantile", "ordinal",
                "composite", "ntile", "minmax", "pca", "drop"), p.stepTypes().subList(1, 14));
        Path file = dir.resolve("features.json");
        ModelIO.write(p, Lineage.builder().source("unit test").build(), file);
        SavedModel saved = ModelIO.read(file);
        assertTrue(java.nio.file.Files.readString(file).contains("\"modelTypeVersion\" : 2"));
        FittedPipeline back = saved.model(FittedPipeline.class);
        assertEquals(p, back);
        assertEquals(p.fingerprint(), back.fingerprint());
        assertEquals(p.report(), back.report());
        assertEquals(p.outputNames(), back.outputNames());
        assertEquals(p.categories("region"), back.categories("region"));
        double[] a = p.transform(t).features().toRowMajorArray();
        double[] b = back.transform(t).features().toRowMajorArray();
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "value " + i);
        }
        assertEquals(p.pca().orElseThrow().toString(), back.pca().orElseThrow().toString());
        // the fingerprint is a function of the fitted parameters: fitting again gives it again
        assertEquals(p.fingerprint(), everyStep().fit(crm()).fingerprint());
    }

    @Test
    void aCategoricalColumnWithoutAnyCategoryCanBeDroppedAndSaved() throws IOException {
        CustomerTable t = CustomerTable.builder(List.of("a", "b"))
                .numeric("x", new double[] {1, 2})
                .categorical("never", new String[] {null, null}).build();
        FittedPipeline p = FeaturePipeline.builder().dropSparseColumns(0.9).build().fit(t);
        assertEquals(List.of("x"), p.outputNames());
        assertEquals(List.of(), p.categories("never"));
        FittedPipeline back = ModelIO.fromJson(ModelIO.toJson(p, Lineage.builder().build())).model(FittedPipeline.class);
        assertEquals(p, back);
    }

    @Test
    void aScorerCarriesThePipelineAndItsFingerprint() throws IOException {
        FittedPipeline p = full(UnseenCategory.OTHER).fit(crm());
        Dataset x = p.transform(crm()).features();
        dev.segmentation.core.kmeans.KMeansModel model = dev.segmentation.core.kmeans.KMeans.builder().k(2).nInit(3)
                .seed(7).build().fit(x);
        dev.segmentation.core.scoring.SegmentScorer scorer = dev.segmentation.core.scoring.SegmentScorer.of(p, model);
        String json = ModelIO.toJson(scorer, Lineage.builder().build());
        assertTrue(json.contains(p.fingerprint()), "the feature version is stored with the model");
        dev.segmentation.core.scoring.SegmentScorer back = ModelIO.fromJson(json)
                .model(dev.segmentation.core.scoring.SegmentScorer.class);
        FittedPipeline nested = (FittedPipeline) back.transform();
        assertEquals(p.fingerprint(), nested.fingerprint());
        int[] labels = model.trainingLabels();
        for (int i = 0; i < 6; i++) {
            RawRecord r = nested.newRecord().set("spend", crm().numeric("spend", i))
                    .set("orders", crm().numeric("orders", i)).set("region", crm().category("region", i));
            assertEquals(labels[i], back.assign(r.values()), "customer " + i);
        }
        RawRecord unseen = nested.newRecord().set("spend", 50).set("orders", 2).set("region", "atlantis");
        int segment = back.assign(unseen.values());
        assertTrue(segment == 0 || segment == 1);
    }

    @Test
    void fingerprintDependsOnTheCategories() {
        FittedPipeline a = FeaturePipeline.builder().impute(Imputation.mostFrequent()).oneHot().build()
                .fit(crm().select("region"));
        CustomerTable other = CustomerTable.builder(List.of("1", "2"))
                .categorical("region", new String[] {"north", "west"}).build();
        FittedPipeline b = FeaturePipeline.builder().impute(Imputation.mostFrequent()).oneHot().build().fit(other);
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertTrue(a.fingerprint().matches("[0-9a-f]{64}"));
    }
}
