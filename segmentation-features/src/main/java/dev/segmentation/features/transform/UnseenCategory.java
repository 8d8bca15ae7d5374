/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

/**
 * What a fitted one-hot or ordinal encoder does with a category it did not see at fit time (a new country at
 * scoring time, say).
 *
 * @since 0.1
 */
public enum UnseenCategory {
    /**
     * Throw an {@link IllegalArgumentException} naming the column (scikit-learn's
     * {@code handle_unknown="error"}). The default.
     */
    ERROR("error"),
    /**
     * Encode it as no category: all one-hot columns 0, or the ordinal value -1 (scikit-learn's
     * {@code handle_unknown="ignore"} and {@code "use_encoded_value"} with {@code unknown_value=-1}).
     */
    IGNORE("ignore"),
    /**
     * Put it in the "other" bucket, which then always exists: a one-hot column {@code <column>=(other)}, or
     * the ordinal value after the last category. Rare categories go there too (scikit-learn's
     * {@code handle_unknown="infrequent_if_exist"}, except that the bucket exists even when no category is
     * rare).
     */
    OTHER("other");

    final String id;

    UnseenCategory(String id) {
        this.id = id;
    }

    static UnseenCategory of(String id) {
        UnseenCategory[] all = values();
        for (int i = 0; i < all.length; i++) {
            if (all[i].id.equals(id)) {
                return all[i];
            }
        }
        return null;
    }
}
