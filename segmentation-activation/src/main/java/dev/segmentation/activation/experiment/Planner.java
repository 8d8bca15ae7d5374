/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.experiment;

import dev.segmentation.activation.internal.Stats;
import dev.segmentation.core.internal.Checks;

import java.util.Locale;

/**
 * Plans a campaign test before it runs: how many customers a segment needs to detect a given lift, and what lift
 * a segment of a given size can detect, at a significance level, a power and a control share. Two-sided tests.
 * <pre>{@code
 * Planner plan = Planner.builder().alpha(0.05).power(0.8).controlShare(0.10).build();
 * Planner.Size size = plan.sizeForConversion(0.20, 0.03);  // 20% base rate, +3 points
 * double mde = plan.detectableConversionLift(0.20, 4_000); // +x points detectable with 4,000 customers
 * }</pre>
 *
 * <h2>Conversion (two proportions)</h2>
 * With control rate \( p_c \), treated rate \( p_t = p_c + \delta \), \( n_t \) treated and
 * \( n_c = r n_t \) control customers (\( r = c / (1 - c) \) for control share \( c \)), the z-test uses the
 * pooled variance under the null and the unpooled one under the alternative:
 * \( \sigma_0 = \sqrt{\bar p(1-\bar p)(1 + 1/r)} \) with \( \bar p = (p_t + r p_c)/(1 + r) \), and
 * \( \sigma_1 = \sqrt{p_t(1-p_t) + p_c(1-p_c)/r} \). The sample size is the one-tail approximation
 * \[ n_t = \left( \frac{z_{1-\alpha/2}\,\sigma_0 + z_{1-\beta}\,\sigma_1}{\delta} \right)^2 \]
 * (statsmodels {@code samplesize_proportions_2indep_onetail}); the power of a given size counts both tails,
 * \( 1 - \beta = \bar\Phi\!\left(\frac{z_{1-\alpha/2}\sigma_0 - \delta\sqrt{n_t}}{\sigma_1}\right)
 * + \Phi\!\left(\frac{-z_{1-\alpha/2}\sigma_0 - \delta\sqrt{n_t}}{\sigma_1}\right) \)
 * (statsmodels {@code power_proportions_2indep}), and the detectable lift is the \( \delta > 0 \) at which
 * that power reaches the target, found by bisection to \( 10^{-12} \).
 *
 * <h2>Revenue per customer (two means)</h2>
 * With a common standard deviation \( \sigma \) and effect size \( d = \delta / \sigma \), the power of the
 * normal-approximation test is \( \bar\Phi(z_{1-\alpha/2} - d\sqrt{m}) + \Phi(-z_{1-\alpha/2} - d\sqrt{m}) \)
 * with \( m = n_t n_c / (n_t + n_c) \) (statsmodels {@code NormalIndPower}); the size and the detectable
 * difference solve it for the target power. Revenue is usually skewed: use the standard deviation of revenue per
 * customer over a comparable past period, including the customers who spent nothing.
 *
 * <p>Sizes are rounded up to whole customers. Reference: J. L. Fleiss, B. Levin, M. C. Paik, <i>Statistical
 * Methods for Rates and Proportions</i>, 3rd ed., Wiley (2003), doi:10.1002/0471445428, ch. 4.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Planner {
    private final double alpha;
    private final double power;
    private final double control;

    private Planner(double alpha, double power, double control) {
        this.alpha = alpha;
        this.power = power;
        this.control = control;
    }

    /** A builder with alpha 0.05, power 0.8 and a 10% control share. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The customers needed (treated, control and the segment total at the control share).
     *
     * @param treated treated customers
     * @param control control customers
     * @param total customers in the segment, so that the control share gives at least both counts
     * @param exactTreated the unrounded treated count of the formula
     */
    public record Size(long treated, long control, long total, double exactTreated) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d customers (%,d treated, %,d control)", total, treated, control);
        }
    }

    private double ratio() {
        return control / (1 - control);
    }

    /**
     * The size that detects an absolute conversion lift.
     *
     * @param baselineRate the control conversion rate, in (0, 1)
     * @param lift the absolute lift \( \delta \) (0.03 is three points), with \( 0 \lt p_c + \delta \lt 1 \)
     * @throws IllegalArgumentException if a rate is outside (0, 1) or the lift is zero
     */
    public Size sizeForConversion(double baselineRate, double lift) {
        checkRates(baselineRate, lift);
        double r = ratio();
        double[] sd = proportionSds(baselineRate, lift, r);
        double zA = Stats.normalQuantile(1 - alpha / 2);
        double zB = Stats.normalQuantile(power);
        double n1 = Math.pow((zA * sd[0] + zB * sd[1]) / lift, 2);
        return size(n1, r);
    }

    /**
     * The power of the conversion test for a segment of {@code total} customers.
     *
     * @throws IllegalArgumentException if a rate is outside (0, 1), the lift is zero or the total too small
     */
    public double conversionPower(double baselineRate, double lift, long total) {
        checkRates(baselineRate, lift);
        return conversionPower(baselineRate, lift, treatedOf(total), ratio());
    }

    private double conversionPower(double p2, double diff, double n1, double r) {
        double[] sd = proportionSds(p2, diff, r);
        double crit = Stats.normalQuantile(1 - alpha / 2);
        double shift = diff * Math.sqrt(n1) / sd[1];
        double ratio = sd[0] / sd[1];
        return Stats.normalSf(crit * ratio - shift) + Stats.normalSf(crit * ratio + shift);
    }

    /**
     * The smallest absolute conversion lift that a segment of {@code total} customers detects with the target
     * power.
     *
     * @throws IllegalArgumentException if the rate is outside (0, 1), the total is too small for a control group,
     *     or no lift up to {@code 1 - baselineRate} reaches the power
     */
    public double detectableConversionLift(double baselineRate, long total) {
        if (!(baselineRate > 0 && baselineRate < 1)) {
            throw new IllegalArgumentException("baselineRate must be in (0, 1) but was " + baselineRate);
        }
        double n1 = treatedOf(total);
        double r = ratio();
        double hi = 1 - baselineRate;
        double top = Math.nextDown(hi);
        if (conversionPower(baselineRate, top, n1, r) < power) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%,d customers cannot reach power %.2f at "
                    + "any lift from a base rate of %.4f", total, power, baselineRate));
        }
        double lo = 0;
        hi = top;
        while (hi - lo > 1e-12) {
            double mid = 0.5 * (lo + hi);
            if (conversionPower(baselineRate, mid, n1, r) >= power) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * The size that detects a difference in mean revenue per customer.
     *
     * @param sd the standard deviation of revenue per customer (common to both arms), > 0
     * @param difference the difference in means to detect, != 0
     * @throws IllegalArgumentException if {@code sd} is not positive or the difference is zero or not finite
     */
    public Size sizeForMean(double sd, double difference) {
        Checks.positive("sd", sd);
        if (difference == 0 || difference - difference != 0) {
            throw new IllegalArgumentException("difference must be finite and non-zero but was " + difference);
        }
        double d = Math.abs(difference) / sd;
        double r = ratio();
        // power is increasing in n1: bisection on log scale between 1 and a size that surely suffices
        double lo = 1e-9;
        double hi = 2;
        while (meanPower(d, hi, r) < power) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-10 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (meanPower(d, mid, r) >= power) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return size(hi, r);
    }

    /**
     * The smallest difference in mean revenue per customer that a segment of {@code total} customers detects
     * with the target power, for a standard deviation {@code sd}.
     *
     * @throws IllegalArgumentException if {@code sd} is not positive or the total too small
     */
    public double detectableMeanDifference(double sd, long total) {
        Checks.positive("sd", sd);
        double n1 = treatedOf(total);
        double r = ratio();
        double lo = 0;
        double hi = 1;
        while (meanPower(hi, n1, r) < power) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (meanPower(mid, n1, r) >= power) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi * sd;
    }

    private double meanPower(double effect, double n1, double r) {
        double m = 1 / (1 / n1 + 1 / (n1 * r));
        double crit = Stats.normalQuantile(1 - alpha / 2);
        double shift = effect * Math.sqrt(m);
        return Stats.normalSf(crit - shift) + Stats.normalSf(crit + shift);
    }

    private double treatedOf(long total) {
        long nc = (long) Math.floor(total * control);
        if (total < 4 || nc < 2 || total - nc < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "A segment of %,d customers has too few "
                    + "for a control share of %.3f", total, control));
        }
        return total * (1 - control);
    }

    private Size size(double n1, double r) {
        long treated = (long) Math.ceil(n1);
        long ctrl = (long) Math.ceil(n1 * r);
        long total = Math.max((long) Math.ceil(n1 / (1 - control)), treated + ctrl);
        return new Size(treated, ctrl, total, n1);
    }

    private static double[] proportionSds(double p2, double diff, double r) {
        double p1 = p2 + diff;
        double pooled = (p1 + p2 * r) / (1 + r);
        double sd0 = Math.sqrt(pooled * (1 - pooled) + pooled * (1 - pooled) / r);
        double sd1 = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / r);
        return new double[] {sd0, sd1};
    }

    private static void checkRates(double baseline, double lift) {
        if (!(baseline > 0 && baseline < 1)) {
            throw new IllegalArgumentException("baselineRate must be in (0, 1) but was " + baseline);
        }
        double p1 = baseline + lift;
        if (lift == 0 || !(p1 > 0 && p1 < 1)) {
            throw new IllegalArgumentException("lift must be non-zero with baselineRate + lift in (0, 1) but was "
                    + lift + " (treated rate " + p1 + ")");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Planner[alpha %.3f, power %.2f, control share %.3f]", alpha, power, control);
    }

    /** Builds a {@link Planner}. */
    public static final class Builder {
        private double alpha = 0.05;
        private double power = 0.8;
        private double control = 0.10;

        private Builder() {
        }

        /** The two-sided significance level, in (0, 0.5). */
        public Builder alpha(double value) {
            alpha = Stats.alpha(value);
            return this;
        }

        /** The power, in (0.5, 1). */
        public Builder power(double value) {
            if (!(value > 0.5 && value < 1)) {
                throw new IllegalArgumentException("power must be in (0.5, 1) but was " + value);
            }
            power = value;
            return this;
        }

        /** The share of a segment held out as control, in (0, 1). */
        public Builder controlShare(double value) {
            if (!(value > 0 && value < 1)) {
                throw new IllegalArgumentException("controlShare must be in (0, 1) but was " + value);
            }
            control = value;
            return this;
        }

        /** The planner. */
        public Planner build() {
            return new Planner(alpha, power, control);
        }
    }
}
