/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model file's bytes (the library's JSON model format, never Java serialization), shipped to executors as a
 * Spark broadcast of the plain {@code byte[]} with its SHA-256 (a hex string) in the task closure, and decoded at
 * most once per executor JVM and model file: the decoded model is cached by that SHA-256. Static methods only, so
 * that no object of the library travels. Not API.
 */
public final class ModelBytes {
    private static final ConcurrentHashMap<String, Object> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 64;

    private ModelBytes() {
    }

    /** The model as a file's bytes (UTF-8 JSON, {@code ModelIO.toJson}). */
    public static byte[] encode(Object model) {
        String json = ModelIO.toJson(model, dev.segmentation.core.io.Lineage.builder().build());
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The model in a file's bytes, decoded once per JVM.
     *
     * @param bytes the model file's bytes. Not modified.
     * @param sha256 their SHA-256, hex ({@link #sha256(byte[])}): the cache key
     * @param expected the class the model must have
     * @throws ModelFormatException if the bytes are not a model file, or hold a model of another class
     */
    public static <T> T decode(byte[] bytes, String sha256, Class<T> expected) throws ModelFormatException {
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
    public static <T> T decodeUnchecked(byte[] bytes, String sha256, Class<T> expected) {
        try {
            return decode(bytes, sha256, expected);
        } catch (ModelFormatException e) {
            throw new IllegalStateException("The broadcast model file cannot be read: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of the bytes, hex. */
    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
