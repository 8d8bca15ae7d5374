/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The plain-text tables that the result types render with {@code table()}: a header row and data rows, the first
 * column (and any others named by {@link #left}) left-aligned and the others right-aligned, every column as wide as its widest cell, two spaces between
 * columns and two before the first, lines ending with the platform's line separator. Cells are formatted by the
 * caller ({@link #fmt}); numbers use {@link Locale#ROOT}. Not API.
 */
public final class TextTable {
    private static final Pattern FIXED = Pattern.compile("%[+ ]?\\d*(\\.\\d+)?f");
    private final List<String[]> rows = new ArrayList<>();
    private final int cols;
    private final boolean[] left;

    private TextTable(String[] header) {
        this.cols = header.length;
        this.left = new boolean[cols];
        if (cols > 0) {
            left[0] = true;
        }
        rows.add(header.clone());
    }

    /** Left-aligns these columns too (the first always is). */
    public TextTable left(int... columns) {
        for (int i = 0; i < columns.length; i++) {
            left[columns[i]] = true;
        }
        return this;
    }

    /** A table with these column headers. */
    public static TextTable of(String... headers) {
        return new TextTable(headers);
    }

    /**
     * Adds a row.
     *
     * @throws IllegalArgumentException if the number of cells differs from the number of columns
     */
    public TextTable row(Object... cells) {
        if (cells.length != cols) {
            throw new IllegalArgumentException(cells.length + " cells for " + cols + " columns");
        }
        String[] r = new String[cols];
        for (int c = 0; c < cols; c++) {
            r[c] = String.valueOf(cells[c]);
        }
        rows.add(r);
        return this;
    }

    /** The rendered table. */
    public String render() {
        int[] width = new int[cols];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], rows.get(r)[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                String cell = row[c];
                int pad = width[c] - cell.length();
                if (c > 0) {
                    line.append("  ");
                }
                if (left[c]) {
                    line.append(cell).append(" ".repeat(pad));
                } else {
                    line.append(" ".repeat(pad)).append(cell);
                }
            }
            sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /**
     * {@code String.format(Locale.ROOT, format, args)}, except that one number of magnitude 1e15 or more given to a
     * fixed-point format ({@code %.2f}, {@code %+.0f}, ...) is written with four significant digits and an
     * exponent, so that a cell never holds hundreds of digits.
     */
    public static String fmt(String format, Object... args) {
        if (args.length == 1 && args[0] instanceof Double && Math.abs((Double) args[0]) >= 1e15
                && FIXED.matcher(format).matches()) {
            return String.format(Locale.ROOT, format.startsWith("%+") ? "%+.4g" : "%.4g", args[0]);
        }
        return String.format(Locale.ROOT, format, args);
    }

    /** A line of text followed by the line separator, formatted with {@link Locale#ROOT}. */
    public static String line(String format, Object... args) {
        return String.format(Locale.ROOT, format, args) + System.lineSeparator();
    }
}
