/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

import dev.segmentation.core.internal.Checks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a saved model came from: the training rows, seed and feature list, the library version and time
 * that wrote it, and optionally the period and source of the data. Stored in every model file.
 *
 * <p>When a model is written, the facts the model knows (rows, seed, features) are filled in by its codec
 * and the version and time by {@link ModelIO}; the caller adds the data period and source:
 * <pre>{@code
 * ModelIO.write(model, Lineage.builder()
 *     .dataPeriod(LocalDate.parse("2010-12-01"), LocalDate.parse("2011-12-09"))
 *     .source("online_retail.csv.gz").build(), path);
 * }</pre>
 *
 * @since 0.1
 */
public final class Lineage {
    private final OptionalLong rows;
    private final OptionalLong seed;
    private final List<String> features;
    private final String libraryVersion;
    private final Instant createdAt;
    private final LocalDate dataFrom;
    private final LocalDate dataTo;
    private final String source;

    private Lineage(Builder b) {
        this.rows = b.rows;
        this.seed = b.seed;
        this.features = b.features;
        this.libraryVersion = b.libraryVersion;
        this.createdAt = b.createdAt;
        this.dataFrom = b.dataFrom;
        this.dataTo = b.dataTo;
        this.source = b.source;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of training rows, if known. */
    public OptionalLong rows() {
        return rows;
    }

    /** The seed of the fit, if the model has one. */
    public OptionalLong seed() {
        return seed;
    }

    /** The feature names the model was trained on (empty if unknown). */
    public List<String> features() {
        return features;
    }

    /** The library version that wrote the file (empty before writing). */
    public Optional<String> libraryVersion() {
        return Optional.ofNullable(libraryVersion);
    }

    /** When the file was written (empty before writing). */
    public Optional<Instant> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    /** The first day of the training data, if given. */
    public Optional<LocalDate> dataFrom() {
        return Optional.ofNullable(dataFrom);
    }

    /** The last day of the training data, if given. */
    public Optional<LocalDate> dataTo() {
        return Optional.ofNullable(dataTo);
    }

    /** A description of the training data's source, if given. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** This lineage with blanks filled from {@code other} (values set here win). */
    Lineage mergedWith(Lineage other) {
        Builder b = new Builder();
        b.rows = rows.isPresent() ? rows : other.rows;
        b.seed = seed.isPresent() ? seed : other.seed;
        b.features = !features.isEmpty() ? features : other.features;
        b.libraryVersion = libraryVersion != null ? libraryVersion : other.libraryVersion;
        b.createdAt = createdAt != null ? createdAt : other.createdAt;
        b.dataFrom = dataFrom != null ? dataFrom : other.dataFrom;
        b.dataTo = dataTo != null ? dataTo : other.dataTo;
        b.source = source != null ? source : other.source;
        return new Lineage(b);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Lineage)) {
            return false;
        }
        Lineage l = (Lineage) o;
        return rows.equals(l.rows) && seed.equals(l.seed) && features.equals(l.features)
                && Objects.equals(libraryVersion, l.libraryVersion) && Objects.equals(createdAt, l.createdAt)
                && Objects.equals(dataFrom, l.dataFrom) && Objects.equals(dataTo, l.dataTo)
                && Objects.equals(source, l.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, seed, features, libraryVersion, createdAt, dataFrom, dataTo, source);
    }

    @Override
    public String toString() {
        return "Lineage[rows=" + rows + ", seed=" + seed + ", features=" + features + ", libraryVersion="
                + libraryVersion + ", createdAt=" + createdAt + ", data=" + dataFrom + ".." + dataTo
                + ", source=" + source + "]";
    }

    /** Builds a {@link Lineage}. */
    public static final class Builder {
        private OptionalLong rows = OptionalLong.empty();
        private OptionalLong seed = OptionalLong.empty();
        private List<String> features = List.of();
        private String libraryVersion;
        private Instant createdAt;
        private LocalDate dataFrom;
        private LocalDate dataTo;
        private String source;

        private Builder() {
        }

        /** The number of training rows. */
        public Builder rows(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("rows must be >= 0 but was " + value);
            }
            rows = OptionalLong.of(value);
            return this;
        }

        /** The seed of the fit. */
        public Builder seed(long value) {
            seed = OptionalLong.of(value);
            return this;
        }

        /** The training feature names. */
        public Builder features(List<String> value) {
            features = List.copyOf(Checks.notNull("features", value));
            return this;
        }

        /** The inclusive period the training data cover. */
        public Builder dataPeriod(LocalDate from, LocalDate to) {
            Checks.notNull("from", from);
            Checks.notNull("to", to);
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("dataPeriod: to (" + to + ") is before from (" + from + ")");
            }
            dataFrom = from;
            dataTo = to;
            return this;
        }

        /** A short description of the data source (a file name, a table). */
        public Builder source(String value) {
            source = Checks.notNull("source", value);
            return this;
        }

        Builder libraryVersion(String value) {
            libraryVersion = value;
            return this;
        }

        Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        /** The lineage. */
        public Lineage build() {
            return new Lineage(this);
        }
    }
}
