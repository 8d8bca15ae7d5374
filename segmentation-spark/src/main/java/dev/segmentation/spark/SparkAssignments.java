/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.spark.internal.Columns;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.util.Objects;

import static org.apache.spark.sql.functions.col;

/**
 * Writes scored rows ({@link SparkScorer#score}) as an assignment table: the id column, {@code segment},
 * {@code segment_name} and {@code confidence}, as Parquet or as CSV with a header (the columns of the features
 * module's {@code AssignmentWriter}). An existing output folder is an error unless {@code overwrite} is asked for.
 *
 * @since 0.1
 */
public final class SparkAssignments {
    /** The file format. */
    public enum Format {
        /** Apache Parquet. */
        PARQUET,
        /** CSV with a header line; an absent confidence is an empty field. */
        CSV
    }

    private SparkAssignments() {
    }

    /** Writes, failing if the folder exists. */
    public static void write(Dataset<Row> scored, String idColumn, String path, Format format) {
        write(scored, idColumn, path, format, false);
    }

    /**
     * Writes the assignments.
     *
     * @param scored rows with the id column and the scorer's output columns
     * @param idColumn the customer id column
     * @param path the output folder (any Hadoop file system URI)
     * @param format the format
     * @param overwrite replace an existing folder
     * @throws IllegalArgumentException if a column is missing
     */
    public static void write(Dataset<Row> scored, String idColumn, String path, Format format, boolean overwrite) {
        Objects.requireNonNull(scored, "scored");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Columns.field(scored.schema(), idColumn, "customer id");
        Columns.field(scored.schema(), SparkScorer.SEGMENT, "segment (score the rows first)");
        Columns.field(scored.schema(), SparkScorer.SEGMENT_NAME, "segment name (score the rows first)");
        Columns.field(scored.schema(), SparkScorer.CONFIDENCE, "confidence (score the rows first)");
        Dataset<Row> out = scored.select(col(idColumn), col(SparkScorer.SEGMENT), col(SparkScorer.SEGMENT_NAME),
                col(SparkScorer.CONFIDENCE));
        SaveMode mode = overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
        if (format == Format.PARQUET) {
            out.write().mode(mode).parquet(path);
        } else {
            out.write().mode(mode).option("header", "true").csv(path);
        }
    }
}
