/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples.custom;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.scoring.NearestCentroidScorer;
import dev.segmentation.core.scoring.SegmentScorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The "adding your own algorithm" guide, runnable: a third-party {@link QuantileSegmenter} is fitted like
 * any library estimator, its model labels new customers through its own {@code Assigner}, is served by the
 * library's {@link SegmentScorer} like any library model, and is saved to and loaded from the library's
 * model file format (on its own and inside a scorer file) through its registered codec.
 *
 * <pre>
 * mvn -B -q -pl segmentation-examples -am install -DskipTests
 * mvn -B -q -pl segmentation-examples exec:java -Dexec.mainClass=dev.segmentation.examples.custom.AddYourOwnAlgorithm
 * </pre>
 */
public final class AddYourOwnAlgorithm {
    private AddYourOwnAlgorithm() {
    }

    /**
     * Fits, scores and saves; prints what happened.
     *
     * @param args optional: the file to save the model to (default: a temporary file)
     */
    public static void main(String[] args) throws IOException {
        Dataset customers = syntheticCustomers(5000, 7);

        // 1. Fit, like any estimator.
        QuantileSegmentModel model = new QuantileSegmenter("monetary", 4).fit(customers);
        System.out.printf(Locale.ROOT, "tiers of monetary value: bounds %s%n",
                java.util.Arrays.toString(model.thresholds()));

        // 2. Score: the model's own rule through the library's scorer (the model's assigner), and, as a
        //    deliberately different rule, the nearest tier mean.
        Dataset newCustomers = syntheticCustomers(3, 99);
        int[] tiers = model.predict(newCustomers);
        SegmentScorer scorer = SegmentScorer.of(model);
        NearestCentroidScorer nearestMean = NearestCentroidScorer.of(model);
        for (int i = 0; i < tiers.length; i++) {
            System.out.printf(Locale.ROOT, "new customer %d: tier %d (scorer: %d), nearest tier mean %d%n", i, tiers[i],
                    scorer.assign(newCustomers.row(i)), nearestMean.assign(newCustomers.row(i)));
        }

        // 3. Save and load through the model file format (the codec is found by the ServiceLoader), alone and
        //    inside a scorer file.
        Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("quantile-segments", ".json");
        ModelIO.write(model, file);
        QuantileSegmentModel back = (QuantileSegmentModel) ModelIO.read(file).model();
        System.out.printf(Locale.ROOT, "saved to %s and read back: %s%n", file, back.equals(model) ? "identical"
                : "DIFFERENT");
        ModelIO.write(scorer, file);
        SegmentScorer served = ModelIO.read(file, SegmentScorer.class);
        System.out.printf(Locale.ROOT, "scorer file read back: model %s, customer 0 in tier %d%n",
                served.model().orElseThrow().equals(model) ? "identical" : "DIFFERENT",
                served.assign(newCustomers.row(0)));
    }

    /** Customers with log-normal monetary value and Poisson-like frequency. */
    static Dataset syntheticCustomers(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double monetary = Math.exp(4 + r.nextGaussian());
            double frequency = 1 + Math.floor(-Math.log(1 - r.nextDouble()) * 3);
            double recency = r.nextDouble(0, 365);
            rows[i] = new double[] {recency, frequency, monetary};
        }
        return Dataset.of(rows, List.of("recency", "frequency", "monetary"));
    }
}
