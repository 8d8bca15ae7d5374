/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.Section;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a step writes its columns and fitted parameters, once, for two readers at the same time: the model
 * file (a {@link Section} of named fields) and the fingerprint (the canonical form: a byte stream that
 * {@link FeaturePipelineCodec#fingerprint} hashes with SHA-256). Each method writes one field in both forms,
 * so the fingerprint is derived from what the codec writes and follows it field by field; nothing is written
 * for the fingerprint alone except through {@link #canonicalOnly()}.
 *
 * <p>The canonical form of a value, as {@link DataOutputStream} writes it (big-endian):
 * <ul>
 *   <li>a text: {@code writeUTF}; a flag: one byte; a count: a 32-bit int; a number: the 64 bits of
 *       {@link Double#doubleToLongBits};</li>
 *   <li>an array of numbers: its length (int), then each number; a fixed pair of numbers: the two numbers
 *       alone; a matrix stored as rows: each row as an array; a matrix stored flat: the flat array;</li>
 *   <li>a list of texts: its size (int), then each text;</li>
 *   <li>column references: names in the file, indices into the step's input columns in the canonical form
 *       (as an array of ints: length, then each index).</li>
 * </ul>
 * Fields that do not change what the step computes (diagnostics such as explained-variance ratios or missing
 * shares) are written to the file only, through {@link #fileOnly()}. The layout was fixed by the first
 * release's fingerprints, which it reproduces bit for bit.
 */
final class StepParameters {
    /** The file fields, or null when only the canonical form is written. */
    private final Section.Builder file;
    /** The canonical form, or null when only the file is written. */
    private final DataOutputStream canonical;
    /** The step's input columns, which column references and categories refer to. */
    final Stage in;

    private StepParameters(Section.Builder file, DataOutputStream canonical, Stage in) {
        this.file = file;
        this.canonical = canonical;
        this.in = in;
    }

    /** Writes to both. */
    static StepParameters of(Section.Builder file, DataOutputStream canonical, Stage in) {
        return new StepParameters(file, canonical, in);
    }

    /** The same fields, written to the file only: parameters that do not change the step's output. */
    StepParameters fileOnly() {
        return new StepParameters(file, null, in);
    }

    /** The same fields, written to the canonical form only (where the file keeps the value in another form). */
    StepParameters canonicalOnly() {
        return new StepParameters(null, canonical, in);
    }

    /** A text. */
    StepParameters text(String key, String value) {
        if (file != null) {
            file.put(key, value);
        }
        if (canonical != null) {
            utf(value);
        }
        return this;
    }

    /** One of two named values: the name in the file, a flag ({@code true} for {@code ifTrue}) canonically. */
    StepParameters choice(String key, boolean value, String ifFalse, String ifTrue) {
        if (file != null) {
            file.put(key, value ? ifTrue : ifFalse);
        }
        if (canonical != null) {
            write(DataOutputStream::writeBoolean, value);
        }
        return this;
    }

    /** A flag. */
    StepParameters flag(String key, boolean value) {
        if (file != null) {
            file.put(key, value);
        }
        if (canonical != null) {
            write(DataOutputStream::writeBoolean, value);
        }
        return this;
    }

    /** A count: any long in the file, a 32-bit int canonically. */
    StepParameters count(String key, long value) {
        if (file != null) {
            file.put(key, value);
        }
        if (canonical != null) {
            integer(Math.toIntExact(value));
        }
        return this;
    }

    /** A number. */
    StepParameters number(String key, double value) {
        if (file != null) {
            file.put(key, value);
        }
        if (canonical != null) {
            bits(value);
        }
        return this;
    }

    /** A pair of numbers (a range): an array of two in the file, the two numbers alone canonically. */
    StepParameters pair(String key, double first, double second) {
        if (file != null) {
            file.put(key, new double[] {first, second});
        }
        if (canonical != null) {
            bits(first);
            bits(second);
        }
        return this;
    }

    /** An array of numbers. */
    StepParameters numbers(String key, double[] values) {
        if (file != null) {
            file.put(key, values);
        }
        if (canonical != null) {
            array(values);
        }
        return this;
    }

    /** A matrix held as rows of length {@code cols}: a matrix in the file, each row an array canonically. */
    StepParameters rows(String key, double[][] rows, int cols) {
        if (file != null) {
            double[] flat = new double[rows.length * cols];
            for (int k = 0; k < rows.length; k++) {
                System.arraycopy(rows[k], 0, flat, k * cols, cols);
            }
            file.putMatrix(key, flat, rows.length, cols);
        }
        for (int k = 0; canonical != null && k < rows.length; k++) {
            array(rows[k]);
        }
        return this;
    }

    /** A row-major matrix: a matrix in the file, the flat array canonically. */
    StepParameters matrix(String key, double[] rowMajor, int rows, int cols) {
        if (file != null) {
            file.putMatrix(key, rowMajor, rows, cols);
        }
        if (canonical != null) {
            array(rowMajor);
        }
        return this;
    }

    /** A list of texts. */
    StepParameters texts(String key, List<String> values) {
        if (file != null) {
            file.put(key, values);
        }
        if (canonical != null) {
            integer(values.size());
            for (int k = 0; k < values.size(); k++) {
                utf(values.get(k));
            }
        }
        return this;
    }

    /** Categories of input column {@code column}, given by their codes: their names in both forms. */
    StepParameters categories(String key, int column, int[] codes) {
        String[] vocabulary = in.vocabulary[column];
        List<String> names = new ArrayList<>(codes.length);
        for (int k = 0; k < codes.length; k++) {
            names.add(vocabulary[codes[k]]);
        }
        return texts(key, names);
    }

    /** References to input columns: their names in the file, their indices (an array of ints) canonically. */
    StepParameters columns(String key, int[] columns) {
        if (file != null) {
            file.put(key, names(columns));
        }
        if (canonical != null) {
            integer(columns.length);
            for (int k = 0; k < columns.length; k++) {
                integer(columns[k]);
            }
        }
        return this;
    }

    /**
     * The step's columns with one number per column in each of {@code values}: in the file the column names
     * under {@code key} and each array under its name; canonically the number of columns, then one record per
     * column: its index and its number from each array.
     */
    StepParameters columnRecords(String key, int[] columns, String[] names, double[]... values) {
        if (file != null) {
            file.put(key, names(columns));
            for (int a = 0; a < names.length; a++) {
                file.put(names[a], values[a]);
            }
        }
        if (canonical != null) {
            integer(columns.length);
            for (int k = 0; k < columns.length; k++) {
                integer(columns[k]);
                for (int a = 0; a < values.length; a++) {
                    bits(values[a][k]);
                }
            }
        }
        return this;
    }

    /**
     * One value per step column, each in its column's domain: a number for a numeric column, a category code
     * for a categorical one. In the file the numbers under {@code numericKey} and the category names under
     * {@code categoryKey}; canonically all of them as an array of numbers (codes included), in column order.
     */
    StepParameters columnValues(String numericKey, String categoryKey, int[] columns, double[] values) {
        if (file != null) {
            List<String> categories = new ArrayList<>();
            double[] numbers = new double[values.length];
            int nn = 0;
            for (int k = 0; k < columns.length; k++) {
                if (in.categorical[columns[k]]) {
                    categories.add(in.vocabulary[columns[k]][(int) values[k]]);
                } else {
                    numbers[nn++] = values[k];
                }
            }
            file.put(numericKey, Arrays.copyOf(numbers, nn)).put(categoryKey, categories);
        }
        if (canonical != null) {
            array(values);
        }
        return this;
    }

    /** Interface for writing one nested section per element. */
    @FunctionalInterface
    interface Element {
        void write(int k, StepParameters p);
    }

    /**
     * A list of {@code count} nested sections, each written by {@code element}; canonically the elements one
     * after the other (their number is implied by the step's columns).
     */
    StepParameters sections(String key, int count, Element element) {
        List<Section> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Section.Builder b = file == null ? null : Section.builder();
            element.write(k, new StepParameters(b, canonical, in));
            if (b != null) {
                out.add(b.build());
            }
        }
        if (file != null) {
            file.putSections(key, out);
        }
        return this;
    }

    private List<String> names(int[] columns) {
        List<String> out = new ArrayList<>(columns.length);
        for (int k = 0; k < columns.length; k++) {
            out.add(in.names.get(columns[k]));
        }
        return out;
    }

    /** Writes one value of the canonical form. */
    @FunctionalInterface
    private interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    private <T> void write(Writer<T> w, T value) {
        try {
            w.write(canonical, value);
        } catch (IOException e) {
            // a DataOutputStream over memory does not fail
            throw new UncheckedIOException(e);
        }
    }

    private void utf(String v) {
        write(DataOutputStream::writeUTF, v);
    }

    private void integer(int n) {
        write(DataOutputStream::writeInt, n);
    }

    private void bits(double v) {
        write(DataOutputStream::writeLong, Double.doubleToLongBits(v));
    }

    private void array(double[] v) {
        integer(v.length);
        for (int k = 0; k < v.length; k++) {
            bits(v[k]);
        }
    }
}
