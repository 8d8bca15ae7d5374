/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.report.internal.Format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One extra figure per segment for the segment cards, from any source: the expected value of a customer from a
 * CLV model, the measured lift of a campaign, a churn rate. The report prints it without knowing where it
 * came from, so modules that compute such figures need no dependency on the report (and the report none on
 * them).
 * <pre>{@code
 * SegmentFigure value = SegmentFigure.amount("expected value per customer, next 12 months", clvBySegment, "GBP");
 * SegmentFigure lift = SegmentFigure.percent("measured lift of the spring campaign", liftBySegment)
 *     .withNotes(List.of("p = 0.003", "p = 0.21", "not targeted", "p < 0.001", "p = 0.04"));
 * }</pre>
 * A segment without the figure has NaN; its card then shows no line for it. Immutable.
 *
 * @since 0.1
 */
public final class SegmentFigure {
    /** How the values are printed. */
    public enum Kind {
        /** An amount or count with a unit: {@code 1,234 GBP}. */
        AMOUNT,
        /** A share or rate printed as a percentage: {@code 0.052 -> 5.2%}. */
        PERCENT,
        /** A relative change printed with its sign: {@code 0.052 -> +5.2%}. */
        CHANGE
    }

    private final String label;
    private final Kind kind;
    private final String unit;
    private final double[] values;
    private final List<String> notes;

    private SegmentFigure(String label, Kind kind, String unit, double[] values, List<String> notes) {
        this.label = label;
        this.kind = kind;
        this.unit = unit;
        this.values = values;
        this.notes = notes;
    }

    /**
     * An amount per segment (by label).
     *
     * @param unit printed after each value, or "" for none
     * @throws IllegalArgumentException if the label is blank or there are no values; infinite values are
     *     rejected (NaN means "none for this segment")
     */
    public static SegmentFigure amount(String label, double[] values, String unit) {
        return new SegmentFigure(checkLabel(label), Kind.AMOUNT, Objects.requireNonNull(unit, "unit"),
                checkValues(label, values), List.of());
    }

    /** A share or rate per segment, printed as a percentage. */
    public static SegmentFigure percent(String label, double[] values) {
        return new SegmentFigure(checkLabel(label), Kind.PERCENT, "", checkValues(label, values), List.of());
    }

    /** A relative change (a lift over a control group, say) per segment, printed with its sign. */
    public static SegmentFigure change(String label, double[] values) {
        return new SegmentFigure(checkLabel(label), Kind.CHANGE, "", checkValues(label, values), List.of());
    }

    /**
     * This figure with a short note per segment printed after the value (a confidence interval, a p-value,
     * "not targeted"); an empty note prints nothing.
     *
     * @throws IllegalArgumentException if there is not one note per value
     */
    public SegmentFigure withNotes(List<String> perSegment) {
        Objects.requireNonNull(perSegment, "perSegment");
        if (perSegment.size() != values.length) {
            throw new IllegalArgumentException(perSegment.size() + " notes were given for " + values.length
                    + " segments of '" + label + "'");
        }
        List<String> n = new ArrayList<>(perSegment.size());
        for (int i = 0; i < perSegment.size(); i++) {
            n.add(perSegment.get(i) == null ? "" : perSegment.get(i));
        }
        return new SegmentFigure(label, kind, unit, values, Collections.unmodifiableList(n));
    }

    /** What the figure is. */
    public String label() {
        return label;
    }

    /** How it is printed. */
    public Kind kind() {
        return kind;
    }

    /** The number of segments it has a value for (its length; NaN entries included). */
    public int segments() {
        return values.length;
    }

    /** The value of a segment, NaN when it has none. */
    public double value(int segment) {
        return values[segment];
    }

    /** The value as printed on a card, or "" when the segment has none. */
    public String formatted(int segment) {
        double v = values[segment];
        if (Double.isNaN(v)) {
            return "";
        }
        String s = kind == Kind.PERCENT ? Format.percent(v) : kind == Kind.CHANGE ? Format.change(v)
                : Format.number(v) + (unit.isEmpty() ? "" : " " + unit);
        String note = notes.isEmpty() ? "" : notes.get(segment);
        return note.isEmpty() ? s : s + " (" + note + ")";
    }

    private static String checkLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("A figure's label must not be blank but was '" + label + "'");
        }
        return label;
    }

    private static double[] checkValues(String label, double[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("Figure '" + label + "' has no values");
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("Figure '" + label + "' has value " + values[i] + " for segment " + i
                        + "; use NaN for a segment without one");
            }
        }
        return values.clone();
    }

    @Override
    public String toString() {
        return "SegmentFigure[" + label + ", " + kind + ", " + Arrays.toString(values) + "]";
    }
}
