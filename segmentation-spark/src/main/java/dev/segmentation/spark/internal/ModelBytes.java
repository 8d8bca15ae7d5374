/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model file's bytes (the library's JSON model format, never Java serialization) as shipped to executors in a
 * broadcast, decoded at most once per executor JVM and model file: the decoded model is cached by the SHA-256
 * of the bytes. Not API.
 */
public final class ModelBytes implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ConcurrentHashMap<String, Object> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 64;

    private final byte[] bytes;
    private final String sha256;

    private ModelBytes(byte[] bytes) {
        this.bytes = bytes;
        this.sha256 = sha256(bytes);
    }

    /** The bytes of a model file; checked by decoding them once here. */
    public static ModelBytes of(byte[] fileBytes, Class<?> expected) throws ModelFormatException {
        ModelBytes b = new ModelBytes(fileBytes.clone());
        b.decode(expected);
        return b;
    }

    /** The model as a file's bytes. */
    public static ModelBytes encode(Object model) {
        String json = ModelIO.toJson(model, dev.segmentation.core.io.Lineage.builder().build());
        return new ModelBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of the bytes, hex. */
    public String sha256() {
        return sha256;
    }

    /** The number of bytes. */
    public int size() {
        return bytes.length;
    }

    /** The decoded model; decoded once per JVM. */
    public <T> T decode(Class<T> expected) throws ModelFormatException {
        Object cached = CACHE.get(sha256);
        if (cached == null) {
            cached = ModelIO.fromJson(new String(bytes, StandardCharsets.UTF_8)).model(expected);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            Object raced = CACHE.putIfAbsent(sha256, cached);
            cached = raced != null ? raced : cached;
        }
        if (!expected.isInstance(cached)) {
            throw new ModelFormatException("The model file holds a " + cached.getClass().getSimpleName()
                    + ", not a " + expected.getSimpleName());
        }
        return expected.cast(cached);
    }

    /** As {@link #decode}, with an unchecked exception for use inside Spark tasks. */
    public <T> T decodeUnchecked(Class<T> expected) {
        try {
            return decode(expected);
        } catch (ModelFormatException e) {
            throw new IllegalStateException("The broadcast model file cannot be read: " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
