/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.data.DataFiles;
import dev.segmentation.features.io.ReadResult;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Wall-clock timing of reading the full Online Retail file and computing RFM, for a quick check outside JMH
 * (the proper benchmark belongs in the benchmarks module). Not a test. Run on one core with, for example:
 * <pre>
 * taskset -c 0 java -XX:ActiveProcessorCount=1 -cp target/classes:target/test-classes:$CP \
 *     dev.segmentation.features.ReadRfmTiming [data dir] [iterations]
 * </pre>
 * Prints the time of each iteration and the median of the second half (warm).
 */
public final class ReadRfmTiming {
    private ReadRfmTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]).resolve("online_retail.csv.gz")
                : DataFiles.require("online_retail.csv.gz");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long[] readRfm = new long[iterations];
        long[] withFilter = new long[iterations];
        for (int it = 0; it < iterations; it++) {
            long t0 = System.nanoTime();
            ReadResult r = RealDataTest.onlineRetailReader().read(file);
            long t1 = System.nanoTime();
            RfmTable raw = Rfm.asOf(LocalDate.parse("2011-12-10")).compute(r.transactions());
            long t2 = System.nanoTime();
            FilterResult clean = RealDataTest.onlineRetailCleaning().apply(r.transactions());
            RfmTable rfm = Rfm.asOf(LocalDate.parse("2011-12-10")).compute(clean.transactions());
            long t3 = System.nanoTime();
            readRfm[it] = t2 - t0;
            withFilter[it] = (t1 - t0) + (t3 - t2);
            System.out.printf("iteration %2d: read %4d ms, RFM %3d ms, read+RFM %4d ms; filter+RFM %3d ms (%d/%d customers)%n",
                    it, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, readRfm[it] / 1_000_000,
                    (t3 - t2) / 1_000_000, raw.size(), rfm.size());
        }
        System.out.printf("warm median (second half): read+RFM %d ms, read+filter+RFM %d ms%n",
                median(readRfm) / 1_000_000, median(withFilter) / 1_000_000);
    }

    private static long median(long[] all) {
        long[] warm = Arrays.copyOfRange(all, all.length / 2, all.length);
        Arrays.sort(warm);
        return warm[warm.length / 2];
    }
}
