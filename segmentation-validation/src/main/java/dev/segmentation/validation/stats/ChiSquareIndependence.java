/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stats;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.validation.ContingencyTable;
import dev.segmentation.validation.internal.TextTable;

import java.util.Locale;

/**
 * Tests of independence between two categorical variables (for example a customer attribute and the segment):
 * Pearson's chi-square test and the G-test (the likelihood-ratio test), with Cramer's V as effect size.
 * <pre>{@code
 * ChiSquareIndependence.Result r = ChiSquareIndependence.test(countryCodes, segmentLabels);
 * r.statistic(); r.pValue(); r.cramersV();
 * ChiSquareIndependence.gTest().of(countryCodes, segmentLabels).pValue();
 * }</pre>
 *
 * <h2>Definition</h2>
 * For an r x c table of counts \( O_{ij} \) with margins \( R_i \), \( C_j \) and total n, the expected counts
 * under independence are \( E_{ij} = R_i C_j / n \) and
 * \[ \chi^2 = \sum_{ij} \frac{(O_{ij} - E_{ij})^2}{E_{ij}}, \qquad df = (r - 1)(c - 1), \qquad
 *    V = \sqrt{\frac{\chi^2}{n \min(r - 1, c - 1)}} , \]
 * with the p-value \( P(\chi^2_{df} > \chi^2) \) (SciPy's {@code chi2_contingency(table, correction=False)}
 * and {@code contingency.association(method="cramer")}). With {@link #withYatesCorrection()} and df = 1, each
 * \( O_{ij} \) is first moved toward \( E_{ij} \) by \( \min(0.5, |O_{ij} - E_{ij}|) \), as SciPy's default
 * {@code correction=True} does; V always uses the uncorrected Pearson statistic.
 *
 * <h2>G-test</h2>
 * {@link #gTest()} replaces Pearson's statistic by the log-likelihood ratio (Wilks' G, Sokal and Rohlf's
 * G-test of independence),
 * \[ G = 2 \sum_{ij} O_{ij} \ln \frac{O_{ij}}{E_{ij}} , \]
 * where an empty cell contributes 0 (the limit of \( o \ln o \)), with the same degrees of freedom and
 * chi-square p-value: SciPy's {@code chi2_contingency(table, correction=False, lambda_="log-likelihood")}.
 * Asymptotically equivalent to Pearson's test; the two differ most in tables with small expected counts.
 * Cramer's V is the same as for the Pearson test.
 *
 * <h2>Edge cases and bad input</h2>
 * A variable with a single category (df = 0: nothing to test), a table with an all-zero row or column (an
 * expected count of 0), negative counts, ragged tables and label arrays of different lengths throw
 * {@link IllegalArgumentException}. Label arrays may hold any int values; -1 is a category like any other
 * (drop those rows first to leave them out).
 *
 * <p>Immutable and thread-safe. Reference: K. Pearson, "On the criterion that a given system of deviations
 * ...", Philosophical Magazine 50 (1900) 157-175, doi:10.1080/14786440009463897; H. Cramer, Mathematical
 * Methods of Statistics (1946); S. S. Wilks, "The large-sample distribution of the likelihood ratio for testing
 * composite hypotheses", Annals of Mathematical Statistics 9 (1938) 60-62, doi:10.1214/aoms/1177732360;
 * R. R. Sokal, F. J. Rohlf, Biometry, 4th ed. (Freeman, 2012), ch. 17.
 *
 * @since 0.1
 */
public final class ChiSquareIndependence {
    private static final ChiSquareIndependence PLAIN = new ChiSquareIndependence(Statistic.PEARSON, false);
    private static final ChiSquareIndependence YATES = new ChiSquareIndependence(Statistic.PEARSON, true);
    private static final ChiSquareIndependence G = new ChiSquareIndependence(Statistic.G, false);

    /** The test statistic. */
    public enum Statistic {
        /** Pearson's \( \sum (O - E)^2 / E \). */
        PEARSON,
        /** The log-likelihood ratio \( G = 2 \sum O \ln(O/E) \). */
        G
    }

    private final Statistic statistic;
    private final boolean yates;

    private ChiSquareIndependence(Statistic statistic, boolean yates) {
        this.statistic = statistic;
        this.yates = yates;
    }

    /** The G-test of independence (log-likelihood ratio), without continuity correction. */
    public static ChiSquareIndependence gTest() {
        return G;
    }

    /** The statistic this test computes. */
    public Statistic statistic() {
        return statistic;
    }

    /** The test without continuity correction. */
    public static ChiSquareIndependence plain() {
        return PLAIN;
    }

    /** The test with Yates' continuity correction for 2 x 2 tables (df = 1), as SciPy's default. */
    public static ChiSquareIndependence withYatesCorrection() {
        return YATES;
    }

    /** The uncorrected test of two labellings of the same rows. */
    public static Result test(int[] a, int[] b) {
        return PLAIN.of(a, b);
    }

    /** The uncorrected test of a table of counts. */
    public static Result test(long[][] table) {
        return PLAIN.of(table);
    }

    /**
     * The test of two labellings of the same rows.
     *
     * @throws IllegalArgumentException see the class comment
     */
    public Result of(int[] a, int[] b) {
        return of(ContingencyTable.of(a, b).toArray());
    }

