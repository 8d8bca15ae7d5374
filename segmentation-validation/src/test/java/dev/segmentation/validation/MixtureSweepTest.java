package dev.segmentation.validation;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.gmm.GaussianMixtureModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A k sweep over Gaussian mixtures, recommending k by BIC through the model's own criterion. */
class MixtureSweepTest {

    @Test
    void bicPicksTheNumberOfGeneratingComponents() {
        Random r = new Random(3);
        double[][] rows = new double[1500][2];
        double[][] centres = {{0, 0}, {8, 0}, {0, 8}};
        for (int i = 0; i < rows.length; i++) {
            double[] c = centres[i % 3];
            rows[i][0] = c[0] + r.nextGaussian();
            rows[i][1] = c[1] + r.nextGaussian() * 0.5;
        }
        Dataset data = Dataset.of(rows);
        // No wiring: a mixture is a LikelihoodModel, so the sweep uses the mixture's own BIC.
        KSweep.Result<GaussianMixtureModel> sweep = KSweep.of(k -> GaussianMixture.builder().k(k).seed(1).build())
                .range(1, 6).recommendBy(KSweep.Criterion.BIC).run(data);
        double[] bic = sweep.bic().orElseThrow();
        assertEquals(3, sweep.recommendedK(), sweep.reason());
        assertEquals(KSweep.Criterion.BIC, sweep.criterion());
        for (int k = 1; k <= 6; k++) {
            assertEquals(sweep.model(k).bic(data), bic[k - 1], "k = " + k + ": exactly the model's own BIC");
        }
        assertTrue(sweep.reason().toLowerCase(java.util.Locale.ROOT).contains("bic"), sweep.reason());
    }
}
