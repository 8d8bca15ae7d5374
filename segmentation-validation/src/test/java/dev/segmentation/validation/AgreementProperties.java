package dev.segmentation.validation;

import dev.segmentation.core.Dataset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants: relabelling leaves ARI, NMI and the silhouette unchanged; the fast paths agree with slow ones. */
class AgreementProperties {
    record Pair(int[] a, int[] b) {
    }

    @Provide
    Arbitrary<Pair> pairs() {
        return Arbitraries.integers().between(1, 60).flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(-1, 5).array(int[].class).ofSize(n),
                Arbitraries.integers().between(-1, 7).array(int[].class).ofSize(n)).as(Pair::new));
    }

    /** A bijective relabelling of the values -1..9. */
    static int[] relabel(int[] labels, int shift) {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((labels[i] + 1 + shift) % 11) * 3 + 100;
        }
        return out;
    }

    @Property(tries = 300)
    void ariAndNmiIgnoreHowClustersAreNumbered(@ForAll("pairs") Pair p, @ForAll @IntRange(min = 0, max = 10) int s) {
        double ari = ClusterAgreement.adjustedRandIndex(p.a(), p.b());
        double nmi = ClusterAgreement.normalizedMutualInformation(p.a(), p.b());
        assertEquals(ari, ClusterAgreement.adjustedRandIndex(relabel(p.a(), s), relabel(p.b(), 3 * s)), 1e-15);
        assertEquals(nmi, ClusterAgreement.normalizedMutualInformation(relabel(p.a(), s), p.b()), 1e-12);
        // symmetric
        assertEquals(ari, ClusterAgreement.adjustedRandIndex(p.b(), p.a()), 1e-15);
        assertEquals(nmi, ClusterAgreement.normalizedMutualInformation(p.b(), p.a()), 1e-12);
        assertEquals(1.0, ClusterAgreement.adjustedRandIndex(p.a(), relabel(p.a(), s)));
        assertTrue(nmi >= 0 && nmi <= 1 + 1e-12);
    }

    @Property(tries = 300)
    void ariEqualsTheNaivePairCount(@ForAll("pairs") Pair p) {
        int n = p.a().length;
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                boolean sameA = p.a()[i] == p.a()[j];
                boolean sameB = p.b()[i] == p.b()[j];
                if (sameA && sameB) {
                    tp++;
                } else if (sameA) {
                    fn++;
                } else if (sameB) {
                    fp++;
                } else {
                    tn++;
                }
            }
        }
        long[] pc = ClusterAgreement.pairConfusion(ContingencyTable.of(p.a(), p.b()));
        assertEquals(Arrays.toString(new long[] {tn, fp, fn, tp}), Arrays.toString(pc));
        double expected = fn == 0 && fp == 0 ? 1.0
                : 2.0 * ((double) tp * tn - (double) fn * fp) / ((double) (tp + fn) * (fn + tn) + (double) (tp + fp) * (fp + tn));
        assertEquals(expected, ClusterAgreement.adjustedRandIndex(p.a(), p.b()), 1e-12);
        double rand = n < 2 ? 1.0 : (double) (tp + tn) / (tp + tn + fp + fn);
        assertEquals(rand, ClusterAgreement.randIndex(p.a(), p.b()), 1e-15);
    }

    @Property(tries = 60)
    void silhouetteIgnoresHowClustersAreNumberedAndRowOrder(@ForAll @IntRange(min = 0, max = 1000) int seed) {
        int n = 80;
        int[] labels = new int[n];
        Dataset x = SilhouetteTest.blobs(n, 3, 3, seed, labels);
        labels[0] = 0;
        labels[1] = 1;
        labels[2] = 2;
        double s = Silhouette.score(x, labels);
        int[] permuted = new int[n];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (i * 37 + seed) % n;
        }
        int[] relabelled = relabel(labels, seed % 11);
        for (int i = 0; i < n; i++) {
            permuted[i] = relabelled[rows[i]];
        }
        assertEquals(s, Silhouette.score(x.selectRows(rows), permuted), 1e-12);
        assertEquals(DaviesBouldin.score(x, labels), DaviesBouldin.score(x.selectRows(rows), permuted), 1e-12);
        assertEquals(CalinskiHarabasz.score(x, labels), CalinskiHarabasz.score(x.selectRows(rows), permuted),
                1e-9 * CalinskiHarabasz.score(x, labels));
    }

    @Property(tries = 100)
    void contingencyCountsAddUp(@ForAll("pairs") Pair p) {
        ContingencyTable t = ContingencyTable.of(p.a(), p.b());
        long[][] m = t.toArray();
        long total = 0;
        for (int r = 0; r < t.rows(); r++) {
            long row = 0;
            for (int c = 0; c < t.cols(); c++) {
                row += m[r][c];
                assertEquals(m[r][c], t.count(r, c));
                assertEquals(m[r][c], t.countOf(t.rowLabels()[r], t.colLabels()[c]));
            }
            assertEquals(t.rowTotals()[r], row);
            total += row;
        }
        assertEquals(p.a().length, total);
        assertEquals(total, t.total());
    }
}
