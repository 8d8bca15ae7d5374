/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.service;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer that is reused per thread: {@link #reset()} keeps the capacity. Not thread-safe. */
final class Bytes extends OutputStream {
    private byte[] buf = new byte[8192];
    private int size;

    void reset() {
        size = 0;
    }

    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    /** Room for {@code n} more bytes. */
    void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    void advance(int n) {
        size += n;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }
}
