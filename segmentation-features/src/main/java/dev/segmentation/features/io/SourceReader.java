/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The text of a file as the CSV parser reads it: decoded with a decoder that reports bytes that are not valid
 * in the charset instead of replacing them silently, with the decoded text kept from the start of the record
 * being parsed, so that reading can go back to the line after a malformed record. Not thread-safe; one per
 * read.
 *
 * <p>Design notes:
 * <ul>
 *   <li><b>Positions.</b> Every decoded character has a position: its index in the decoded text (a byte-order
 *       mark is not part of the text). The parser receives each chunk in its own buffer; because a CSV parser
 *       keeps a contiguous window of the text in that buffer, ending at the last chunk it read, the position of
 *       a character at index {@code i} of that buffer is {@code chunkStart + i - chunkOffset}
 *       ({@link #position}). FastCSV's {@code CsvBuffer} works this way (it moves the unconsumed tail to the
 *       front, or into a larger array, before reading the next chunk behind it). The record handler uses
 *       this to find where records start and which field holds an invalid byte.</li>
 *   <li><b>Retention.</b> Decoded text is kept in {@link #text} from the start of the oldest record that
 *       may still be needed ({@link #keepFrom}, the start of the record being parsed) to the end of what was
 *       decoded. The parser is served from there, one copy per chunk.</li>
 *   <li><b>Going back.</b> {@link #resumeAtLine} moves the read position to the start of a later line found
 *       by counting line breaks ({@code CRLF}, {@code CR} or {@code LF}, as the parser counts them) from a
 *       record start whose line is known. A new parser then reads from there.</li>
 *   <li><b>Invalid bytes.</b> A malformed or unmappable sequence is decoded as U+FFFD and its position and
 *       bytes are queued ({@link #pendingErrors}); the handler attributes each to the field that contains it.
 *       Going back re-queues the errors at or after the new read position.</li>
 *   <li><b>Byte-order mark.</b> A UTF-8, UTF-16 or UTF-32 mark at the start is skipped and decides the
 *       charset, as FastCSV's {@code detectBomHeader} does.</li>
 * </ul>
 */
final class SourceReader extends Reader {
    private static final int BYTES = 1 << 16;
    private static final int MIN_FREE = 1 << 13;

    private final InputStream in;
    private Charset charset;
    private CharsetDecoder decoder;
    private final ByteBuffer bytes;
    private boolean eof;
    private boolean flushed;

    /** Decoded text: {@code text[0 .. length)} holds positions {@code [start, start + length)}. */
    private char[] text = new char[1 << 16];
    private long start;
    private int length;
    /** Positions before this one may be dropped. */
    private long keep;
    /** The next position to hand to the parser. */
    private long readPos;

    /** The buffer, offset and position of the last chunk handed out. */
    private char[] chunkArray;
    private int chunkOffset;
    private long chunkStart;

    /** Invalid byte sequences in position order; {@code [errorHead, errorCount)} are not yet attributed. */
    private long[] errorPositions = new long[16];
    private String[] errorBytes = new String[16];
    private int errorCount;
    private int errorHead;

    SourceReader(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.bytes = ByteBuffer.allocate(BYTES);
        bytes.limit(0);
    }

    /** The charset in use (after a byte-order mark, if there was one); valid after the first read. */
    Charset charset() {
        return charset;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (readPos == start + length && !fill()) {
            // the parser may have moved its window before asking: what it holds ends here
            chunkArray = cbuf;
            chunkOffset = off;
            chunkStart = readPos;
            return -1;
        }
        int n = (int) Math.min(len, start + length - readPos);
        System.arraycopy(text, (int) (readPos - start), cbuf, off, n);
        chunkArray = cbuf;
        chunkOffset = off;
        chunkStart = readPos;
        readPos += n;
        return n;
    }

    /**
     * The position of {@code buf[index]}, where {@code buf} is the parser's buffer, or -1 if {@code buf} is not
     * the buffer of the last chunk.
     */
    long position(char[] buf, int index) {
        return buf == chunkArray ? chunkStart + index - chunkOffset : -1;
    }

    /** Text before {@code position} will not be needed again. */
    void keepFrom(long position) {
        if (position > keep) {
            keep = position;
        }
    }

    /** Whether invalid bytes are waiting to be attributed to a field. */
    boolean pendingErrors() {
        return errorHead < errorCount;
    }

    /** The position of the next unattributed invalid byte sequence. */
    long nextErrorPosition() {
        return errorPositions[errorHead];
    }

    /** The bytes of the next unattributed invalid sequence, as {@code 0xE9 0x20}; marks it attributed. */
    String takeError() {
        return errorBytes[errorHead++];
    }

    /**
     * The text from {@code position} to the end of its line or {@code max} characters (then followed by
     * {@code ...}), as far as it is decoded; empty if it is no longer kept.
     */
    String excerpt(long position, int max) {
        if (position < start || position > start + length) {
            return "";
        }
        int from = (int) (position - start);
        int to = from;
        while (to < length && to - from < max && text[to] != '\n' && text[to] != '\r') {
            to++;
        }
        boolean more = to < length && to - from == max && text[to] != '\n' && text[to] != '\r';
        return new String(text, from, to - from) + (more ? "..." : "");
    }

    /**
     * Moves the read position to the start of line {@code line}, counting line breaks from {@code anchor},
     * the position where line {@code anchorLine} starts. At the end of the text, the read position is the end.
     *
     * @throws IllegalStateException if the anchor is no longer kept (a bug: the handler keeps it)
     */
    void resumeAtLine(long anchor, long anchorLine, long line) throws IOException {
        if (anchor < start || anchor > start + length) {
            throw new IllegalStateException("Position " + anchor + " is not kept; the text kept is [" + start + ", "
                    + (start + length) + ")");
        }
        long p = anchor;
        keep = anchor;
        for (long l = anchorLine; l < line; l++) {
            p = afterLineBreak(p);
            keep = p;
        }
        readPos = p;
        chunkArray = null;
        while (errorHead > 0 && errorPositions[errorHead - 1] >= p) {
            errorHead--;
        }
        while (errorHead < errorCount && errorPositions[errorHead] < p) {
            errorHead++;
        }
    }

    /** The position after the first line break at or after {@code p}, or the end of the text. */
    private long afterLineBreak(long p) throws IOException {
        while (true) {
            if (p == start + length && !fill()) {
                return p;
            }
            char c = text[(int) (p++ - start)];
            if (c == '\n') {
                return p;
            }
            if (c == '\r') {
                if (p == start + length && !fill()) {
                    return p;
                }
                return text[(int) (p - start)] == '\n' ? p + 1 : p;
            }
        }
    }

    /** Decodes more text behind what is kept; false at the end of the input. */
    private boolean fill() throws IOException {
        if (flushed) {
            return false;
        }
        if (decoder == null) {
            open();
        }
        if (text.length - length < MIN_FREE) {
            makeRoom();
        }
        int from = length;
        CharBuffer out = CharBuffer.wrap(text, length, text.length - length);
        while (out.position() == from) {
            CoderResult r = decoder.decode(bytes, out, eof);
            if (r.isOverflow()) {
                break;
            }
            if (r.isError()) {
                if (!out.hasRemaining()) {
                    break;
                }
                invalid(start + out.position(), r.length());
                out.put('\uFFFD');
                continue;
            }
            if (eof) {
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                }
                break;
            }
            readBytes();
        }
        length = out.position();
        return length > from;
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    /** Drops text before {@link #keep} (never unread text) and grows the array if that is not enough. */
    private void makeRoom() {
        int drop = (int) (Math.min(keep, readPos) - start);
        if (drop > 0) {
            System.arraycopy(text, drop, text, 0, length - drop);
            length -= drop;
            start += drop;
            int stale = 0;
            while (stale < errorHead && errorPositions[stale] < start) {
                stale++;
            }
            if (stale > 0) {
                System.arraycopy(errorPositions, stale, errorPositions, 0, errorCount - stale);
                System.arraycopy(errorBytes, stale, errorBytes, 0, errorCount - stale);
                errorCount -= stale;
                errorHead -= stale;
            }
        }
        if (text.length - length < MIN_FREE) {
            text = Arrays.copyOf(text, Math.max(2 * text.length, length + MIN_FREE));
        }
    }

    private void invalid(long position, int n) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < n; k++) {
            s.append(k == 0 ? "0x" : " 0x").append(String.format(Locale.ROOT, "%02X", bytes.get() & 0xff));
        }
        if (errorCount == errorPositions.length) {
            errorPositions = Arrays.copyOf(errorPositions, 2 * errorCount);
            errorBytes = Arrays.copyOf(errorBytes, 2 * errorCount);
        }
        errorPositions[errorCount] = position;
        errorBytes[errorCount++] = s.toString();
    }

    /** Reads the first bytes, skips a byte-order mark (which then decides the charset), creates the decoder. */
    private void open() throws IOException {
        while (!eof && bytes.remaining() < 4) {
            readBytes();
        }
        int n = bytes.remaining();
        int b0 = n > 0 ? bytes.get(0) & 0xff : -1;
        int b1 = n > 1 ? bytes.get(1) & 0xff : -1;
        int b2 = n > 2 ? bytes.get(2) & 0xff : -1;
        int b3 = n > 3 ? bytes.get(3) & 0xff : -1;
        int skip = 0;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (b0 == 0x00 && b1 == 0x00 && b2 == 0xFE && b3 == 0xFF) {
            charset = Charset.forName("UTF-32BE");
            skip = 4;
        } else if (b0 == 0xFF && b1 == 0xFE && b2 == 0x00 && b3 == 0x00) {
            charset = Charset.forName("UTF-32LE");
            skip = 4;
        } else if (b0 == 0xFE && b1 == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (b0 == 0xFF && b1 == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        }
        bytes.position(skip);
        decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The caller owns the input stream; several parsers read this one after another. */
    @Override
    public void close() {
        // nothing to release
    }
}
