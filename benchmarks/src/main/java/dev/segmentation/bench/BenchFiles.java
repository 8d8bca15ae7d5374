/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench;

import dev.segmentation.bench.core.kmeans.KMeansFitBenchmark;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Writes the K-means and scoring benchmark data once, so that other tools (the scikit-learn script of
 * {@code run-table.sh}) measure exactly the rows the JMH benchmarks generate in their {@code @Setup}.
 *
 * <pre>java -cp benchmarks.jar dev.segmentation.bench.BenchFiles &lt;directory&gt;</pre>
 *
 * <p>For each data set ({@link BenchData#OVERLAPPING}, {@link BenchData#SEPARATED}) and each n of
 * {@link KMeansFitBenchmark} (100,000 and 1,000,000) it writes {@code <data>-<n>.f64}: the rows of
 * {@link BenchData#blobs(String, int, int, long)}, row-major little-endian doubles. For each data set it writes
 * {@code <data>-centres.f64} (the generating centres, which the scoring benchmark scores against) and
 * {@code <data>-labels.i32} (the naive scan's labels of the 1,000,000 rows against them, little-endian ints).
 * {@code manifest.json} lists every file with its SHA-256, the shape, the starting rows of the fit
 * ({@link BenchData#initialRowIndices}) and our Lloyd fit's inertia after
 * {@link KMeansFitBenchmark#ITERATIONS} iterations from them, which the other tool compares with its own.
 * Files that exist with the right checksum are not rewritten.
 */
public final class BenchFiles {
    private static final int[] SIZES = {100_000, 1_000_000};
    private static final String[] DATA = {BenchData.OVERLAPPING, BenchData.SEPARATED};

    private BenchFiles() {
    }

    /**
     * Writes the files into the directory given as the only argument.
     *
     * @param args the target directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BenchFiles <directory>");
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        final int d = BenchData.D;
        final int k = BenchData.K;
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"seed\": ").append(BenchData.SEED).append(",\n  \"d\": ").append(d)
                .append(",\n  \"k\": ").append(k).append(",\n  \"iterations\": ")
                .append(KMeansFitBenchmark.ITERATIONS).append(",\n  \"files\": [\n");
        boolean first = true;
        for (String data : DATA) {
            double[] centres = BenchData.blobCentres(d, BenchData.SEED, BenchData.spread(data));
            for (int n : SIZES) {
                double[] x = BenchData.blobs(data, n, d, BenchData.SEED);
                String name = data + "-" + n + ".f64";
                String sha = write(dir.resolve(name), doubles(x));
                int[] start = BenchData.initialRowIndices(n, k, BenchData.SEED);
                KMeansModel ref = KMeans.builder().k(k).initialCentroids(BenchData.rowsAt(x, d, start)).nInit(1)
                        .maxIter(KMeansFitBenchmark.ITERATIONS).tol(0).algorithm(KMeans.Algorithm.LLOYD)
                        .singleThreaded().build().fit(BenchData.dataset(x, n, d));
                json.append(first ? "" : ",\n");
                first = false;
                json.append(String.format(Locale.ROOT, "    {\"role\": \"rows\", \"data\": \"%s\", \"file\": \"%s\", "
                        + "\"rows\": %d, \"cols\": %d, \"sha256\": \"%s\", \"start\": %s, \"iterations\": %d, "
                        + "\"converged\": %b, \"inertia\": %.17g}", data, name, n, d, sha, Arrays.toString(start),
                        ref.iterations(), ref.converged(), ref.inertia()));
                if (n == SIZES[SIZES.length - 1]) {
                    int[] labels = new int[n];
                    Naive.assign(x, n, d, centres, k, labels);
                    String lname = data + "-labels.i32";
                    String lsha = write(dir.resolve(lname), ints(labels));
                    json.append(String.format(Locale.ROOT, ",\n    {\"role\": \"labels\", \"data\": \"%s\", "
                            + "\"file\": \"%s\", \"rows\": %d, \"of\": \"%s\", \"sha256\": \"%s\"}", data, lname, n,
                            name, lsha));
                }
            }
            String cname = data + "-centres.f64";
            String csha = write(dir.resolve(cname), doubles(centres));
            json.append(String.format(Locale.ROOT, ",\n    {\"role\": \"centres\", \"data\": \"%s\", \"file\": \"%s\", "
                    + "\"rows\": %d, \"cols\": %d, \"sha256\": \"%s\"}", data, cname, k, d, csha));
        }
        json.append("\n  ]\n}\n");
        Files.writeString(dir.resolve("manifest.json"), json.toString(), StandardCharsets.UTF_8);
    }

    /** The values as little-endian bytes, the layout the Python scripts read. */
    static byte[] doubles(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        return b.array();
    }

    /** The values as little-endian bytes. */
    static byte[] ints(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return b.array();
    }

    /** Writes the bytes unless the file already holds them; returns their SHA-256 in hex. */
    static String write(Path file, byte[] bytes) throws IOException {
        String sha = sha256(bytes);
        if (Files.isRegularFile(file) && Files.size(file) == bytes.length && sha256(Files.readAllBytes(file)).equals(sha)) {
            return sha;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return sha;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
