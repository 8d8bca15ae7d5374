/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.report.internal.Palette;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names and colours of segments, so that a segment looks the same in every chart of a report.
 * <pre>{@code
 * SegmentStyle style = SegmentStyle.of(names);                  // colour-blind-safe palette, by label
 * SegmentStyle h1 = style.matching(namesOfAnotherModel);        // same name, same colour
 * }</pre>
 * Label {@code i} has name {@code names.get(i)}; label -1 (noise, rows in no segment) is called "noise" and
 * drawn grey. The default colours are those of Okabe and Ito (2008), distinguishable with the common
 * colour-vision deficiencies, followed by Paul Tol's muted scheme beyond eight segments; they repeat only
 * after seventeen. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SegmentStyle {
    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");
    /** The name of label -1. */
    public static final String NOISE = "noise";

    private final List<String> names;
    private final List<String> colours;

    private SegmentStyle(List<String> names, List<String> colours) {
        this.names = names;
        this.colours = colours;
    }

    /**
     * Segments with these names (label i is {@code names.get(i)}) and the default palette.
     *
     * @throws IllegalArgumentException if there are no names, or a name is null or blank
     */
    public static SegmentStyle of(List<String> names) {
        List<String> n = checkNames(names);
        List<String> c = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            c.add(Palette.categorical(i));
        }
        return new SegmentStyle(n, List.copyOf(c));
    }

    /**
     * Segments with these names and colours ({@code #RRGGBB}).
     *
     * @throws IllegalArgumentException if the sizes differ or a colour is not {@code #RRGGBB}
     */
    public static SegmentStyle of(List<String> names, List<String> colours) {
        List<String> n = checkNames(names);
        Objects.requireNonNull(colours, "colours");
        if (colours.size() != n.size()) {
            throw new IllegalArgumentException(colours.size() + " colours were given for " + n.size() + " segments");
        }
        for (int i = 0; i < colours.size(); i++) {
            String c = colours.get(i);
            if (c == null || !COLOUR.matcher(c).matches()) {
                throw new IllegalArgumentException("Colour " + i + " must be #RRGGBB but was '" + c + "'");
            }
        }
        return new SegmentStyle(n, List.copyOf(colours));
    }

    /** Default names {@code "segment 0"}, {@code "segment 1"}, ... for k segments. */
    public static SegmentStyle numbered(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        List<String> n = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            n.add("segment " + i);
        }
        return of(n);
    }

    /**
     * A style for another labelling (an earlier model, another period): a segment with a name of this style
     * gets its colour, the others get colours this style does not use.
     *
     * @throws IllegalArgumentException as {@link #of(List)}
     */
    public SegmentStyle matching(List<String> otherNames) {
        List<String> n = checkNames(otherNames);
        Set<String> used = new HashSet<>(colours);
        List<String> c = new ArrayList<>(n.size());
        int next = 0;
        for (int i = 0; i < n.size(); i++) {
            int j = names.indexOf(n.get(i));
            if (j >= 0) {
                c.add(colours.get(j));
                continue;
            }
            while (next < Palette.categoricalSize() && used.contains(Palette.categorical(next))) {
                next++;
            }
            String colour = Palette.categorical(next++);
            used.add(colour);
            c.add(colour);
        }
        return new SegmentStyle(n, List.copyOf(c));
    }

    /** The number of segments. */
    public int size() {
        return names.size();
    }

    /** The names, by label. */
    public List<String> names() {
        return names;
    }

    /**
     * The name of a label; "noise" for -1.
     *
     * @throws IllegalArgumentException if the label is out of range
     */
    public String name(int label) {
        return label == -1 ? NOISE : names.get(check(label));
    }

    /** The colour of a label ({@code #RRGGBB}); grey for -1. */
    public String colour(int label) {
        return label == -1 ? Palette.NOISE : colours.get(check(label));
    }

    private int check(int label) {
        if (label < -1 || label >= names.size()) {
            throw new IllegalArgumentException("No segment " + label + "; this style has segments 0.."
                    + (names.size() - 1));
        }
        return label;
    }

    private static List<String> checkNames(List<String> names) {
        Objects.requireNonNull(names, "names");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("At least one segment name is needed");
        }
        for (int i = 0; i < names.size(); i++) {
            String s = names.get(i);
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("Segment name " + i + " must not be blank but was '" + s + "'");
            }
        }
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return "SegmentStyle" + names;
    }
}
