/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.report.internal.DataTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One rendered chart: a standalone SVG image with its title, a text alternative and the data it shows as a
 * table. Made by {@link Charts}; the {@link SegmentationReport} inlines the same SVG.
 * <pre>{@code
 * Chart elbow = Charts.inertia(sweep, 5);
 * elbow.write(Path.of("elbow.svg"));      // opens in any browser, wiki or notebook
 * String text = elbow.table();            // the values behind it, as a plain-text table
 * }</pre>
 *
 * <h2>The SVG</h2>
 * The root element carries {@code role="img"}, an {@code aria-labelledby} pointing at its {@code <title>}
 * and {@code <desc>} (the text alternative), {@code data-chart} (the chart's id) and {@code data-marks} (the
 * number of data marks: bars, points, cells, boxes, links or flows). Each data mark has {@code class="mark"}
 * and a {@code <title>} child with its value, which browsers show as a tooltip. Fonts are the reader's system
 * fonts and every colour is written in the file, so the image needs nothing from the network. The output
 * depends only on the input: the same result gives the same bytes.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Chart {
    private final String id;
    private final String title;
    private final String description;
    private final String svg;
    private final int marks;
    private final DataTable data;
    private final int width;

    Chart(String id, String title, String description, String svg, int marks, DataTable data, int width) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.svg = svg;
        this.marks = marks;
        this.data = data;
        this.width = width;
    }

    /** The chart's id, unique within a report (for example {@code "k-inertia"} or {@code "box-monetary"}). */
    public String id() {
        return id;
    }

    /** The title drawn at the top. */
    public String title() {
        return title;
    }

    /** The text alternative: what the chart shows and its main finding, in a sentence or two. */
    public String description() {
        return description;
    }

    /** The {@code <svg>} element, ready to inline in HTML. */
    public String svg() {
        return svg;
    }

    /** A standalone SVG file's content: an XML declaration and {@link #svg()}. */
    public String svgDocument() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n";
    }

    /** The number of data marks drawn (the {@code class="mark"} elements). */
    public int marks() {
        return marks;
    }

    /** The column headings of the data behind the chart. */
    public List<String> dataHeader() {
        return data.header();
    }

    /** The data behind the chart, formatted as in the chart, one list of cells per row. */
    public List<List<String>> dataRows() {
        return data.rows();
    }

    /** The data behind the chart as a plain-text table. */
    public String table() {
        return data.text();
    }

    DataTable data() {
        return data;
    }

    /** The drawing's width in pixels. */
    int width() {
        return width;
    }

    /**
     * Writes {@link #svgDocument()} to a file (UTF-8), replacing it.
     *
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Files.writeString(file, svgDocument(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Chart[" + id + ", " + marks + " marks, " + svg.length() + " characters]";
    }
}
