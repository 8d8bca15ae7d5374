/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

/**
 * Strings in code-point order, the order in which Python compares strings (and so the order in which
 * scikit-learn sorts categories); it differs from {@link String#compareTo} for characters outside the Basic
 * Multilingual Plane, which Java compares by their UTF-16 surrogates. Not API.
 */
public final class CodePoints {
    private CodePoints() {
    }

    /** Negative, zero or positive as {@code a} comes before, equals or comes after {@code b} in code-point order. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
