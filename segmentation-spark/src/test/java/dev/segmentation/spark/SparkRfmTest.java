/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.Dataset;
import dev.segmentation.features.FilterReport;
import dev.segmentation.features.FilterResult;
import dev.segmentation.features.io.ReadResult;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFM and the fitted pipeline on Spark against the single-JVM features module, on all of Online Retail. */
class SparkRfmTest {
    private static SparkSession spark;
    private static RfmTable single;
    private static FilterResult singleClean;
    private static SparkTransactionFilter.Result sparkClean;
    private static SparkRfm.Result sparkRfm;

    @BeforeAll
    static void compute() throws Exception {
        spark = SparkTestSession.get();
        ReadResult read = OnlineRetail.readSingle();
        singleClean = OnlineRetail.cleanSingle(read);
        single = Rfm.asOf(OnlineRetail.AS_OF).compute(singleClean.transactions());
        sparkClean = OnlineRetail.cleaningSpark().apply(OnlineRetail.readSpark(spark).cache(), OnlineRetail.schema());
        sparkRfm = SparkRfm.asOf(OnlineRetail.AS_OF).compute(sparkClean.transactions(), OnlineRetail.schema());
    }

    @Test
    void cleaningCountsEqualTheSingleJvmFilter() {
        FilterReport r = singleClean.report();
        assertEquals(r.rowsIn(), sparkClean.report().rowsIn());
        assertEquals(r.rowsKept(), sparkClean.report().rowsKept());
        assertEquals(r.rules(), sparkClean.report().rules());
    }

    @Test
    void rfmValuesAreIdenticalForEveryCustomer() {
        SparkRfm.Collected c = sparkRfm.collect();
        assertEquals(single.size(), c.customerIds().size());
        assertEquals(single.customerIds(), c.customerIds());
        Dataset x = c.features();
        int mismatches = 0;
        for (int i = 0; i < single.size(); i++) {
            assertEquals(single.recencyDays(i), (int) x.get(i, 0), single.customerIds().get(i));
            assertEquals(single.frequency(i), (int) x.get(i, 1), single.customerIds().get(i));
            if (Double.compare(single.monetary(i), x.get(i, 2)) != 0) {
                mismatches++;
            }
        }
        assertEquals(0, mismatches, "customers whose monetary value is not bit-identical");
        assertEquals(single.rowsUsed(), sparkRfm.rowsUsed());
        assertEquals(single.excludedAtOrAfterAsOf(), sparkRfm.excludedAtOrAfterAsOf());
        assertEquals(single.excludedMissingCustomer(), sparkRfm.excludedMissingCustomer());
    }

    @Test
    void fittedPipelineGivesTheSameFeaturesAsTheSingleJvm() {
        Dataset raw = single.toDataset();
        FittedPipeline fitted = FeaturePipeline.builder().log1p(SparkRfm.RECENCY, SparkRfm.FREQUENCY,
                SparkRfm.MONETARY).standardize().build().fit(raw);
        Dataset expected = fitted.transform(raw);
        List<Row> rows = SparkFeatures.transform(sparkRfm.table().repartition(3), fitted,
                List.of(SparkRfm.CUSTOMER_ID)).orderBy(SparkRfm.CUSTOMER_ID).collectAsList();
        assertEquals(expected.rows(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(single.customerIds().get(i), rows.get(i).getString(0));
            for (int j = 0; j < expected.cols(); j++) {
                assertEquals(expected.get(i, j), rows.get(i).getDouble(1 + j), 0.0);
            }
        }
    }
}
