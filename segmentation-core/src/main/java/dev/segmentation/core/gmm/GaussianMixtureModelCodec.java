/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.Arrays;
import java.util.List;

/**
 * Writes {@link GaussianMixtureModel} as model type {@code "gaussian-mixture"}. Registered for
 * {@link java.util.ServiceLoader}; applications use {@link dev.segmentation.core.io.ModelIO} rather than
 * this class.
 *
 * <p>Parameters: {@code columns}, {@code k}, {@code covarianceType} ({@code FULL}, {@code TIED},
 * {@code DIAG} or {@code SPHERICAL}), {@code weights} (k), {@code means} (k rows), {@code covariances} (the
 * flat layout of the covariance type), {@code fitted}; and when {@code fitted} is true: {@code labels},
 * {@code lowerBound}, {@code iterations}, {@code converged}, {@code seed}, {@code bestRun}, {@code nInit},
 * {@code init}, {@code regCovar}, {@code reinitializations}. The precision Cholesky factors are not stored:
 * they are recomputed from the covariances, bit for bit as at fit time.
 *
 * <p>Decoding checks every shape, range and cross-field rule: positive weights summing to 1 (within 1e-9),
 * symmetric (FULL, TIED) and positive definite covariances, labels in {@code [0, k)}, {@code bestRun} in
 * {@code [0, nInit)}, a non-negative {@code regCovar}, and names the parameter in its
 * {@link ModelFormatException}.
 *
 * @since 0.1
 */
public final class GaussianMixtureModelCodec implements ModelCodec<GaussianMixtureModel> {
    /** For the service loader. */
    public GaussianMixtureModelCodec() {
    }

    @Override
    public String type() {
        return "gaussian-mixture";
    }

    @Override
    public Class<GaussianMixtureModel> modelClass() {
        return GaussianMixtureModel.class;
    }

    @Override
    public Section encode(GaussianMixtureModel m) {
        Section.Builder b = Section.builder()
                .put("columns", m.columnNames())
                .put("k", (long) m.k())
                .put("covarianceType", m.covarianceType().name())
                .put("weights", m.weights())
                .putMatrix("means", m.means().toRowMajorArray(), m.k(), m.dimension())
                .put("covariances", m.covariances());
        boolean fitted = m.init() != null;
        b.put("fitted", fitted);
        if (fitted) {
            b.put("labels", m.trainingLabels())
                    .put("lowerBound", m.lowerBound())
                    .put("iterations", (long) m.iterations())
                    .put("converged", m.converged())
                    .put("seed", m.seed())
                    .put("bestRun", (long) m.bestRun())
                    .put("nInit", (long) m.nInit())
                    .put("init", m.init().name())
                    .put("regCovar", m.regCovar())
                    .put("reinitializations", (long) m.reinitializations());
        }
        return b.build();
    }

    @Override
    public GaussianMixtureModel decode(Section s, int version) throws ModelFormatException {
        List<String> columns = s.getStrings("columns", -1);
        if (columns.isEmpty()) {
            throw new ModelFormatException("Parameter '" + where(s, "columns") + "' is empty");
        }
        int d = columns.size();
        int k = s.getInt("k", 1, Integer.MAX_VALUE);
        CovarianceType type = enumValue(s, "covarianceType", CovarianceType.class);
        double[] weights = s.getDoubles("weights", k);
        double sum = 0;
        for (int c = 0; c < k; c++) {
            if (!(weights[c] > 0)) {
                throw new ModelFormatException("Parameter '" + where(s, "weights") + "[" + c + "]' must be > 0 but is "
                        + weights[c]);
            }
            sum += weights[c];
        }
        if (!(Math.abs(sum - 1) <= 1e-9)) {
            throw new ModelFormatException("Parameter '" + where(s, "weights") + "' must sum to 1 but sums to " + sum);
        }
        double[] means = s.getMatrix("means", k, d);
        long expected = (long) type.parameterLength(k, d);
        double[] cov = s.getDoubles("covariances", (int) Math.min(Integer.MAX_VALUE, expected));
        try {
            GaussianMixtureModel.symmetrise(type, k, d, cov, "Parameter '" + where(s, "covariances") + "'");
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
        if (!s.getBoolean("fitted")) {
            try {
                double[][] rows = new double[k][];
                for (int c = 0; c < k; c++) {
                    rows[c] = Arrays.copyOfRange(means, c * d, (c + 1) * d);
                }
                return GaussianMixtureModel.of(type, weights, rows, cov, columns);
            } catch (IllegalArgumentException e) {
                throw invalid(s, e);
            }
        }
        int[] labels = s.getInts("labels", -1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new ModelFormatException("Parameter '" + where(s, "labels") + "[" + i + "]' = " + labels[i]
                        + " is not in [0, " + k + ")");
            }
        }
        double lowerBound = s.getDouble("lowerBound");
        int nInit = s.getInt("nInit", 1, Integer.MAX_VALUE);
        double regCovar = s.getDouble("regCovar");
        if (!(regCovar >= 0)) {
            throw new ModelFormatException("Parameter '" + where(s, "regCovar") + "' must be >= 0 but is " + regCovar);
        }
        GaussianMixture.Init init = enumValue(s, "init", GaussianMixture.Init.class);
        try {
            return new GaussianMixtureModel(columns, type, k, weights, means, cov, labels, lowerBound,
                    s.getInt("iterations", 1, Integer.MAX_VALUE), s.getBoolean("converged"), s.getLong("seed"),
                    s.getInt("bestRun", 0, nInit - 1), nInit, init, regCovar,
                    s.getInt("reinitializations", 0, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw invalid(s, e);
        }
    }

    private static String where(Section s, String name) {
        return s.path().isEmpty() ? name : s.path() + "." + name;
    }

    private static ModelFormatException invalid(Section s, IllegalArgumentException e) {
        return new ModelFormatException("Invalid Gaussian-mixture model in '" + s.path() + "': " + e.getMessage(), e);
    }

    private static <E extends Enum<E>> E enumValue(Section s, String name, Class<E> type)
            throws ModelFormatException {
        String v = s.getString(name);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Parameter '" + where(s, name) + "' = \"" + v
                    + "\" is not one of " + Arrays.toString(type.getEnumConstants()), e);
        }
    }

    @Override
    public Lineage lineageOf(GaussianMixtureModel m) {
        Lineage.Builder b = Lineage.builder().rows(m.trainingRows()).features(m.columnNames());
        if (m.init() != null) {
            b.seed(m.seed());
        }
        return b.build();
    }
}
