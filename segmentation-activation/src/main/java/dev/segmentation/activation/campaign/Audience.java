/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The customers a {@link Campaign} may contact, and who was removed by which criterion. Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class Audience {
    private final String campaign;
    private final List<String> population;
    private final boolean[] selected;
    private final String[] removedBy;
    private final List<Step> steps;
    private final int size;

    Audience(String campaign, List<String> population, boolean[] selected, String[] removedBy, List<Step> steps) {
        this.campaign = campaign;
        this.population = List.copyOf(population);
        this.selected = selected;
        this.removedBy = removedBy;
        this.steps = List.copyOf(steps);
        int s = 0;
        for (boolean b : selected) {
            s += b ? 1 : 0;
        }
        this.size = s;
    }

    /**
     * One criterion's effect.
     *
     * @param criterion its name
     * @param kind its kind
     * @param rule what it tests, in words
     * @param removed customers it removed that no earlier criterion had removed
     * @param removedUnknown of those, the ones an inclusion criterion removed because its condition was unknown
     *     (a missing value)
     * @param removedAlone customers it would remove if it were the only criterion
     * @param remaining customers left after it
     */
    public record Step(String criterion, Campaign.Kind kind, String rule, long removed, long removedUnknown,
                       long removedAlone, long remaining) {
    }

    /** The campaign name. */
    public String campaign() {
        return campaign;
    }

    /** The number of customers considered. */
    public int populationSize() {
        return population.size();
    }

    /** The number of customers selected. */
    public int size() {
        return size;
    }

    /** The selected customer ids, in the population's order. */
    public List<String> customerIds() {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < selected.length; i++) {
            if (selected[i]) {
                out.add(population.get(i));
            }
        }
        return out;
    }

    /** Whether the customer of population row {@code i} is selected. */
    public boolean isSelected(int i) {
        return selected[i];
    }

    /** The rows of the selected customers in the population, ascending. */
    public int[] selectedRows() {
        int[] out = new int[size];
        int k = 0;
        for (int i = 0; i < selected.length; i++) {
            if (selected[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** The criterion that removed the customer of population row {@code i}, if any. */
    public Optional<String> removedBy(int i) {
        return Optional.ofNullable(removedBy[i]);
    }

    /** The criteria in order, with their counts. */
    public List<Step> steps() {
        return steps;
    }

    /**
     * The waterfall as text:
     * <pre>
     *   population                                   4,334
     *   - no marketing consent        suppress         215  (alone 215)   4,119
     * </pre>
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-40s %9s %22s %10s%n", "campaign '" + campaign + "'", "removed",
                "if it were alone", "remaining"));
        sb.append(String.format(Locale.ROOT, "  %-40s %9s %22s %,10d%n", "population", "", "", population.size()));
        for (Step s : steps) {
            String unknown = s.removedUnknown > 0 ? String.format(Locale.ROOT, " (%,d unknown)", s.removedUnknown) : "";
            sb.append(String.format(Locale.ROOT, "  - %-38s %,9d %22s %,10d  %s%s%n", cut(s.criterion, 38), s.removed,
                    String.format(Locale.ROOT, "%,d", s.removedAlone), s.remaining, s.rule, unknown));
        }
        sb.append(String.format(Locale.ROOT, "  %-40s %9s %22s %,10d%n", "audience", "", "", size));
        return sb.toString();
    }

    private static String cut(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "~";
    }

    @Override
    public String toString() {
        return "Audience[" + campaign + ", " + size + " of " + population.size() + "]";
    }
}
