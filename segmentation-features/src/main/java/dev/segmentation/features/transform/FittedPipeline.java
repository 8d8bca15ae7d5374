/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.FeatureTransform;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A fitted {@link FeaturePipeline}: the {@link FeatureTransform} a scorer replays for every new customer,
 * saved with the model as model type {@code "feature-pipeline"} (see {@link FeaturePipelineCodec}).
 *
 * <p>{@link #transformRow} copies the row and applies each step in place; it allocates nothing (except to
 * build the message of an exception) and the object is immutable, so one instance can serve any number of
 * threads. {@link #transform(Dataset)} gives the same values as calling {@code transformRow} on each row, and
 * its error messages also carry the row index.
 *
 * <p>{@link #fingerprint()} is a SHA-256 over a canonical encoding of everything that determines the output
 * (column names, step types, step columns, and the IEEE-754 bits of every fitted parameter), so a model can
 * record exactly which feature version fed it; two pipelines with the same fingerprint transform every row
 * identically. The training row count and the fit report do not enter the fingerprint.
 *
 * <p>{@link #equals} compares column names and fingerprints.
 *
 * @since 0.1
 */
public final class FittedPipeline implements FeatureTransform {
    private static final Logger LOG = LoggerFactory.getLogger(FittedPipeline.class);

    private final List<String> names;
    private final int dim;
    private final Step[] steps;
    private final FitReport report;
    private final String fingerprint;

    FittedPipeline(List<String> names, Step[] steps, long fitRows) {
        this(names, steps, fitRows, true);
    }

    FittedPipeline(List<String> names, Step[] steps, long fitRows, boolean fresh) {
        this.names = List.copyOf(names);
        this.dim = names.size();
        this.steps = steps.clone();
        List<String> zeroVariance = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (isConstantSomewhere(j)) {
                zeroVariance.add(names.get(j));
            }
        }
        this.report = new FitReport(fitRows, zeroVariance);
        this.fingerprint = computeFingerprint();
        if (fresh && !zeroVariance.isEmpty()) {
            LOG.warn("Zero-variance columns at standardize: {} (scale set to 1; they are constant after centring)",
                    zeroVariance);
        }
    }

    private boolean isConstantSomewhere(int j) {
        for (int s = 0; s < steps.length; s++) {
            if (steps[s] instanceof StandardizeStep) {
                StandardizeStep st = (StandardizeStep) steps[s];
                for (int k = 0; k < st.columns.length; k++) {
                    if (st.columns[k] == j && st.constant[k]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public List<String> inputNames() {
        return names;
    }

    @Override
    public List<String> outputNames() {
        return names;
    }

    /** The fit report: training rows and zero-variance columns. */
    public FitReport report() {
        return report;
    }

    /** The SHA-256 fingerprint of the fitted parameters, 64 lower-case hex digits. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The step types, in order (for example {@code [log1p, standardize]}). */
    public List<String> stepTypes() {
        List<String> out = new ArrayList<>(steps.length);
        for (int s = 0; s < steps.length; s++) {
            out.add(steps[s].type());
        }
        return List.copyOf(out);
    }

    Step[] steps() {
        return steps.clone();
    }

    @Override
    public void transformRow(double[] in, int inOffset, double[] out, int outOffset) {
        System.arraycopy(in, inOffset, out, outOffset, dim);
        Step[] st = steps;
        for (int s = 0; s < st.length; s++) {
            st[s].apply(out, outOffset, -1, s, names);
        }
    }

    @Override
    public Dataset transform(Dataset raw) {
        Checks.notNull("raw", raw);
        if (!raw.columnNames().equals(names)) {
            throw new IllegalArgumentException(
                    "The pipeline expects columns " + names + " but the dataset has " + raw.columnNames());
        }
        int n = raw.rows();
        int d = names.size();
        double[] out = raw.toRowMajorArray();
        Step[] st = steps;
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < st.length; s++) {
                st[s].apply(out, i * d, i, s, names);
            }
        }
        return DatasetAccess.wrap(out, n, d, names);
    }

    private String computeFingerprint() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF("dev.segmentation.features/feature-pipeline/1");
            out.writeInt(names.size());
            for (int j = 0; j < names.size(); j++) {
                out.writeUTF(names.get(j));
            }
            out.writeInt(steps.length);
            for (int s = 0; s < steps.length; s++) {
                steps[s].fingerprint(out);
            }
            out.flush();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedPipeline && names.equals(((FittedPipeline) o).names)
                && fingerprint.equals(((FittedPipeline) o).fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "FittedPipeline[columns=" + names + ", steps=" + stepTypes() + ", fingerprint="
                + fingerprint.substring(0, 12) + "..., " + report + "]";
    }
}
