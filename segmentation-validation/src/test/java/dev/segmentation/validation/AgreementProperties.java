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

/**
 * Invariants: relabelling leaves the agreement indices, the silhouette and the sum of squares unchanged; the fast
 * paths agree with slow ones (pair counts, the expected MI by enumeration of permutations).
 */
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
    void theInformationIndicesIgnoreNumberingAndSwapAsTheyShould(@ForAll("pairs") Pair p,
                                                                 @ForAll @IntRange(min = 0, max = 10) int s) {
        int[] a = p.a();
        int[] b = p.b();
        int[] ra = relabel(a, s);
        int[] rb = relabel(b, 3 * s);
        for (ClusterAgreement.Normalization m : ClusterAgreement.Normalization.values()) {
            double ami = ClusterAgreement.adjustedMutualInformation(a, b, m);
            assertEquals(ami, ClusterAgreement.adjustedMutualInformation(ra, rb, m), 1e-12);
            assertEquals(ami, ClusterAgreement.adjustedMutualInformation(b, a, m), 1e-12);
            assertTrue(ami <= 1 + 1e-12, "AMI " + ami);
        }
        assertEquals(ClusterAgreement.homogeneity(a, b), ClusterAgreement.completeness(b, a), 1e-15);
        assertEquals(ClusterAgreement.vMeasure(a, b), ClusterAgreement.vMeasure(ra, rb), 1e-12);
        assertEquals(ClusterAgreement.vMeasure(a, b, 2.0), ClusterAgreement.vMeasure(b, a, 0.5), 1e-12);
        if (ClusterAgreement.completeness(a, b) > 0) {
            assertEquals(ClusterAgreement.homogeneity(a, b), ClusterAgreement.vMeasure(a, b, 0.0), 1e-15);
        }
        double fmi = ClusterAgreement.fowlkesMallows(a, b);
        assertEquals(fmi, ClusterAgreement.fowlkesMallows(ra, rb), 1e-15);
        assertEquals(fmi, ClusterAgreement.fowlkesMallows(b, a), 1e-15);
        assertTrue(fmi >= 0 && fmi <= 1 + 1e-15);
        long[] pc = ClusterAgreement.pairConfusion(ContingencyTable.of(a, b));
        double tp = pc[3];
        assertEquals(tp == 0 ? 0 : tp / Math.sqrt((tp + pc[1]) * (tp + pc[2])), fmi, 1e-15);
    }

    /**
     * Vinh, Epps and Bailey's expected MI is the mean MI over every permutation of one labelling: checked by
     * enumerating all n! permutations of small labellings, independently of the hypergeometric formula.
     */
    @Property(tries = 25)
    void expectedMutualInformationIsTheMeanOverAllPermutations(@ForAll @IntRange(min = 2, max = 7) int n,
                                                               @ForAll @IntRange(min = 1, max = 3) int ka,
                                                               @ForAll @IntRange(min = 1, max = 4) int kb,
                                                               @ForAll long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(ka);
            b[i] = r.nextInt(kb);
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double[] sum = new double[2];
        permute(perm, 0, a, b, sum);
        double expected = sum[0] / sum[1];
        assertEquals(expected, ClusterAgreement.expectedMutualInformation(ContingencyTable.of(a, b)), 1e-13);
    }

    private static void permute(int[] perm, int k, int[] a, int[] b, double[] acc) {
        if (k == perm.length) {
            int[] pb = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                pb[i] = b[perm[i]];
            }
            acc[0] += ClusterAgreement.mutualInformation(a, pb);
            acc[1]++;
            return;
        }
        for (int i = k; i < perm.length; i++) {
            int t = perm[k];
            perm[k] = perm[i];
            perm[i] = t;
            permute(perm, k + 1, a, b, acc);
            perm[i] = perm[k];
            perm[k] = t;
        }
    }

    @Property(tries = 60)
    void theSumOfSquaresDecomposesAndIgnoresNumberingAndShifts(@ForAll @IntRange(min = 0, max = 1000) int seed) {
        int n = 120;
        int[] labels = new int[n];
        Dataset x = SilhouetteTest.blobs(n, 3, 4, seed, labels);
        labels[5] = -1;
        SumOfSquares ss = SumOfSquares.of(x, labels);
        assertEquals(ss.total(), ss.within() + ss.between(), 1e-12 * ss.total());
        int[] renumbered = new int[n];
        for (int i = 0; i < n; i++) {
            renumbered[i] = labels[i] < 0 ? -1 : 10 * (3 - labels[i]) + seed % 7;
        }
        SumOfSquares relabelled = SumOfSquares.of(x, renumbered);
        assertEquals(ss.within(), relabelled.within(), 1e-12 * ss.within());
        assertEquals(ss.between(), relabelled.between(), 1e-12 * ss.total());
        double[] shifted = x.toRowMajorArray();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 1e4;
        }
        SumOfSquares far = SumOfSquares.of(Dataset.ofRowMajor(shifted, n, x.columnNames()), labels);
        assertEquals(ss.total(), far.total(), 1e-9 * ss.total());
        assertEquals(ss.within(), far.within(), 1e-9 * ss.total());
        assertEquals(n - 1, Arrays.stream(ss.clusterLabels()).map(ss::size).sum());
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
