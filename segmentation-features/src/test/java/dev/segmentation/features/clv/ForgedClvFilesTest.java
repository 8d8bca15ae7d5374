/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.testing.ForgedFiles;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forged model files of the lifetime-value models (the core's forged-file check, applied to this module's
 * codecs): fitted models with their fit sections, and a model of given parameters.
 */
class ForgedClvFilesTest {

    @Test
    void everyForgedClvParameterIsAFormatErrorOrAModel() throws Exception {
        BtydCustomers c = ClvFixtures.cdnowSummary();
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("bg-nbd", BgNbd.withDefaults().fit(c));
        files.put("pareto-nbd", ParetoNbd.withDefaults().fit(c));
        files.put("gamma-gamma", GammaGamma.withDefaults().fit(c));
        files.put("bg-nbd-given", BgNbdModel.of(0.243, 4.414, 0.793, 2.426));
        ForgedFiles.assertEveryForgeryIsAFormatErrorOrAModel(files, 100);
    }
}
