/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.service;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.RawRecord;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.transform.CategoryEncoding;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.features.transform.Imputation;
import dev.segmentation.features.transform.UnseenCategory;
import dev.segmentation.serving.pmml.PmmlExport;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.InputField;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The PMML export scored by an independent engine: JPMML-Evaluator 1.6.11 (AGPL-3.0, a test dependency of this
 * unpublished module only) must give our scorer's segment for every training row of the main job's model, and
 * every exported document must validate against the PMML 4.4 schema.
 *
 * <p>The schema is the {@code pmml.xsd} of the Maven artifact {@code org.jpmml:pmml-model:1.6.11} (BSD-3-Clause):
 * DMG's PMML 4.4 schema with JPMML's vendor extensions added as optional {@code x-}-prefixed attributes and
 * elements. Our documents use none of them (checked), so for them validation against this schema is validation
 * against PMML 4.4.
 */
class PmmlJpmmlTest {

    @Test
    void everyTrainingRowOfTheMainJobsModelGetsTheSameSegmentFromJpmml() throws Exception {
        RfmTable rfm = Fixtures.mainJobRfm();
        Dataset raw = rfm.toDataset();
        SegmentScorer scorer = Fixtures.mainJobModel(raw);
        String pmml = PmmlExport.toPmml(scorer);
        validate(pmml);
        Evaluator e = evaluator(pmml);
        int[] ours = scorer.assign(raw);
        for (int i = 0; i < raw.rows(); i++) {
            Map<String, Object> in = new LinkedHashMap<>();
            for (int j = 0; j < 3; j++) {
                in.put(raw.columnNames().get(j), raw.get(i, j));
            }
            Map<String, ?> out = evaluate(e, in);
            assertEquals(Integer.toString(ours[i]), out.get("segment").toString(), "customer " + rfm.customerIds().get(i));
            assertEquals(scorer.segmentName(ours[i]), out.get("segment_name").toString());
        }
        assertEquals(4_334, raw.rows(), "the main job's customers");

        // the file the main job wrote, if it has run in this checkout
        Path written = Path.of("..", "target", "segmentation-output", "online_retail-model.json");
        if (Files.exists(written)) {
            SegmentScorer file = ModelIO.read(written, SegmentScorer.class);
            Evaluator fromFile = evaluator(PmmlExport.toPmml(file));
            int[] labels = file.assign(raw);
            for (int i = 0; i < raw.rows(); i++) {
                Map<String, Object> in = new LinkedHashMap<>();
                for (int j = 0; j < 3; j++) {
                    in.put(raw.columnNames().get(j), raw.get(i, j));
                }
                assertEquals(Integer.toString(labels[i]), evaluate(fromFile, in).get("segment").toString());
            }
        }
    }

    @Test
    void minMaxRobustImputationAndOneHotGiveTheSameSegmentsToo() throws Exception {
        int n = 600;
        SplittableRandom rng = new SplittableRandom(3);
        String[] regions = {"north", "south", "east", "west", "islands"};
        double[] spend = new double[n];
        double[] visits = new double[n];
        double[] tenure = new double[n];
        String[] region = new String[n];
        String[] channel = new String[n];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("c" + i);
            spend[i] = 10 + 1000 * rng.nextDouble() * (i % 3 + 1);
            visits[i] = rng.nextInt(40);
            tenure[i] = i % 17 == 0 ? Double.NaN : rng.nextInt(3000);
            // islands is rare: it goes to the other slot
            region[i] = i % 97 == 0 ? "islands" : regions[rng.nextInt(4)];
            channel[i] = i % 11 == 0 ? null : rng.nextBoolean() ? "web" : "store";
        }
        CustomerTable table = CustomerTable.builder(ids).numeric("spend", spend).numeric("visits", visits)
                .numeric("tenure", tenure).categorical("region", region).categorical("channel", channel).build();
        FittedPipeline p = FeaturePipeline.builder()
                .impute(Imputation.median().withMissingIndicator(), "tenure")
                .impute(Imputation.mostFrequent(), "channel")
                .log1p("spend")
                .minMax(0, 1, "visits")
                .robustScale(25, 75, "tenure")
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER).minCount(10), "region")
                .oneHot("channel")
                .build().fit(table);
        Dataset x = p.transform(table).features();
        SegmentScorer scorer = SegmentScorer.of(p, KMeans.builder().k(4).nInit(3).seed(9).build().fit(x));
        String pmml = PmmlExport.toPmml(scorer);
        validate(pmml);
        Evaluator e = evaluator(pmml);
        RawRecord r = scorer.newRecord();
        int agree = 0;
        for (int i = 0; i < n + 20; i++) {
            // the training rows, then records with an unseen region and missing values
            int s = i % n;
            String reg = i >= n ? "atlantis" : region[s];
            r.clear().set("spend", spend[s]).set("visits", visits[s]).set("region", reg).set("channel", channel[s]);
            if (tenure[s] == tenure[s]) {
                r.set("tenure", tenure[s]);
            }
            int ours = scorer.assign(r);
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("spend", spend[s]);
            in.put("visits", visits[s]);
            in.put("tenure", tenure[s] == tenure[s] ? tenure[s] : null);
            in.put("region", reg);
            in.put("channel", channel[s]);
            assertEquals(Integer.toString(ours), evaluate(e, in).get("segment").toString(), "row " + i);
            agree++;
        }
        assertEquals(n + 20, agree);
    }

    private static Evaluator evaluator(String pmml) throws Exception {
        Evaluator e = new LoadingModelEvaluatorBuilder().load(new ByteArrayInputStream(pmml.getBytes(StandardCharsets.UTF_8)))
                .build();
        e.verify();
        return e;
    }

    private static Map<String, ?> evaluate(Evaluator e, Map<String, Object> raw) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (InputField f : e.getInputFields()) {
            args.put(f.getName(), f.prepare(raw.get(f.getName())));
        }
        return e.evaluate(args);
    }

    /** Validates against the PMML 4.4 schema of org.jpmml:pmml-model and checks that no vendor extension is used. */
    static void validate(String pmml) throws Exception {
        URL xsd = org.dmg.pmml.PMML.class.getResource("/pmml.xsd");
        assertNotNull(xsd, "pmml.xsd of org.jpmml:pmml-model");
        Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
        try {
            schema.newValidator().validate(new StreamSource(new StringReader(pmml)));
        } catch (SAXException ex) {
            throw new AssertionError("The export is not valid PMML 4.4: " + ex.getMessage(), ex);
        }
        assertFalse(pmml.matches("(?s).*\\sx-[A-Za-z]+=.*") || pmml.contains("<x-"), "no JPMML vendor extension");
        assertFalse(pmml.contains("<Extension"), "no extension element");
    }
}
