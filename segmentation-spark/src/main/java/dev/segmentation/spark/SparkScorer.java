/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.Assigner;
import dev.segmentation.core.Assignment;
import dev.segmentation.core.FeatureTransform;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.scoring.NearestCentroidScorer;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.spark.internal.Columns;
import dev.segmentation.spark.internal.InternalRows;
import dev.segmentation.spark.internal.ModelBytes;
import dev.segmentation.spark.internal.RowValues;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Scores a DataFrame of raw records with a {@link SegmentScorer} model file (a fitted pipeline and any model the
 * scorer supports: K-means, mini-batch K-means, Gaussian mixtures, ...), adding the columns {@value #SEGMENT},
 * {@value #SEGMENT_NAME} and {@value #CONFIDENCE}.
 *
 * <p>The scorer is not {@link java.io.Serializable}, and the library never uses Java serialization for models:
 * the model file's bytes are broadcast as a plain {@code byte[]} (their SHA-256, a string, in the task closure),
 * and each executor JVM decodes them once (cached by that SHA-256) and shares the thread-safe scorer between its tasks. Each row's raw values are the scorer's
 * {@link SegmentScorer#inputNames()} columns, numeric, a null passed as NaN (for the pipeline's imputation).
 * The confidence is the scorer's {@link SegmentScorer#confidenceKind()}, null when the model has none.
 *
 * <pre>{@code
 * SparkScorer scorer = SparkScorer.of(spark, Path.of("segments.json"));
 * Dataset<Row> scored = scorer.score(customers);      // + segment, segment_name, confidence
 * SparkAssignments.write(scored, "customer_id", "out/assignments", SparkAssignments.Format.PARQUET);
 * }</pre>
 *
 * <p>A batch DataFrame is read as Spark's internal rows (the inputs without boxing, the output rows joined
 * from the input row and the three values, scored in blocks of 2,048 rows), so its plan runs up to its last
 * shuffle when {@link #score} is called; a streaming one goes
 * through external rows per micro-batch.
 *
 * <p>Bad input: a missing or non-numeric input column is an {@link IllegalArgumentException} before any job
 * runs, naming the column, the expected type and the model's inputs; a value the transform rejects fails the
 * job with the scorer's message and the row's values.
 *
 * @since 0.1
 */
public final class SparkScorer {
    /** The segment label column (int; -1 for noise). */
    public static final String SEGMENT = "segment";
    /** The segment name column. */
    public static final String SEGMENT_NAME = "segment_name";
    /** The confidence column (double, null when the model has none). */
    public static final String CONFIDENCE = "confidence";

    private final SparkSession spark;
    /** The SHA-256 of the model file, hex: the key of the executors' decoded-model cache. */
    private final String sha256;
    private final SegmentScorer local;
    /** The model file's bytes, as they are. */
    private final Broadcast<byte[]> broadcast;

    /** Takes ownership of {@code bytes}; decodes them once here to check them. */
    private SparkScorer(SparkSession spark, byte[] bytes) throws ModelFormatException {
        this.spark = spark;
        this.sha256 = ModelBytes.sha256(bytes);
        this.local = ModelBytes.decode(bytes, sha256, SegmentScorer.class);
        this.broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
    }

    /**
     * A scorer from a model file written by {@code ModelIO.write(scorer, path)}.
     *
     * @throws IOException if the file cannot be read
     * @throws ModelFormatException if it is not a valid scorer file
     */
    public static SparkScorer of(SparkSession spark, Path modelFile) throws IOException {
        Objects.requireNonNull(modelFile, "modelFile");
        return of(spark, Files.readAllBytes(modelFile));
    }

    /**
     * A scorer from a model file's bytes.
     *
     * @throws ModelFormatException if they are not a valid scorer file
     */
    public static SparkScorer of(SparkSession spark, byte[] modelFileBytes) throws ModelFormatException {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(modelFileBytes, "modelFileBytes");
        return new SparkScorer(spark, modelFileBytes.clone());
    }

    /** A scorer from one in memory (encoded as its model file). */
    public static SparkScorer of(SparkSession spark, SegmentScorer scorer) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(scorer, "scorer");
        try {
            return new SparkScorer(spark, ModelBytes.encode(scorer));
        } catch (ModelFormatException e) {
            throw new IllegalStateException("The scorer cannot be read back from its own file", e);
        }
    }

    /** The raw columns each row must have. */
    public List<String> inputNames() {
        return local.inputNames();
    }

    /** The scorer, decoded on the driver. */
    public SegmentScorer scorer() {
        return local;
    }

    /** The SHA-256 of the broadcast model file. */
    public String modelSha256() {
        return sha256;
    }

    /**
     * Adds the segment, its name and the confidence to every row.
     *
     * @param df raw records with the scorer's input columns (and any others, kept). Not modified.
     * @return a lazy DataFrame: the input's columns then {@value #SEGMENT}, {@value #SEGMENT_NAME},
     *     {@value #CONFIDENCE}
     * @throws IllegalArgumentException if an input column is missing or not numeric, or the output columns exist
     */
    public Dataset<Row> score(Dataset<Row> df) {
        Objects.requireNonNull(df, "df");
        StructType in = df.schema();
        List<String> inputs = local.inputNames();
        for (String c : inputs) {
            try {
                Columns.requireNumeric(in, c, "model input");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + "; the model (" + sha256.substring(0, 12)
                        + ") reads " + inputs, e);
            }
        }
        for (String out : new String[] {SEGMENT, SEGMENT_NAME, CONFIDENCE}) {
            if (Arrays.asList(in.fieldNames()).contains(out)) {
                throw new IllegalArgumentException("The DataFrame already has a column '" + out
                        + "'; drop or rename it before scoring");
            }
        }
        StructType outSchema = in.add(SEGMENT, DataTypes.IntegerType, false)
                .add(SEGMENT_NAME, DataTypes.StringType, true).add(CONFIDENCE, DataTypes.DoubleType, true);
        final int[] index = new int[inputs.size()];
        for (int j = 0; j < index.length; j++) {
            index[j] = in.fieldIndex(inputs.get(j));
        }
        final int width = in.size();
        if (df.isStreaming()) {
            MapPartitionsFunction<Row, Row> f = scoring(broadcast, sha256, index, width);
            return df.mapPartitions(f, Encoders.row(outSchema));
        }
        final int[] kinds = InternalRows.numericKinds(in, index);
        final Broadcast<byte[]> b = broadcast;
        final String sha = sha256;
        return InternalRows.frame(df, InternalRows.of(df).mapPartitions(rows -> internalScoring(b, sha, index, kinds,
                rows), true), outSchema);
    }

    /** Rows scored together: their raw values, features and labels are packed into flat arrays. */
    static final int BLOCK = 2048;

    /**
     * The per-partition scoring of internal rows, {@value #BLOCK} rows at a time: the numeric inputs are read
     * without boxing into one flat array, transformed row by row into another, and labelled by the model's batch
     * path (for centroid models the core's blocked nearest-centre kernel with the margins; its labels and margins
     * are those of the row-at-a-time scorer, bit for bit); other assigners score row by row. The input rows are
     * kept for the block as bytes in one reused buffer (Spark's unsafe rows; other rows are copied), and each
     * output row is an input row joined with the three values (reused: the frame's scan copies each row into its
     * own unsafe row).
     */
    private static Iterator<InternalRow> internalScoring(Broadcast<byte[]> b, String sha256, int[] index,
                                                         int[] kinds, Iterator<InternalRow> rows) {
        return new BlockScoring(ModelBytes.decodeUnchecked(b.value(), sha256, SegmentScorer.class), index, kinds,
                rows);
    }

    /** The iterator of {@link #internalScoring}. */
    private static final class BlockScoring implements Iterator<InternalRow> {
        private final SegmentScorer s;
        private final FeatureTransform transform;
        private final Assigner assigner;
        private final NearestCentroidScorer centroids;
        private final int[] index;
        private final int[] kinds;
        private final Iterator<InternalRow> in;
        private final int p;
        private final int d;
        private final double[] raw;
        private final double[] features;
        private final int[] labels = new int[BLOCK];
        private final double[] confidence = new double[BLOCK];
        private final boolean[] hasConfidence = new boolean[BLOCK];
        private final Assignment a;
        private final UTF8String[] names;
        private final Object[] extra = new Object[3];
        private final GenericInternalRow extraRow = new GenericInternalRow(extra);
        private final JoinedRow joined = new JoinedRow();
        /** Unsafe input rows: their bytes at {@code bytes[start[i] .. start[i] + size[i])}. */
        private byte[] bytes = new byte[BLOCK * 64];
        private final int[] start = new int[BLOCK];
        private final int[] size = new int[BLOCK];
        private UnsafeRow view;
        /** Other input rows, copied. */
        private final InternalRow[] copies = new InternalRow[BLOCK];
        private final boolean[] isCopy = new boolean[BLOCK];
        private int n;
        private int next;

        BlockScoring(SegmentScorer s, int[] index, int[] kinds, Iterator<InternalRow> in) {
            this.s = s;
            this.transform = s.transform();
            this.assigner = s.assigner();
            this.centroids = assigner instanceof NearestCentroidScorer c ? c : null;
            this.index = index;
            this.kinds = kinds;
            this.in = in;
            this.p = index.length;
            this.d = assigner.dimension();
            this.raw = new double[BLOCK * p];
            this.features = new double[BLOCK * d];
            this.a = s.newAssignment();
            this.names = new UTF8String[s.k() + 1]; // label -1 (noise) .. k - 1
        }

        @Override
        public boolean hasNext() {
            return next < n || fill();
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            int i = next++;
            int segment = labels[i];
            UTF8String name = names[segment + 1];
            if (name == null) {
                name = UTF8String.fromString(s.segmentName(segment));
                names[segment + 1] = name;
            }
            extra[0] = segment;
            extra[1] = name;
            extra[2] = hasConfidence[i] ? confidence[i] : null;
            InternalRow r;
            if (isCopy[i]) {
                r = copies[i];
            } else {
                view.pointTo(bytes, Platform.BYTE_ARRAY_OFFSET + start[i], size[i]);
                r = view;
            }
            return joined.apply(r, extraRow);
        }

        /** Reads, transforms and labels the next block; false at the end of the partition. */
        private boolean fill() {
            n = 0;
            next = 0;
            int used = 0;
            while (n < BLOCK && in.hasNext()) {
                InternalRow r = in.next();
                InternalRows.read(r, index, kinds, raw, n * p);
                if (r instanceof UnsafeRow u) {
                    int len = u.getSizeInBytes();
                    if (used + len > bytes.length) {
                        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, used + len));
                    }
                    u.writeToMemory(bytes, Platform.BYTE_ARRAY_OFFSET + used);
                    start[n] = used;
                    size[n] = len;
                    used += len;
                    if (view == null) {
                        view = new UnsafeRow(u.numFields());
                    }
                    isCopy[n] = false;
                    copies[n] = null;
                } else {
                    copies[n] = r.copy();
                    isCopy[n] = true;
                }
                try {
                    transform.transformRow(raw, n * p, features, n * d);
                } catch (IllegalArgumentException e) {
                    throw rowError(n, e);
                }
                n++;
            }
            if (n == 0) {
                return false;
            }
            if (centroids != null) {
                try {
                    centroids.assign(features, n, labels, confidence);
                } catch (IllegalArgumentException e) {
                    scoreOneByOne(); // finds the row and throws with its values
                }
                Arrays.fill(hasConfidence, 0, n, true);
            } else {
                scoreOneByOne();
            }
            return true;
        }

        private void scoreOneByOne() {
            for (int i = 0; i < n; i++) {
                try {
                    labels[i] = assigner.assign(features, i * d, a);
                } catch (IllegalArgumentException e) {
                    throw rowError(i, e);
                }
                hasConfidence[i] = a.hasConfidence();
                confidence[i] = hasConfidence[i] ? a.confidence() : 0;
            }
        }

        private IllegalArgumentException rowError(int i, IllegalArgumentException e) {
            return new IllegalArgumentException("Cannot score the row with " + s.inputNames() + " = "
                    + Arrays.toString(Arrays.copyOfRange(raw, i * p, (i + 1) * p)) + ": " + e.getMessage(), e);
        }
    }

    private static int assign(SegmentScorer s, double[] raw, Assignment a) {
        try {
            return s.assign(raw, a);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot score the row with " + s.inputNames() + " = "
                    + Arrays.toString(raw) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The per-partition scoring; static, so that the task captures only the broadcast of the file's bytes, their
     * SHA-256 and the indices.
     */
    private static MapPartitionsFunction<Row, Row> scoring(Broadcast<byte[]> b, String sha256, int[] index,
                                                           int width) {
        return rows -> {
            SegmentScorer s = ModelBytes.decodeUnchecked(b.value(), sha256, SegmentScorer.class);
            double[] raw = new double[index.length];
            Assignment a = s.newAssignment();
            return RowValues.map(rows, r -> {
                RowValues.read(r, index, raw);
                int segment = assign(s, raw, a);
                return RowValues.append(r, width, segment, s.segmentName(segment),
                        a.hasConfidence() ? a.confidence() : null);
            });
        };
    }

    @Override
    public String toString() {
        return "SparkScorer[inputs=" + local.inputNames() + ", k=" + local.k() + ", model=" + sha256.substring(0, 12)
                + "]";
    }
}
