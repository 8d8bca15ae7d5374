/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A small table of already formatted cells, rendered as plain text (columns padded, numbers right-aligned)
 * or as an HTML {@code <table>}. Charts carry one as their text alternative. Not API.
 *
 * <p>Immutable; rows are added through {@link Builder}.
 */
public final class DataTable {
    private final List<String> header;
    private final List<List<String>> rows;
    private final boolean[] numeric;

    private DataTable(List<String> header, List<List<String>> rows) {
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
        this.numeric = new boolean[header.size()];
        for (int c = 0; c < numeric.length; c++) {
            boolean all = !rows.isEmpty();
            for (int r = 0; r < rows.size() && all; r++) {
                all = looksNumeric(rows.get(r).get(c));
            }
            numeric[c] = all;
        }
    }

    /** A builder with these column headings. */
    public static Builder of(String... header) {
        return new Builder(List.of(header));
    }

    /** The column headings. */
    public List<String> header() {
        return header;
    }

    /** The rows of formatted cells. */
    public List<List<String>> rows() {
        return rows;
    }

    /** The table as aligned plain text, one line per row, a heading line first. */
    public String text() {
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = header.get(c).length();
            for (int r = 0; r < rows.size(); r++) {
                w[c] = Math.max(w[c], rows.get(r).get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        for (int r = 0; r < rows.size(); r++) {
            line(sb, rows.get(r), w);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] w) {
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            String pad = " ".repeat(w[c] - s.length());
            if (c > 0) {
                sb.append("  ");
            }
            sb.append(numeric[c] ? pad + s : c == cells.size() - 1 ? s : s + pad);
        }
        sb.append(System.lineSeparator());
    }

    /**
     * The table as an HTML {@code <table>}, numeric columns with {@code class="num"}, after a paragraph that
     * says what it holds (as wide as the page, where a {@code <caption>} would be as narrow as the table) and
     * that the table names with {@code aria-describedby}.
     *
     * @param id the id of the caption paragraph, unique in the page (ignored without a caption)
     * @param caption what the table holds, or null
     */
    public void html(Markup m, String id, String caption) {
        if (caption != null) {
            m.element("p", caption, "class", "caption", "id", id);
            m.open("table", "class", "data", "aria-describedby", id);
        } else {
            m.open("table", "class", "data");
        }
        m.open("thead").open("tr");
        for (int c = 0; c < header.size(); c++) {
            m.element("th", header.get(c), "scope", "col", "class", numeric[c] ? "num" : null);
        }
        m.close("tr").close("thead").open("tbody");
        for (int r = 0; r < rows.size(); r++) {
            m.open("tr");
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                m.element(c == 0 ? "th" : "td", row.get(c), "scope", c == 0 ? "row" : null, "class",
                        numeric[c] ? "num" : null);
            }
            m.close("tr");
        }
        m.close("tbody").close("table").newline();
    }

    private static boolean looksNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digit = true;
            } else if ("+-.,%<\u2013 eE".indexOf(ch) < 0) {
                return false;
            }
        }
        return digit || s.equals("\u2013");
    }

    /** Collects rows. */
    public static final class Builder {
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        private Builder(List<String> header) {
            this.header = header;
        }

        /**
         * Adds a row.
         *
         * @throws IllegalArgumentException if it has another number of cells than the header
         */
        public Builder row(String... cells) {
            if (cells.length != header.size()) {
                throw new IllegalArgumentException("A row of " + cells.length + " cells for " + header.size()
                        + " columns " + header);
            }
            rows.add(List.of(cells));
            return this;
        }

        /** The table. */
        public DataTable build() {
            return new DataTable(header, rows);
        }
    }
}
