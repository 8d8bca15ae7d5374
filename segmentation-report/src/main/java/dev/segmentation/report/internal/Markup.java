/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report.internal;

/**
 * A minimal writer of XML and HTML markup: elements with attributes given as name-value pairs, escaped text,
 * and coordinates printed with one decimal. Not API.
 *
 * <p>Output is deterministic: attributes in the order given, numbers in {@link #num(double)}'s fixed format
 * (no locale, no exponent), so that the same input gives the same bytes on every JVM (the golden-file tests
 * depend on it). Not thread-safe: one instance per document.
 */
public final class Markup {
    private final StringBuilder out;

    /** An empty document. */
    public Markup() {
        this.out = new StringBuilder(4096);
    }

    /** Opens {@code <tag a="v" ...>}; {@code attributes} alternate names and values, a null value is skipped. */
    public Markup open(String tag, String... attributes) {
        start(tag, attributes);
        out.append('>');
        return this;
    }

    /** Writes {@code <tag a="v" .../>}. */
    public Markup empty(String tag, String... attributes) {
        start(tag, attributes);
        out.append("/>");
        return this;
    }

    /** Writes {@code <tag ...>text</tag>} with the text escaped. */
    public Markup element(String tag, String text, String... attributes) {
        open(tag, attributes);
        text(text);
        return close(tag);
    }

    /** Closes {@code </tag>}. */
    public Markup close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** Escaped text. */
    public Markup text(String text) {
        escapeTo(text, out);
        return this;
    }

    /** Markup written as it is (already escaped, or produced by another {@code Markup}). */
    public Markup raw(String markup) {
        out.append(markup);
        return this;
    }

    /** A line break, to keep the output readable in a diff. */
    public Markup newline() {
        out.append('\n');
        return this;
    }

    private void start(String tag, String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("Attributes of <" + tag + "> must be name-value pairs but "
                    + attributes.length + " strings were given");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"");
                escapeTo(attributes[i + 1], out);
                out.append('"');
            }
        }
    }

    /** The markup written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    /** {@code text} with {@code & < > " '} escaped, for element content and attribute values alike. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        escapeTo(text, sb);
        return sb.toString();
    }

    private static void escapeTo(String text, StringBuilder sb) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                default:
                    sb.append(c);
            }
        }
    }

    /**
     * A coordinate with at most one decimal: {@code 12}, {@code 12.5}, {@code -0.3}; -0 prints as 0.
     *
     * @throws IllegalArgumentException if {@code v} is NaN or infinite (a chart bug, never silently drawn)
     */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("A coordinate must be finite but was " + v);
        }
        long t = Math.round(v * 10);
        if (t == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(12);
        if (t < 0) {
            sb.append('-');
            t = -t;
        }
        sb.append(t / 10);
        if (t % 10 != 0) {
            sb.append('.').append(t % 10);
        }
        return sb.toString();
    }
}
