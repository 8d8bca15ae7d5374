/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.internal.Checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A composite score: a weighted sum of normalised columns, appended as a new column by
 * {@link FeaturePipeline.Builder#composite(CompositeScore)}, for example an engagement or value score
 * \[ s = \sum_j w_j \, \frac{x_j - a_j}{b_j} \]
 * where \( a_j, b_j \) are fitted per component: the training minimum and range
 * ({@link Normalisation#MIN_MAX}, components in \( [0, 1] \) on the training data) or the mean and the
 * population standard deviation ({@link Normalisation#Z_SCORE}). A component that is constant at fit time
 * contributes 0.
 *
 * <pre>{@code
 * CompositeScore value = CompositeScore.named("value_score")
 *     .component("frequency", 0.4).component("monetary", 0.6)
 *     .normalisation(CompositeScore.Normalisation.MIN_MAX);
 * }</pre>
 *
 * <p>Immutable value object; each wither returns a new instance.
 *
 * @since 0.1
 */
public final class CompositeScore {
    /** How each component is normalised before weighting. */
    public enum Normalisation {
        /** \( (x - \min) / (\max - \min) \) over the training rows. */
        MIN_MAX("minmax"),
        /** \( (x - \mu) / \sigma \) with the population standard deviation of the training rows. */
        Z_SCORE("zscore");

        final String id;

        Normalisation(String id) {
            this.id = id;
        }

        static Normalisation of(String id) {
            Normalisation[] all = values();
            for (int i = 0; i < all.length; i++) {
                if (all[i].id.equals(id)) {
                    return all[i];
                }
            }
            return null;
        }
    }

    private final String name;
    private final List<String> columns;
    private final List<Double> weights;
    private final Normalisation normalisation;

    private CompositeScore(String name, List<String> columns, List<Double> weights, Normalisation normalisation) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.weights = List.copyOf(weights);
        this.normalisation = normalisation;
    }

    /**
     * A score with no components yet, min-max normalised.
     *
     * @param name the output column's name
     * @throws IllegalArgumentException if the name is blank
     */
    public static CompositeScore named(String name) {
        Checks.notNull("name", name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("A composite score needs a name");
        }
        return new CompositeScore(name, List.of(), List.of(), Normalisation.MIN_MAX);
    }

    /**
     * This score with one more component.
     *
     * @throws IllegalArgumentException if the column is blank or already a component, or the weight is not
     *     finite
     */
    public CompositeScore component(String column, double weight) {
        Checks.notNull("column", column);
        if (column.isBlank()) {
            throw new IllegalArgumentException("A component column must not be blank");
        }
        if (columns.contains(column)) {
            throw new IllegalArgumentException("Column '" + column + "' is already a component of " + name);
        }
        if (weight - weight != 0) {
            throw new IllegalArgumentException("The weight of '" + column + "' must be finite but was " + weight);
        }
        List<String> c = new ArrayList<>(columns);
        c.add(column);
        List<Double> w = new ArrayList<>(weights);
        w.add(weight);
        return new CompositeScore(name, c, w, normalisation);
    }

    /** This score with another normalisation. */
    public CompositeScore normalisation(Normalisation value) {
        return new CompositeScore(name, columns, weights, Checks.notNull("normalisation", value));
    }

    /** The output column name. */
    public String name() {
        return name;
    }

    /** The component columns, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The weights, in component order. */
    public double[] weights() {
        double[] w = new double[weights.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = weights.get(k);
        }
        return w;
    }

    /** The normalisation. */
    public Normalisation normalisationKind() {
        return normalisation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompositeScore && name.equals(((CompositeScore) o).name)
                && columns.equals(((CompositeScore) o).columns) && weights.equals(((CompositeScore) o).weights)
                && normalisation == ((CompositeScore) o).normalisation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, columns, weights, normalisation);
    }

    @Override
    public String toString() {
        return "CompositeScore[" + name + " = " + normalisation + " " + columns + " x " + weights + "]";
    }
}
