/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

/**
 * Parses decimal numbers from a slice of a {@code char[]} without allocating in the common case. Not API.
 *
 * <p>Accepted text: optional ASCII spaces around an optional sign, digits with an optional decimal point
 * (at least one digit in all), and an optional exponent ({@code e} or {@code E}, optional sign, digits). That
 * is, exactly the decimal forms of {@link Double#parseDouble}, without its hexadecimal form, its
 * {@code NaN}/{@code Infinity} words and its {@code d}/{@code f} suffixes.
 *
 * <p>Algorithm: the fast path is Clinger's: when the significant digits form an integer
 * \( m \le 2^{53} \) and the number is \( m / 10^k \) or \( m \cdot 10^k \) with \( k \le 22 \), both
 * operands are exact doubles and a single IEEE-754 division or multiplication is correctly rounded, so the
 * result equals {@link Double#parseDouble}'s bit for bit. Every other valid text (long mantissas, exponents)
 * falls back to {@link Double#parseDouble}, which is correctly rounded too.
 *
 * <p>Reference: W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990,
 * doi:10.1145/93542.93557.
 *
 * <p>Thread-safe (stateless).
 */
public final class DecimalParser {
    /** Returned for text that is not a number; test with {@link #isError(double)}. */
    public static final double ERROR = Double.NaN;

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT = 1L << 53;

    private DecimalParser() {
    }

    /** Whether {@link #parse} failed. */
    public static boolean isError(double v) {
        return v != v;
    }

    /**
     * The number in {@code buf[off .. off + len)}, or {@link #ERROR} (NaN) if the text is not a decimal
     * number. The result may be infinite when the text overflows (for example {@code 1e400}).
     *
     * @param buf characters. Not modified.
     */
    public static double parse(char[] buf, int off, int len) {
        return parse(buf, off, len, '.');
    }

    /**
     * As {@link #parse(char[], int, int)} with another decimal separator ({@code '.'} or {@code ','}); the text
     * {@code 12,50} with a comma is the number 12.5.
     *
     * @param buf characters. Not modified.
     * @param separator the decimal separator
     */
    public static double parse(char[] buf, int off, int len, char separator) {
        int i = off;
        int end = off + len;
        while (i < end && buf[i] == ' ') {
            i++;
        }
        while (end > i && buf[end - 1] == ' ') {
            end--;
        }
        if (i == end) {
            return ERROR;
        }
        int start = i;
        boolean negative = false;
        char c = buf[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;        // significant digits accumulated in mantissa (leading zeros excluded)
        int fractionDigits = 0;
        int anyDigits = 0;
        boolean overflow = false;
        boolean seenPoint = false;
        for (; i < end; i++) {
            c = buf[i];
            if (c >= '0' && c <= '9') {
                anyDigits++;
                if (seenPoint) {
                    fractionDigits++;
                }
                if (mantissa == 0 && c == '0') {
                    continue;
                }
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                } else {
                    overflow = true;
                }
            } else if (c == separator && !seenPoint) {
                seenPoint = true;
            } else {
                break;
            }
        }
        if (anyDigits == 0) {
            return ERROR;
        }
        if (i < end) {
            // Only an exponent may follow.
            c = buf[i];
            if (c != 'e' && c != 'E') {
                return ERROR;
            }
            return slow(buf, start, end, i + 1, separator);
        }
        if (overflow || mantissa > MAX_EXACT || fractionDigits > 22) {
            return slow(buf, start, end, -1, separator);
        }
        double v = (double) mantissa;
        if (fractionDigits > 0) {
            v /= POW10[fractionDigits];
        }
        return negative ? -v : v;
    }

    /** Validates an optional exponent starting at {@code exp} and parses with the JDK. */
    private static double slow(char[] buf, int start, int end, int exp, char separator) {
        if (exp >= 0) {
            int i = exp;
            if (i < end && (buf[i] == '+' || buf[i] == '-')) {
                i++;
            }
            if (i == end) {
                return ERROR;
            }
            for (; i < end; i++) {
                if (buf[i] < '0' || buf[i] > '9') {
                    return ERROR;
                }
            }
        }
        try {
            String text = new String(buf, start, end - start);
            return Double.parseDouble(separator == '.' ? text : text.replace(separator, '.'));
        } catch (NumberFormatException e) {
            return ERROR;
        }
    }
}
