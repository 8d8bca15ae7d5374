/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report.internal;

import java.util.Locale;

/**
 * Numbers for people: thousands separators, percentages with one decimal, as many decimals as a value's
 * size needs, and tick labels that follow the tick step. Locale-independent ({@link Locale#ROOT}: comma
 * separators, point decimals) so that the report reads the same wherever it is built. Not API.
 */
public final class Format {
    private Format() {
    }

    /** {@code 4334 -> "4,334"}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A share as a percentage with one decimal: {@code 0.0823 -> "8.2%"}; a positive share below 0.05% prints
     * as {@code "<0.1%"} so that it is not mistaken for none; NaN prints as an en dash.
     */
    public static String percent(double share) {
        if (Double.isNaN(share)) {
            return "\u2013";
        }
        if (share > 0 && share < 0.0005) {
            return "<0.1%";
        }
        String s = String.format(Locale.ROOT, "%.1f%%", 100 * share);
        return s.equals("-0.0%") ? "0.0%" : s;
    }

    /** A relative change with its sign: {@code 0.348 -> "+34.8%"}; infinite prints as "new". */
    public static String change(double relative) {
        if (Double.isNaN(relative)) {
            return "\u2013";
        }
        if (Double.isInfinite(relative)) {
            return relative > 0 ? "new" : "gone";
        }
        String s = String.format(Locale.ROOT, "%+.1f%%", 100 * relative);
        return s.equals("-0.0%") ? "+0.0%" : s;
    }

    /**
     * A measured value with the decimals its size warrants: {@code 13178.88 -> "13,179"}, {@code 216.5 ->
     * "217"}, {@code 19.43 -> "19.4"}, {@code 1.58 -> "1.58"}, {@code 0.06671 -> "0.0667"}, without trailing
     * zeros ({@code 15.0 -> "15"}, {@code 1.50 -> "1.5"}); NaN prints as an en dash.
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "\u2013";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : "-\u221e";
        }
        double a = Math.abs(v);
        String s;
        if (a >= 100 || v == Math.rint(v)) {
            s = String.format(Locale.ROOT, "%,.0f", v);
        } else if (a >= 10) {
            s = String.format(Locale.ROOT, "%.1f", v);
        } else if (a >= 1) {
            s = String.format(Locale.ROOT, "%.2f", v);
        } else if (a >= 0.001) {
            s = String.format(Locale.ROOT, "%.3g", v);
        } else {
            s = String.format(Locale.ROOT, "%.2e", v);
        }
        if (s.indexOf('.') >= 0 && s.indexOf('e') < 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            s = s.substring(0, s.charAt(end - 1) == '.' ? end - 1 : end);
        }
        return s.startsWith("-") && isZero(s) ? s.substring(1) : s;
    }

    /** {@code v} with exactly {@code decimals} decimals and thousands separators. */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "\u2013";
        }
        String s = String.format(Locale.ROOT, "%,." + decimals + "f", v);
        return s.startsWith("-") && isZero(s) ? s.substring(1) : s;
    }

    /** A z-score or other signed quantity with two decimals: {@code "+2.08"}, {@code "-0.40"}. */
    public static String signed(double v) {
        String s = String.format(Locale.ROOT, "%+.2f", v);
        return isZero(s) ? "0.00" : s;
    }

    /** A p-value: {@code "< 0.001"} below a thousandth, else three decimals. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "\u2013";
        }
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /**
     * A tick label on an axis whose ticks are {@code step} apart: the decimals of the step and thousands
     * separators; in millions ("1.5M") when the step is 100,000 or more, in billions from a step of 10^8, so
     * that every tick of one axis has the same form.
     */
    public static String tick(double v, double step) {
        double a = Math.abs(step);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e8) {
            return fixed(v / 1e9, decimals(a / 1e9)) + "B";
        }
        if (a >= 1e5) {
            return fixed(v / 1e6, decimals(a / 1e6)) + "M";
        }
        return fixed(v, decimals(a));
    }

    /** The decimals needed to print multiples of {@code step} exactly (0 for steps of 1 or more). */
    static int decimals(double step) {
        if (!(step > 0) || step >= 1) {
            return 0;
        }
        int d = (int) Math.ceil(-Math.log10(step) - 1e-9);
        double scaled = step * Math.pow(10, d);
        if (Math.abs(scaled - Math.rint(scaled)) > 1e-6 * scaled) {
            d++;
        }
        return Math.min(d, 10);
    }

    private static boolean isZero(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }
}
