/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.Assignment;
import dev.segmentation.core.RawRecord;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.scoring.SegmentScorer;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The child JVM of {@link ScorerFileRealDataTest}: loads every {@code *.model.json} in a folder with nothing but
 * {@code ModelIO} and the scorer's own API (no features-module class is named), scores the raw records of the
 * matching {@code *.raw.tsv} through a {@link RawRecord} (numbers by column name, categories by their text), and
 * writes the labels, confidences and probabilities in binary for the parent to compare. Not a test.
 */
public final class FreshJvmScoring {
    private FreshJvmScoring() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Path> models;
        try (Stream<Path> s = Files.list(dir)) {
            models = s.filter(p -> p.getFileName().toString().endsWith(".model.json")).sorted().toList();
        }
        for (Path file : models) {
            String name = file.getFileName().toString().replace(".model.json", "");
            SegmentScorer scorer = ModelIO.read(file, SegmentScorer.class);
            List<String> lines = Files.readAllLines(dir.resolve(name + ".raw.tsv"));
            String[] header = lines.get(0).split("\t", -1);
            RawRecord record = scorer.newRecord();
            Assignment a = scorer.newAssignment();
            double[] p = new double[scorer.k()];
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(dir.resolve(name + ".scored"))))) {
                out.writeInt(lines.size() - 1);
                out.writeBoolean(scorer.hasProbabilities());
                for (int i = 1; i < lines.size(); i++) {
                    String[] v = lines.get(i).split("\t", -1);
                    record.clear();
                    for (int j = 0; j < header.length; j++) {
                        if (scorer.transform().isCategorical(header[j])) {
                            record.set(header[j], v[j]);
                        } else {
                            record.set(header[j], Double.parseDouble(v[j]));
                        }
                    }
                    int label = scorer.assign(record.values(), a);
                    out.writeInt(label);
                    out.writeDouble(a.hasConfidence() ? a.confidence() : Double.NaN);
                    if (scorer.hasProbabilities()) {
                        a.probabilities(p);
                        for (int c = 0; c < p.length; c++) {
                            out.writeDouble(p[c]);
                        }
                    }
                }
            }
        }
    }
}
