/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

/**
 * A model read from a file, with the file's header: format version, model type and lineage.
 *
 * @param formatVersion the file-format version the file was written with
 * @param modelType the model type, for example {@code "kmeans"}
 * @param lineage where the model came from
 * @param model the model
 * @since 0.1
 */
public record SavedModel(int formatVersion, String modelType, Lineage lineage, Object model) {

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
