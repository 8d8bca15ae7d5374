/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.validation;

import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.Model;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.ids.ArrayModifiableDBIDs;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDUtil;
import elki.database.query.QueryBuilder;
import elki.database.query.distance.DistanceQuery;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.EuclideanDistance;
import elki.evaluation.clustering.internal.NoiseHandling;
import elki.evaluation.clustering.internal.Silhouette;

/**
 * How the benchmark calls ELKI 0.8.0's {@code elki.evaluation.clustering.internal.Silhouette} (AGPL-3.0; called,
 * never copied): Euclidean distance through a plain linear distance query, no noise, no penalty for noise. The
 * database, the relation, the clustering and the distance query are built once, outside the timed region, as our
 * {@code Dataset} is.
 */
final class ElkiSilhouette {
    final Relation<NumberVector> relation;
    final DistanceQuery<NumberVector> distances;
    final Clustering<Model> clustering;
    final Silhouette<NumberVector> evaluator;

    ElkiSilhouette(double[][] rows, int[] labels, int k) {
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows), null);
        db.initialize();
        relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        distances = new QueryBuilder<>(relation, EuclideanDistance.STATIC).distanceQuery();
        ArrayModifiableDBIDs[] members = new ArrayModifiableDBIDs[k];
        for (int c = 0; c < k; c++) {
            members[c] = DBIDUtil.newArray();
        }
        int i = 0;
        for (DBIDIter it = relation.iterDBIDs(); it.valid(); it.advance(), i++) {
            members[labels[i]].add(it);
        }
        clustering = new Clustering<>();
        for (int c = 0; c < k; c++) {
            clustering.addToplevelCluster(new Cluster<>(members[c], (Model) null));
        }
        evaluator = new Silhouette<>(EuclideanDistance.STATIC, NoiseHandling.IGNORE_NOISE, false);
    }

    /** The mean silhouette ELKI reports. */
    double score() {
        return evaluator.evaluateClustering(relation, distances, clustering);
    }
}
