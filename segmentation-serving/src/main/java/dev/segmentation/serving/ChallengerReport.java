/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a challenger model answered live traffic compared with the champion, before it is promoted: the share of
 * records both put in the same segment, the migration matrix (champion segment by challenger segment) and the
 * population stability index of the segment mix.
 *
 * <h2>Definitions</h2>
 * Segments are matched by name (each version numbers its own). With n records compared:
 * <ul>
 *   <li>agreement rate = (records whose two segment names are equal) / n;</li>
 *   <li>PSI = \( \sum_s (h_s - c_s) \ln (h_s / c_s) \) over the union of segment names, with \( c_s \) and
 *       \( h_s \) the champion's and the challenger's shares; a share of zero is replaced by
 *       \( \varepsilon = 10^{-4} \), as in the validation module's {@code PopulationStabilityIndex}. Below 0.1 the
 *       mix is stable, 0.1 to 0.25 a moderate shift, above 0.25 a significant one (Siddiqi 2006).</li>
 * </ul>
 * Answers that are not a segment of the model (fallback segments of the policy) are counted under
 * {@value Shadow#POLICY_BUCKET}; in the PSI every policy segment counts under that one name. With n = 0 the rate
 * and the PSI are NaN.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class ChallengerReport {
    /** The share that replaces a zero share in the PSI. */
    public static final double EPSILON = 1e-4;

    private final String championVersion;
    private final String challengerVersion;
    private final long compared;
    private final long agreed;
    private final List<String> championSegments;
    private final List<String> challengerSegments;
    private final long[][] matrix;

    ChallengerReport(String championVersion, String challengerVersion, long compared, long agreed,
                     List<String> championSegments, List<String> challengerSegments, long[][] matrix) {
        this.championVersion = championVersion;
        this.challengerVersion = challengerVersion;
        this.compared = compared;
        this.agreed = agreed;
        this.championSegments = List.copyOf(championSegments);
        this.challengerSegments = List.copyOf(challengerSegments);
        this.matrix = matrix;
    }

    /** The champion's version. */
    public String championVersion() {
        return championVersion;
    }

    /** The challenger's version. */
    public String challengerVersion() {
        return challengerVersion;
    }

    /** The number of records both scored. */
    public long compared() {
        return compared;
    }

    /** The share of records put in a segment of the same name, NaN before the first record. */
    public double agreementRate() {
        return compared == 0 ? Double.NaN : (double) agreed / compared;
    }

    /** The row labels of {@link #migration()}: the champion's segment names, then the policy bucket. */
    public List<String> championSegments() {
        return championSegments;
    }

    /** The column labels of {@link #migration()}: the challenger's segment names, then the policy bucket. */
    public List<String> challengerSegments() {
        return challengerSegments;
    }

    /** A copy of the migration counts: row = champion segment, column = challenger segment. */
    public long[][] migration() {
        long[][] out = new long[matrix.length][];
        for (int r = 0; r < matrix.length; r++) {
            out[r] = matrix[r].clone();
        }
        return out;
    }

    /** The PSI of the challenger's segment mix against the champion's (see the class documentation). */
    public double segmentMixPsi() {
        if (compared == 0) {
            return Double.NaN;
        }
        Map<String, long[]> byName = new LinkedHashMap<>();
        for (int r = 0; r < matrix.length; r++) {
            for (int c = 0; c < matrix[r].length; c++) {
                byName.computeIfAbsent(championSegments.get(r), x -> new long[2])[0] += matrix[r][c];
                byName.computeIfAbsent(challengerSegments.get(c), x -> new long[2])[1] += matrix[r][c];
            }
        }
        double psi = 0;
        for (long[] counts : byName.values()) {
            double ref = counts[0] == 0 ? EPSILON : (double) counts[0] / compared;
            double cur = counts[1] == 0 ? EPSILON : (double) counts[1] / compared;
            psi += (cur - ref) * Math.log(cur / ref);
        }
        return psi;
    }

    /** One line: versions, records, agreement and PSI. */
    public String summary() {
        return String.format(Locale.ROOT, "challenger %s against champion %s on %,d records: agreement %.1f%%, "
                + "segment-mix PSI %.4f", challengerVersion, championVersion, compared, 100 * agreementRate(),
                segmentMixPsi());
    }

    /** The summary and the migration matrix as a plain-text table (rows: champion, columns: challenger). */
    public String table() {
        StringBuilder b = new StringBuilder(summary()).append('\n');
        int w = 10;
        List<String> cols = new ArrayList<>(challengerSegments);
        for (String c : cols) {
            w = Math.max(w, Math.min(c.length(), 22));
        }
        int first = 22;
        for (String r : championSegments) {
            first = Math.max(first, r.length());
        }
        b.append(String.format(Locale.ROOT, "  %-" + first + "s", "champion \\ challenger"));
        for (String c : cols) {
            b.append(String.format(Locale.ROOT, " %" + w + "s", c.length() > w ? c.substring(0, w) : c));
        }
        b.append('\n');
        for (int r = 0; r < matrix.length; r++) {
            b.append(String.format(Locale.ROOT, "  %-" + first + "s", championSegments.get(r)));
            for (int c = 0; c < matrix[r].length; c++) {
                b.append(String.format(Locale.ROOT, " %," + w + "d", matrix[r][c]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "ChallengerReport[" + summary() + "]";
    }
}
