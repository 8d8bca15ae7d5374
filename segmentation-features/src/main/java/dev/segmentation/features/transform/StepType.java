/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the pipeline and its codec know of one kind of step: the name written to the model file, which columns
 * it reads, a few traits, and how to decode a fitted step from its section of the file. Each step class
 * declares its own as {@code static final StepType TYPE}, and {@link FeaturePipelineCodec#STEP_TYPES} lists
 * them all. Immutable.
 */
final class StepType {
    /** The columns a step reads. */
    enum Columns {
        /** Numeric columns only (the default selection: every numeric column). */
        NUMERIC,
        /** Categorical columns only (the default selection: every categorical column). */
        CATEGORICAL,
        /** Columns of either type (the default selection: every column). */
        ANY
    }

    /** Properties that set a step type apart from the common case. */
    enum Trait {
        /** The type was written by layout version 1 (the first release). */
        FIRST_RELEASE,
        /** A saved step of this type may have no column (its default selection found none). */
        MAY_HAVE_NO_COLUMN,
        /** Missing values (NaN) may reach the step at fit time. */
        ACCEPTS_MISSING
    }

    /** Reads a fitted step from its section of the model file. */
    @FunctionalInterface
    interface Decoder {
        /**
         * @param st the step's section
         * @param at the section's path, for messages
         * @param columns the step's columns, checked against the input stage: present, distinct and, for a
         *     {@link Columns#NUMERIC} step, numeric
         * @param in the columns before the step
         * @throws ModelFormatException naming the parameter that is missing, of the wrong length or out of range
         */
        Step decode(Section st, String at, int[] columns, Stage in) throws ModelFormatException;
    }

    final String name;
    final Columns columns;
    final Decoder decoder;
    private final Set<Trait> traits;

    private StepType(String name, Columns columns, Decoder decoder, Set<Trait> traits) {
        this.name = name;
        this.columns = columns;
        this.decoder = decoder;
        this.traits = traits;
    }

    static StepType of(String name, Columns columns, Decoder decoder, Trait... traits) {
        Set<Trait> t = EnumSet.noneOf(Trait.class);
        for (int k = 0; k < traits.length; k++) {
            t.add(traits[k]);
        }
        return new StepType(name, columns, decoder, t);
    }

    boolean has(Trait trait) {
        return traits.contains(trait);
    }

    @Override
    public String toString() {
        return name;
    }
}
