/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.internal.Checks;

import java.util.Objects;

/**
 * Options of a one-hot or ordinal encoding step: the {@link UnseenCategory} policy and the grouping of rare
 * categories into an "other" bucket.
 *
 * <p>Categories are those seen in the training rows, in code-point order (scikit-learn sorts them the same
 * way). A category is <em>rare</em> when its training count is below {@link #minCount(int)}, or below
 * {@link #minFraction(double)} times the number of training rows (scikit-learn's {@code min_frequency});
 * rare categories share the "other" bucket, placed after the frequent ones.
 *
 * <pre>{@code
 * CategoryEncoding.defaults().unseen(UnseenCategory.OTHER).minCount(30)
 * }</pre>
 *
 * <p>Immutable value object.
 *
 * @since 0.1
 */
public final class CategoryEncoding {
    private static final CategoryEncoding DEFAULTS = new CategoryEncoding(UnseenCategory.ERROR, 0, 0);

    private final UnseenCategory unseen;
    private final int minCount;
    private final double minFraction;

    private CategoryEncoding(UnseenCategory unseen, int minCount, double minFraction) {
        this.unseen = unseen;
        this.minCount = minCount;
        this.minFraction = minFraction;
    }

    /** Unseen categories are an error; no grouping. */
    public static CategoryEncoding defaults() {
        return DEFAULTS;
    }

    /** These options with another unseen-category policy. */
    public CategoryEncoding unseen(UnseenCategory policy) {
        return new CategoryEncoding(Checks.notNull("policy", policy), minCount, minFraction);
    }

    /**
     * These options, grouping categories seen fewer than {@code count} times into "other".
     *
     * @throws IllegalArgumentException if the count is below 1
     * @throws IllegalStateException if a minimum fraction is set
     */
    public CategoryEncoding minCount(int count) {
        Checks.atLeast("minCount", count, 1);
        if (minFraction > 0) {
            throw new IllegalStateException("minCount and minFraction cannot both be set");
        }
        return new CategoryEncoding(unseen, count, 0);
    }

    /**
     * These options, grouping categories whose share of the training rows is below {@code fraction} into
     * "other".
     *
     * @throws IllegalArgumentException if the fraction is not in (0, 1)
     * @throws IllegalStateException if a minimum count is set
     */
    public CategoryEncoding minFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("minFraction must be in (0, 1) but was " + fraction);
        }
        if (minCount > 0) {
            throw new IllegalStateException("minCount and minFraction cannot both be set");
        }
        return new CategoryEncoding(unseen, 0, fraction);
    }

    /** The unseen-category policy. */
    public UnseenCategory unseenPolicy() {
        return unseen;
    }

    /** Whether a category with {@code count} of {@code n} training rows is rare. */
    boolean rare(long count, long n) {
        if (minCount > 0) {
            return count < minCount;
        }
        return minFraction > 0 && count < minFraction * n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoryEncoding && unseen == ((CategoryEncoding) o).unseen
                && minCount == ((CategoryEncoding) o).minCount
                && Double.compare(minFraction, ((CategoryEncoding) o).minFraction) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(unseen, minCount, minFraction);
    }

    @Override
    public String toString() {
        return "CategoryEncoding[unseen=" + unseen + (minCount > 0 ? ", minCount=" + minCount : "")
                + (minFraction > 0 ? ", minFraction=" + minFraction : "") + "]";
    }
}
