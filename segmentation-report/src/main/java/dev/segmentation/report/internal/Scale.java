/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A map from data values to pixel positions, linear or base-10 logarithmic, with "nice" ticks. Not API.
 *
 * <p>Linear ticks are multiples of 1, 2 or 5 times a power of ten (Heckbert's "nice numbers", Graphics Gems,
 * 1990: the raw step, range over count, rounded to the nearest of them), so that about the requested number of
 * ticks cover the domain; {@link #nice} widens a domain
 * to the enclosing ticks. Logarithmic ticks are the powers of ten in the domain, with 2 and 5 times each when
 * the domain spans fewer than three decades. Immutable.
 */
public final class Scale {
    private final double d0;
    private final double d1;
    private final double r0;
    private final double r1;
    private final boolean log;
    /** The tick step a nice scale was widened to (its ticks keep it), or NaN. */
    private final double niceStep;

    private Scale(double d0, double d1, double r0, double r1, boolean log) {
        this(d0, d1, r0, r1, log, Double.NaN);
    }

    private Scale(double d0, double d1, double r0, double r1, boolean log, double niceStep) {
        if (!(Double.isFinite(d0) && Double.isFinite(d1))) {
            throw new IllegalArgumentException("A scale's domain must be finite but was [" + d0 + ", " + d1 + "]");
        }
        if (log && !(d0 > 0 && d1 > 0)) {
            throw new IllegalArgumentException("A log scale's domain must be positive but was [" + d0 + ", " + d1
                    + "]");
        }
        this.d0 = d0;
        this.d1 = d1 == d0 ? d0 + 1 : d1;
        this.r0 = r0;
        this.r1 = r1;
        this.log = log;
        this.niceStep = niceStep;
    }

    /** A linear map of {@code [d0, d1]} onto {@code [r0, r1]} (a zero-width domain is widened by one). */
    public static Scale linear(double d0, double d1, double r0, double r1) {
        return new Scale(d0, d1, r0, r1, false);
    }

    /** A base-10 logarithmic map of the positive domain {@code [d0, d1]} onto {@code [r0, r1]}. */
    public static Scale log(double d0, double d1, double r0, double r1) {
        return new Scale(d0, d1, r0, r1, true);
    }

    /**
     * A linear scale over {@code [lo, hi]} widened to the enclosing nice ticks (about {@code ticks} of them).
     */
    public static Scale nice(double lo, double hi, double r0, double r1, int ticks) {
        if (hi == lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = step(lo, hi, ticks);
        return new Scale(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, r0, r1, false,
                step);
    }

    /** A log scale over {@code [lo, hi]} widened to the enclosing powers of ten. */
    public static Scale niceLog(double lo, double hi, double r0, double r1) {
        return log(Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi) - 1e-12)), r0, r1);
    }

    /** The pixel position of a value (values outside the domain map outside the range). */
    public double map(double v) {
        if (log) {
            double t = (Math.log10(Math.max(v, Double.MIN_NORMAL)) - Math.log10(d0))
                    / (Math.log10(d1) - Math.log10(d0));
            return r0 + t * (r1 - r0);
        }
        return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
    }

    /** The value at one end of the domain. */
    public double domainMin() {
        return d0;
    }

    /** The value at the other end of the domain. */
    public double domainMax() {
        return d1;
    }

    /** Whether the scale is logarithmic. */
    public boolean isLog() {
        return log;
    }

    /** About {@code count} tick values inside the domain, increasing. */
    public double[] ticks(int count) {
        List<Double> out = new ArrayList<>();
        if (log) {
            int e0 = (int) Math.floor(Math.log10(d0) + 1e-9);
            int e1 = (int) Math.floor(Math.log10(d1) + 1e-9);
            boolean fine = e1 - e0 < 3;
            for (int e = e0; e <= e1; e++) {
                double p = Math.pow(10, e);
                double[] mult = fine ? new double[] {1, 2, 5} : new double[] {1};
                for (int m = 0; m < mult.length; m++) {
                    double v = mult[m] * p;
                    if (v >= d0 * (1 - 1e-9) && v <= d1 * (1 + 1e-9)) {
                        out.add(v);
                    }
                }
            }
        } else {
            double step = tickStep(count);
            double first = Math.ceil(d0 / step - 1e-9) * step;
            for (int i = 0; ; i++) {
                double v = first + i * step;
                if (v > d1 + step * 1e-9) {
                    break;
                }
                out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
            }
        }
        double[] t = new double[out.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = out.get(i);
        }
        return t;
    }

    /**
     * The distance between linear ticks (the step used by {@link #ticks}: for a {@link #nice} scale the step it
     * was widened to, whatever the count); for a log scale, NaN.
     */
    public double tickStep(int count) {
        return log ? Double.NaN : Double.isNaN(niceStep) ? step(d0, d1, count) : niceStep;
    }

    /** The nice step for about {@code count} ticks over {@code [lo, hi]}. */
    static double step(double lo, double hi, int count) {
        double raw = Math.abs(hi - lo) / Math.max(1, count);
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * p;
    }

    /** A tick's label: {@link Format#tick} with this scale's step (log ticks print as plain numbers). */
    public String label(double v, int count) {
        return log ? Format.number(v) : Format.tick(v, tickStep(count));
    }
}
