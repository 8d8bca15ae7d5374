/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.serving.internal.Hashing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service is configured to send to its model: the raw input fields by name, which of them are
 * categorical, and optionally the exact feature pipeline it expects. {@link ModelRegistry#activate} refuses a
 * model version that does not match, with a message that lists every difference, so that a model trained on
 * other features never goes live behind a service that cannot feed it.
 *
 * <h2>Feature fingerprint</h2>
 * {@link #fingerprint()} is the SHA-256 of the schema, independent of order (a service maps JSON fields by
 * name): the sorted lines {@code name TAB numeric|categorical}. A refit on new data keeps it; adding, removing,
 * renaming or retyping an input changes it. Pinning the pipeline fingerprint ({@link Builder#pipelineFingerprint})
 * goes further and accepts only models whose fitted pipeline parameters are exactly those (a frozen feature
 * version, for example in a regulated deployment).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class InputContract {
    private final List<String> inputs;
    private final Set<String> categorical;
    private final String pipelineFingerprint;

    private InputContract(List<String> inputs, Set<String> categorical, String pipelineFingerprint) {
        this.inputs = inputs;
        this.categorical = categorical;
        this.pipelineFingerprint = pipelineFingerprint;
    }

    /** A contract of numeric inputs only. */
    public static InputContract numeric(List<String> inputs) {
        return builder().numeric(inputs.toArray(new String[0])).build();
    }

    /** The contract a scorer's own inputs define (its names and types, no pipeline pin). */
    public static InputContract of(SegmentScorer scorer) {
        Checks.notNull("scorer", scorer);
        Builder b = builder();
        for (String name : scorer.inputNames()) {
            if (scorer.transform().isCategorical(name)) {
                b.categorical(name);
            } else {
                b.numeric(name);
            }
        }
        return b.build();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The input names, in the order they were declared. */
    public List<String> inputs() {
        return inputs;
    }

    /** Whether an input is categorical. */
    public boolean isCategorical(String input) {
        return categorical.contains(input);
    }

    /** The pinned pipeline fingerprint, if any. */
    public Optional<String> pipelineFingerprint() {
        return Optional.ofNullable(pipelineFingerprint);
    }

    /** The feature fingerprint of this schema (see the class documentation). */
    public String fingerprint() {
        return fingerprintOf(inputs, categorical);
    }

    /** The feature fingerprint of a schema: SHA-256 of its sorted {@code name TAB type} lines. */
    public static String fingerprintOf(List<String> inputs, Set<String> categorical) {
        TreeSet<String> lines = new TreeSet<>();
        for (String name : inputs) {
            lines.add(name + "\t" + (categorical.contains(name) ? "categorical" : "numeric"));
        }
        return Hashing.sha256(String.join("\n", lines));
    }

    /**
     * The differences between this contract and a registered version; empty when they match.
     *
     * @param v the version to check. Not modified.
     */
    public List<String> differences(ModelVersion v) {
        Checks.notNull("v", v);
        List<String> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : v.inputs()) {
            if (!inputs.contains(name)) {
                missing.add(name);
            }
        }
        List<String> extra = new ArrayList<>();
        for (String name : inputs) {
            if (!v.inputs().contains(name)) {
                extra.add(name);
            }
        }
        if (!missing.isEmpty()) {
            out.add("the model reads " + missing + ", which the service does not send");
        }
        if (!extra.isEmpty()) {
            out.add("the service sends " + extra + ", which the model does not read");
        }
        for (String name : v.inputs()) {
            if (inputs.contains(name) && categorical.contains(name) != v.categoricalInputs().contains(name)) {
                out.add("input '" + name + "' is " + (v.categoricalInputs().contains(name) ? "categorical" : "numeric")
                        + " in the model but " + (categorical.contains(name) ? "categorical" : "numeric")
                        + " in the service");
            }
        }
        if (pipelineFingerprint != null && !pipelineFingerprint.equals(v.pipelineFingerprint().orElse(null))) {
            out.add("the service is pinned to feature pipeline " + abbreviate(pipelineFingerprint) + " but the model's "
                    + "pipeline is " + v.pipelineFingerprint().map(InputContract::abbreviate).orElse("(none)"));
        }
        return out;
    }

    /**
     * Checks a version against this contract.
     *
     * @throws ContractMismatchException naming every difference
     */
    public void check(ModelVersion v) {
        List<String> d = differences(v);
        if (!d.isEmpty()) {
            throw new ContractMismatchException(v.id(), d);
        }
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) + "..." : fingerprint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputContract && inputs.equals(((InputContract) o).inputs)
                && categorical.equals(((InputContract) o).categorical)
                && java.util.Objects.equals(pipelineFingerprint, ((InputContract) o).pipelineFingerprint);
    }

    @Override
    public int hashCode() {
        return inputs.hashCode() * 31 + categorical.hashCode();
    }

    @Override
    public String toString() {
        return "InputContract[inputs=" + inputs + ", categorical=" + categorical
                + (pipelineFingerprint == null ? "" : ", pipeline=" + abbreviate(pipelineFingerprint)) + "]";
    }

    /** Builds an {@link InputContract}. */
    public static final class Builder {
        private final LinkedHashSet<String> inputs = new LinkedHashSet<>();
        private final Set<String> categorical = new LinkedHashSet<>();
        private String pipelineFingerprint;

        private Builder() {
        }

        /**
         * Numeric inputs.
         *
         * @throws IllegalArgumentException if a name is blank or already declared
         */
        public Builder numeric(String... names) {
            for (String n : names) {
                add(n);
            }
            return this;
        }

        /**
         * Categorical inputs (sent as text).
         *
         * @throws IllegalArgumentException if a name is blank or already declared
         */
        public Builder categorical(String... names) {
            for (String n : names) {
                add(n);
                categorical.add(n);
            }
            return this;
        }

        /**
         * Accepts only models whose feature pipeline has this fingerprint ({@code FittedPipeline.fingerprint()}).
         *
         * @throws IllegalArgumentException unless it is 64 hex digits
         */
        public Builder pipelineFingerprint(String fingerprint) {
            if (fingerprint == null || !fingerprint.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("A pipeline fingerprint is 64 lower-case hex digits, not '"
                        + fingerprint + "'");
            }
            pipelineFingerprint = fingerprint;
            return this;
        }

        private void add(String n) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("An input name is blank");
            }
            if (!inputs.add(n)) {
                throw new IllegalArgumentException("Input '" + n + "' is declared twice");
            }
        }

        /**
         * The contract.
         *
         * @throws IllegalStateException if no input was declared
         */
        public InputContract build() {
            if (inputs.isEmpty()) {
                throw new IllegalStateException("An input contract needs at least one input");
            }
            return new InputContract(List.copyOf(inputs), Set.copyOf(categorical), pipelineFingerprint);
        }
    }
}