    /**
     * The test of a table of counts.
     *
     * @param table r rows of c non-negative counts. Not modified.
     * @throws IllegalArgumentException see the class comment
     */
    public Result of(long[][] table) {
        Checks.notNull("table", table);
        int r = table.length;
        if (r == 0) {
            throw new IllegalArgumentException("The table is empty");
        }
        int c = Checks.notNull("table[0]", table[0]).length;
        long[] rows = new long[r];
        long[] cols = new long[c];
        long n = 0;
        for (int i = 0; i < r; i++) {
            Checks.notNull("table[" + i + "]", table[i]);
            if (table[i].length != c) {
                throw new IllegalArgumentException("Ragged table: row " + i + " has " + table[i].length
                        + " columns but row 0 has " + c);
            }
            for (int j = 0; j < c; j++) {
                long v = table[i][j];
                if (v < 0) {
                    throw new IllegalArgumentException("Negative count " + v + " at (" + i + ", " + j + ")");
                }
                rows[i] += v;
                cols[j] += v;
                n += v;
            }
        }
        if (r < 2 || c < 2) {
            throw new IllegalArgumentException("The chi-square test needs at least 2 categories in each variable "
                    + "but the table is " + r + " x " + c + " (a single category cannot be tested)");
        }
        for (int i = 0; i < r; i++) {
            if (rows[i] == 0) {
                throw new IllegalArgumentException("Row " + i + " of the table is all zero: its expected counts "
                        + "are 0");
            }
        }
        for (int j = 0; j < c; j++) {
            if (cols[j] == 0) {
                throw new IllegalArgumentException("Column " + j + " of the table is all zero: its expected "
                        + "counts are 0");
            }
        }
        int df = (r - 1) * (c - 1);
        double nd = n;
        Neumaier plain = new Neumaier();
        Neumaier corrected = new Neumaier();
        Neumaier g = new Neumaier();
        double[][] expected = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double e = (double) rows[i] * cols[j] / nd;
                expected[i][j] = e;
                double o = table[i][j];
                double diff = o - e;
                plain.add(diff * diff / e);
                if (yates && df == 1) {
                    double magnitude = Math.min(0.5, Math.abs(diff));
                    double oc = o + Math.signum(e - o) * magnitude;
                    double dc = oc - e;
                    corrected.add(dc * dc / e);
                }
                if (o > 0) {
                    g.add(2 * o * Math.log(o / e));
                }
            }
        }
        double chi2Plain = plain.value();
        double stat = statistic == Statistic.G ? Math.max(0.0, g.value())
                : yates && df == 1 ? corrected.value() : chi2Plain;
        double p = Distributions.chiSquareSurvival(stat, df);
        double v = Math.sqrt(chi2Plain / (nd * Math.min(r - 1, c - 1)));
        return new Result(statistic, stat, p, df, v, n, expected);
    }

    /** The outcome of the test. */
    public static final class Result {
        private final Statistic kind;
        private final double statistic;
        private final double pValue;
        private final int df;
        private final double cramersV;
        private final long n;
        private final double[][] expected;

        Result(Statistic kind, double statistic, double pValue, int df, double cramersV, long n,
               double[][] expected) {
            this.kind = kind;
            this.statistic = statistic;
            this.pValue = pValue;
            this.df = df;
            this.cramersV = cramersV;
            this.n = n;
            this.expected = expected;
        }

        /** Which statistic {@link #statistic()} is. */
        public Statistic kind() {
            return kind;
        }

        /** The chi-square statistic (Yates-corrected when asked and df = 1), or G for the G-test. */
        public double statistic() {
            return statistic;
        }

        /** \( P(\chi^2_{df} > \) statistic \( ) \). */
        public double pValue() {
            return pValue;
        }

        /** The degrees of freedom, (r - 1)(c - 1). */
        public int df() {
            return df;
        }

        /** Cramer's V, in [0, 1], from the uncorrected statistic. */
        public double cramersV() {
            return cramersV;
        }

        /** The number of observations. */
        public long n() {
            return n;
        }

        /** A copy of the expected counts under independence. */
        public double[][] expected() {
            double[][] out = new double[expected.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = expected[i].clone();
            }
            return out;
        }

        /** The statistic, its p-value and effect size, then the observed and expected counts. */
        public String table() {
            StringBuilder sb = new StringBuilder(TextTable.line("%s(%d) = %.6g, p = %.4g, Cramer's V = %.4f, n = %,d",
                    name(), df, statistic, pValue, cramersV, n));
            String[] header = new String[expected[0].length + 1];
            header[0] = "expected";
            for (int j = 1; j < header.length; j++) {
                header[j] = "col " + (j - 1);
            }
            TextTable t = TextTable.of(header);
            for (int i = 0; i < expected.length; i++) {
                Object[] cells = new Object[header.length];
                cells[0] = "row " + i;
                for (int j = 0; j < expected[i].length; j++) {
                    cells[j + 1] = TextTable.fmt("%.2f", expected[i][j]);
                }
                t.row(cells);
            }
            return sb.append(t.render()).toString();
        }

        private String name() {
            return kind == Statistic.G ? "G" : "chi2";
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "ChiSquare[%s(%d) = %.6g, p = %.4g, V = %.4f, n = %d]", name(), df,
                    statistic, pValue, cramersV, n);
        }
    }
}
