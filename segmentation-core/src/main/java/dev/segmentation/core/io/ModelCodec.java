/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

/**
 * Writes one model class to a {@link Section} and reads it back: the extension point through which every
 * model, transform and scorer joins the library's file format.
 *
 * <p>Implementations are registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/dev.segmentation.core.io.ModelCodec}; they need a public no-argument constructor
 * and must be stateless. {@link #decode} must validate everything it reads (shapes, ranges, finiteness,
 * cross-field rules) and throw a {@link ModelFormatException} naming the parameter, so that a damaged file
 * can never produce a model that scores silently wrong.
 *
 * @param <T> the model class
 * @since 0.1
 */
public interface ModelCodec<T> {

    /** The model type written to the file, for example {@code "kmeans"}; unique among registered codecs. */
    String type();

    /** The class this codec writes; {@link ModelIO} picks the codec by the model's exact class. */
    Class<T> modelClass();

    /**
     * The version of this type's parameter layout, written to the file. Increase it when the layout
     * changes, and keep {@link #decode} able to read every older version.
     */
    default int version() {
        return 1;
    }

    /** The model's parameters. */
    Section encode(T model);

    /**
     * Rebuilds a model from its parameters.
     *
     * @param parameters what {@link #encode} wrote
     * @param version the layout version the file was written with, in {@code [1, version()]} ({@link ModelIO}
     *     refuses other versions before calling)
     * @return the model
     * @throws ModelFormatException if a parameter is missing, malformed or inconsistent
     */
    T decode(Section parameters, int version) throws ModelFormatException;

    /**
     * What the model itself knows of its training data (rows, seed, features), merged into the file's
     * lineage; the default knows nothing.
     */
    default Lineage lineageOf(T model) {
        return Lineage.builder().build();
    }
}
