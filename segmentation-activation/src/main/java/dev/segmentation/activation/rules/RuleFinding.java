/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

/**
 * Something a rule set cannot do as written, found when it is bound: a rule that can never match, a rule that
 * the rules before it always take first, or a default segment nobody reaches.
 *
 * @param rule the index of the rule ({@code rules().size()} for the default segment)
 * @param name the rule's name
 * @param kind what was found
 * @param message the finding in words
 * @since 0.1
 */
public record RuleFinding(int rule, String name, Kind kind, String message) {
    /** The kinds of finding. */
    public enum Kind {
        /** The condition is true for no record at all (for example {@code x > 5 and x < 3}). */
        NEVER_MATCHES,
        /** Every record the rule matches is taken by an earlier rule, so the rule never assigns anyone. */
        SHADOWED,
        /** The rules before the default segment match every record, so the default is never used. */
        DEFAULT_UNREACHABLE,
        /** The rule is too large for the exact check within its budget; nothing is claimed about it. */
        UNDECIDED
    }

    @Override
    public String toString() {
        return kind + " " + message;
    }
}
