package dev.segmentation.report;

/**
 * The number of data marks each chart of {@link ReportFixture} must draw, counted from the inputs alone (not
 * from the chart code): bars, points, cells, boxes, links or flows.
 */
final class ExpectedMarks {
    private ExpectedMarks() {
    }

    static int of(ReportFixture f, String chartId) {
        int k = ReportFixture.K;
        int d = ReportFixture.COLUMNS.size();
        switch (chartId) {
            case "sizes":
                return 2 * k;                                   // customers and revenue bar per segment
            case "profile-heatmap":
                return k * d;                                   // one cell per segment and feature
            case "box-recency-days":
            case "box-frequency":
            case "box-monetary":
                return k;                                       // one box per (non-empty) segment
            case "k-inertia":
            case "k-gap":
                return f.sweep.ks().length;                     // one point per k
            case "k-silhouette":
                return finite(f.sweep.silhouette());
            case "k-bic":
                return finite(f.mixtureSweep.bic().orElseThrow());
            case "projection":
                return f.projection.points() + f.projection.centres();
            case "segment-tree":
                return k - 1;                                   // k leaves, k - 1 merges
            case "dendrogram":
                return Math.min(12, f.hierarchy.dendrogram().leaves()) - 1;
            case "bootstrap-jaccard":
                return f.stability.clusterLabels().length;
            case "migration-heatmap":
                return f.migration.fromSegments().length * f.migration.toSegments().length;
            case "migration-flow":
                return nonZero(f.migration.counts());
            case "drift-psi":
                return f.drift.features().size() + (f.drift.segmentMix().isPresent() ? 1 : 0);
            case "drift-segment-mix":
                return 2 * f.drift.segments().size();
            case "composition": {
                int n = 0;
                for (int p = 0; p < f.composition.periods().size(); p++) {
                    long[] c = f.composition.counts(p);
                    for (int s = 0; s < c.length; s++) {
                        n += c[s] > 0 ? 1 : 0;
                    }
                    n += f.composition.noise(p) > 0 ? 1 : 0;
                }
                return n;
            }
            default:
                throw new IllegalArgumentException("No expectation for chart " + chartId);
        }
    }

    private static int finite(double[] v) {
        int n = 0;
        for (double x : v) {
            n += Double.isFinite(x) ? 1 : 0;
        }
        return n;
    }

    private static int nonZero(long[][] m) {
        int n = 0;
        for (long[] row : m) {
            for (long v : row) {
                n += v > 0 ? 1 : 0;
            }
        }
        return n;
    }
}
