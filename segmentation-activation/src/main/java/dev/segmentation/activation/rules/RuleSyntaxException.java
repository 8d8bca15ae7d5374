/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

/**
 * Thrown when rule text cannot be parsed. The message names the line and column, says what was expected there and
 * what was found, and shows the line with a caret under the place:
 * <pre>
 * Expected a number or a string after '&lt;=' at column 17 but found the end of the text
 *   recency_days &lt;=
 *                   ^
 * </pre>
 *
 * @since 0.1
 */
public final class RuleSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String expected;
    private final String found;

    RuleSyntaxException(String source, int line, int column, String expected, String found, boolean multiLine) {
        this(message(source, line, column, expected, found, multiLine), line, column, expected, found);
    }

    private RuleSyntaxException(String message, int line, int column, String expected, String found) {
        super(message);
        this.line = line;
        this.column = column;
        this.expected = expected;
        this.found = found;
    }

    /** The same error with the place it occurred in ("rule 'VIP'") before the message. */
    RuleSyntaxException in(String context) {
        RuleSyntaxException e = new RuleSyntaxException(context + ": " + getMessage(), line, column, expected, found);
        e.setStackTrace(getStackTrace());
        return e;
    }

    private static String message(String source, int line, int column, String expected, String found,
                                  boolean multiLine) {
        StringBuilder caret = new StringBuilder();
        for (int i = 1; i < column; i++) {
            caret.append(i - 1 < source.length() && source.charAt(i - 1) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        return "Expected " + expected + " at " + (multiLine ? "line " + line + ", " : "") + "column " + column
                + " but found " + found + "\n  " + source + "\n  " + caret;
    }

    /** The line of the error, from 1 (always 1 for a single condition). */
    public int line() {
        return line;
    }

    /** The column of the error, from 1. */
    public int column() {
        return column;
    }

    /** What the parser expected at that place, in words. */
    public String expected() {
        return expected;
    }

    /** What it found there, in words ("the end of the text", "the name 'abc'", "')'"). */
    public String found() {
        return found;
    }
}
