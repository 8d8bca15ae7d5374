/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.RawRecord;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.internal.Ntiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformProperties {

    /** Tables of 3..80 customers: skewed spend with ~15% missing, orders with ties, a region with missing. */
    @Provide
    Arbitrary<CustomerTable> tables() {
        Arbitrary<Double> spend = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(17, Arbitraries.doubles().between(0, 1e4).ofScale(2)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Double.NaN)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(5.0, 10.0, 20.0)));
        Arbitrary<Double> orders = Arbitraries.integers().between(1, 6).map(Integer::doubleValue);
        Arbitrary<String> region = Arbitraries.of("n", "s", "e", "w", "x");
        Arbitrary<Object[]> row = Combinators.combine(spend, orders, region, Arbitraries.integers().between(0, 9))
                .as((a, b, c, m) -> new Object[] {a, b, m == 0 ? null : c});
        return row.list().ofMinSize(3).ofMaxSize(80).map(rows -> {
            List<String> ids = new ArrayList<>();
            double[] s = new double[rows.size()];
            double[] o = new double[rows.size()];
            String[] r = new String[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                ids.add("c" + i);
                s[i] = (Double) rows.get(i)[0];
                o[i] = (Double) rows.get(i)[1];
                r[i] = (String) rows.get(i)[2];
            }
            // An entirely missing column cannot be imputed (a bad input with its own test); keep one value.
            boolean anySpend = false;
            for (double v : s) {
                anySpend |= !Double.isNaN(v);
            }
            if (!anySpend) {
                s[0] = 1.0;
            }
            return CustomerTable.builder(ids).numeric("spend", s).numeric("orders", o).categorical("region", r)
                    .build();
        });
    }

    static FeaturePipeline pipeline() {
        return FeaturePipeline.builder()
                .impute(Imputation.median().withMissingIndicator(), "spend")
                .impute(Imputation.constant("none"), "region")
                .winsorizeIqr(1.5, "spend")
                .quantileNormal(20, "spend")
                .robustScale(25, 75, "orders")
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER).minCount(2))
                .minMax()
                .pca(2)
                .build();
    }

    @Property(tries = 200)
    void singleRecordTransformEqualsTheBatchTransformBitForBit(@ForAll("tables") CustomerTable t) {
        FittedPipeline p = pipeline().fit(t);
        Dataset batch = p.transform(t).features();
        double[] out = new double[p.outputNames().size() + 3];
        for (int i = 0; i < t.size(); i++) {
            RawRecord r = p.newRecord().set("spend", t.numeric("spend", i)).set("orders", t.numeric("orders", i))
                    .set("region", t.category("region", i));
            p.transformRow(r.values(), 0, out, 3);
            for (int j = 0; j < p.outputNames().size(); j++) {
                assertEquals(Double.doubleToLongBits(batch.get(i, j)), Double.doubleToLongBits(out[3 + j]),
                        "row " + i + ", " + p.outputNames().get(j));
            }
        }
    }

    @Property(tries = 300)
    void quantileTransformIsMonotoneAndBounded(@ForAll @Size(min = 2, max = 60) List<@IntRange(min = -50, max = 50)
            Integer> values, @ForAll @IntRange(min = 2, max = 40) int quantiles, @ForAll boolean normal) {
        double[][] rows = new double[values.size()][1];
        for (int i = 0; i < rows.length; i++) {
            rows[i][0] = values.get(i);
        }
        Dataset x = Dataset.of(rows, List.of("v"));
        FeaturePipeline.Builder b = FeaturePipeline.builder();
        FittedPipeline p = (normal ? b.quantileNormal(quantiles) : b.quantileUniform(quantiles)).build().fit(x);
        double previous = Double.NEGATIVE_INFINITY;
        double[] out = new double[1];
        for (double v = -60; v <= 60; v += 0.25) {
            p.transformRow(new double[] {v}, 0, out, 0);
            assertTrue(out[0] >= previous, "not monotone at " + v);
            assertTrue(normal ? Math.abs(out[0]) <= 5.2 : out[0] >= 0 && out[0] <= 1, "out of range: " + out[0]);
            previous = out[0];
        }
    }

    @Property(tries = 300)
    void ntileScoresFollowTheMinimumRankRule(@ForAll @Size(min = 1, max = 50) List<@IntRange(min = 0, max = 8)
            Integer> values, @ForAll @IntRange(min = 2, max = 7) int groups) {
        int n = values.size();
        double[] keys = new double[n];
        for (int i = 0; i < n; i++) {
            keys[i] = values.get(i);
        }
        double[] cuts = Ntiles.cuts(keys, n, groups);
        for (int probe = -1; probe <= 9; probe++) {
            int below = 0;
            for (int i = 0; i < n; i++) {
                if (keys[i] < probe) {
                    below++;
                }
            }
            int expected = Math.min(groups, 1 + (groups * below) / n);
            assertEquals(expected, Ntiles.score(probe, cuts), "value " + probe);
        }
    }

    @Property(tries = 200)
    void winsorizedValuesStayWithinTheFittedBounds(@ForAll("tables") CustomerTable t) {
        CustomerTable complete = t.dropRowsWithMissing("spend").table();
        if (complete.size() < 2) {
            return;
        }
        FittedPipeline p = FeaturePipeline.builder().winsorizeQuantiles(10, 90, "spend").build()
                .fit(complete.select("spend"));
        WinsorizeStep w = (WinsorizeStep) p.steps()[0];
        double[] out = new double[1];
        for (double v = -1e5; v <= 1e5; v += 777.7) {
            p.transformRow(new double[] {v}, 0, out, 0);
            assertTrue(out[0] >= w.lower[0] && out[0] <= w.upper[0]);
        }
    }
}
