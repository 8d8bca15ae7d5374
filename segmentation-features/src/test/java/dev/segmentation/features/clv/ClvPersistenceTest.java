/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.Section;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClvPersistenceTest {

    @Test
    void fittedModelsRoundTripThroughTheModelFile() throws IOException {
        BtydCustomers c = ClvFixtures.cdnowSummary();
        BgNbdModel bg = BgNbd.withDefaults().fit(c);
        ParetoNbdModel pn = ParetoNbd.withDefaults().fit(c);
        GammaGammaModel gg = GammaGamma.withDefaults().fit(c);
        BgNbdModel bg2 = ModelIO.fromJson(ModelIO.toJson(bg, Lineage.builder().build())).model(BgNbdModel.class);
        ParetoNbdModel pn2 = ModelIO.fromJson(ModelIO.toJson(pn, Lineage.builder().build()))
                .model(ParetoNbdModel.class);
        GammaGammaModel gg2 = ModelIO.fromJson(ModelIO.toJson(gg, Lineage.builder().build()))
                .model(GammaGammaModel.class);
        for (int i = 0; i < c.size(); i += 7) {
            assertEquals(bg.conditionalExpectedPurchases(39, c.x(i), c.tx(i), c.age(i)),
                    bg2.conditionalExpectedPurchases(39, c.x(i), c.tx(i), c.age(i)));
            assertEquals(pn.probabilityAlive(c.x(i), c.tx(i), c.age(i)), pn2.probabilityAlive(c.x(i), c.tx(i),
                    c.age(i)));
            assertEquals(gg.conditionalExpectedAverageSpend(c.x(i), c.spend(i)),
                    gg2.conditionalExpectedAverageSpend(c.x(i), c.spend(i)));
        }
        assertEquals(bg.fit().orElseThrow(), bg2.fit().orElseThrow());
        assertEquals(gg.excludedWithoutRepeats(), gg2.excludedWithoutRepeats());
        assertEquals(java.util.Arrays.toString(pn.parameters()), java.util.Arrays.toString(pn2.parameters()));
        // a model of known parameters has no fit section
        BgNbdModel known = BgNbdModel.of(0.243, 4.414, 0.793, 2.426);
        assertTrue(ModelIO.fromJson(ModelIO.toJson(known, Lineage.builder().build())).model(BgNbdModel.class).fit()
                .isEmpty());
    }

    @Test
    void parametersOutsideTheirDomainAreRefused() {
        ClvCodecs.BgNbd bg = new ClvCodecs.BgNbd();
        String m = assertThrows(ModelFormatException.class, () -> bg.decode(Section.builder().put("r", -0.5)
                .put("alpha", 4.4).put("a", 0.8).put("b", 2.4).build(), 1)).getMessage();
        assertTrue(m.contains("'r'") && m.contains("-0.5"), m);
        m = assertThrows(ModelFormatException.class, () -> bg.decode(Section.builder().put("r", 0.5)
                .put("alpha", 0.0).put("a", 0.8).put("b", 2.4).build(), 1)).getMessage();
        assertTrue(m.contains("'alpha'"), m);
        m = assertThrows(ModelFormatException.class, () -> new ClvCodecs.ParetoNbd().decode(Section.builder()
                .put("r", 0.5).put("alpha", 4.4).put("s", 0.8).build(), 1)).getMessage();
        assertTrue(m.contains("beta"), m);
        m = assertThrows(ModelFormatException.class, () -> new ClvCodecs.GammaGamma().decode(Section.builder()
                .put("p", 6.0).put("q", -3.7).put("gamma", 15.0).put("excludedWithoutRepeats", 0)
                .put("excludedZeroSpend", 0).build(), 1)).getMessage();
        assertTrue(m.contains("'q'"), m);
        m = assertThrows(ModelFormatException.class, () -> new ClvCodecs.GammaGamma().decode(Section.builder()
                .put("p", 6.0).put("q", 3.7).put("gamma", 15.0).put("excludedWithoutRepeats", -2)
                .put("excludedZeroSpend", 0).build(), 1)).getMessage();
        assertTrue(m.contains("excludedWithoutRepeats"), m);
    }

    @Test
    void aNonConvergedFitIsNotAModel() throws IOException {
        BgNbdModel bg = BgNbd.withDefaults().fit(ClvFixtures.cdnowSummary());
        ClvCodecs.BgNbd codec = new ClvCodecs.BgNbd();
        Section good = codec.encode(bg);
        FitDiagnostics d = bg.fit().orElseThrow().diagnostics();
        ClvFit bad = new ClvFit(2357, 0, -9582.4, 0, new FitDiagnostics(d.optimizer(), false, 3, 10, 0.1, 4.1));
        Section tampered = Section.builder().put("r", bg.r()).put("alpha", bg.alpha()).put("a", bg.a())
                .put("b", bg.b()).put("fit", ClvCodecs.encodeFit(bad)).build();
        assertTrue(good.has("fit"));
        String m = assertThrows(ModelFormatException.class, () -> codec.decode(tampered, 1)).getMessage();
        assertTrue(m.contains("converged"), m);
    }

    @Test
    void oneCustomerScoringDoesNotAllocate() {
        BgNbdModel bg = BgNbdModel.of(0.243, 4.414, 0.793, 2.426);
        ParetoNbdModel pn = ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669);
        GammaGammaModel gg = GammaGammaModel.of(6.25, 3.74, 15.44);
        CustomerLifetimeValue clv = CustomerLifetimeValue.of(bg, gg);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int warm = 0; warm < 100_000; warm++) {
            sink += score(bg, pn, gg, clv, warm);
        }
        long tid = Thread.currentThread().getId();
        // The steady state is the least of up to 10 rounds (on a loaded machine the optimising compiler may come
        // after the warm-up); one allocation per call would allocate megabytes in every round.
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 10 && allocated >= 4096; round++) {
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 200_000; i++) {
                sink += score(bg, pn, gg, clv, i);
            }
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(tid) - before);
        }
        assertTrue(Double.isFinite(sink));
        // one allocation per call would be >= 3 MB
        assertTrue(allocated < 4096, "scoring allocated at least " + allocated + " bytes per 200k customers");
    }

    private static double score(BgNbdModel bg, ParetoNbdModel pn, GammaGammaModel gg, CustomerLifetimeValue clv,
                                int i) {
        double x = i % 13;
        double tx = x == 0 ? 0 : 1 + (i % 30);
        double age = 38.86;
        return bg.conditionalExpectedPurchases(39, x, tx, age) + bg.probabilityAlive(x, tx, age)
                + pn.conditionalExpectedPurchases(39, x, tx, age) + pn.probabilityAlive(x, tx, age)
                + gg.conditionalExpectedAverageSpend(x, 20 + i % 7) + (i % 64 == 0 ? clv.value(x, tx, age, 25) : 0);
    }
}
