/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

import java.util.List;

/**
 * A model read from a file, with the file's header: format version, model type and lineage, and the lineage
 * of every model nested inside it (the feature pipeline and the clustering model inside a segment scorer).
 *
 * @param formatVersion the file-format version the file was written with
 * @param modelType the model type, for example {@code "kmeans"}
 * @param lineage where the model came from
 * @param model the model
 * @param parts the nested models, depth first, each with its own lineage (empty for files that have none)
 * @since 0.1
 */
public record SavedModel(int formatVersion, String modelType, Lineage lineage, Object model, List<Part> parts) {

    /** Copies {@code parts}. */
    public SavedModel {
        parts = List.copyOf(parts);
    }

    /**
     * A model nested in the file.
     *
     * @param path where it is in the file, for example {@code "model.transform"}
     * @param modelType its model type, for example {@code "feature-pipeline"}
     * @param lineage what its codec recorded of its training data (empty for files written before parts had
     *     lineage)
     */
    public record Part(String path, String modelType, Lineage lineage) {
    }

    /**
     * The model as the expected class.
     *
     * @throws ModelFormatException if the file holds another kind of model
     */
    public <T> T model(Class<T> expected) throws ModelFormatException {
        if (!expected.isInstance(model)) {
            throw new ModelFormatException("The file holds a model of type '" + modelType + "' ("
                    + model.getClass().getName() + "), not a " + expected.getName());
        }
        return expected.cast(model);
    }
}
