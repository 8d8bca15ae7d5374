/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

/**
 * The model-file codecs of the CLV models, registered for {@link java.util.ServiceLoader}; applications use
 * {@link dev.segmentation.core.io.ModelIO} rather than these classes.
 *
 * <h2>Layout version 1</h2>
 * The parameters by name ({@code bgnbd}: {@code r}, {@code alpha}, {@code a}, {@code b}; {@code paretonbd}:
 * {@code r}, {@code alpha}, {@code s}, {@code beta}; {@code gammagamma}: {@code p}, {@code q}, {@code gamma},
 * with {@code excludedWithoutRepeats} and {@code excludedZeroSpend}), and for a fitted model a {@code fit}
 * section: {@code customers}, {@code excluded}, {@code logLikelihood}, {@code penalizer}, {@code optimizer},
 * {@code iterations}, {@code evaluations}, {@code gradientNorm}, {@code objective}. Decoding refuses, with a
 * {@link ModelFormatException} naming the parameter, a parameter outside its domain (not finite and positive), a
 * negative count, and a fit that is not marked converged.
 *
 * @since 0.1
 */
public final class ClvCodecs {
    private ClvCodecs() {
    }

    /** Writes {@link BgNbdModel} as model type {@code "bgnbd"}. */
    public static final class BgNbd implements ModelCodec<BgNbdModel> {
        /** For the service loader. */
        public BgNbd() {
        }

        @Override
        public String type() {
            return "bgnbd";
        }

        @Override
        public Class<BgNbdModel> modelClass() {
            return BgNbdModel.class;
        }

        @Override
        public Section encode(BgNbdModel m) {
            Section.Builder b = Section.builder().put("r", m.r()).put("alpha", m.alpha()).put("a", m.a())
                    .put("b", m.b());
            m.fit().ifPresent(f -> b.put("fit", encodeFit(f)));
            return b.build();
        }

        @Override
        public BgNbdModel decode(Section s, int version) throws ModelFormatException {
            return new BgNbdModel(positive(s, "r"), positive(s, "alpha"), positive(s, "a"), positive(s, "b"),
                    decodeFit(s));
        }

        @Override
        public Lineage lineageOf(BgNbdModel m) {
            return lineage(m.fit().orElse(null));
        }
    }

    /** Writes {@link ParetoNbdModel} as model type {@code "paretonbd"}. */
    public static final class ParetoNbd implements ModelCodec<ParetoNbdModel> {
        /** For the service loader. */
        public ParetoNbd() {
        }

        @Override
        public String type() {
            return "paretonbd";
        }

        @Override
        public Class<ParetoNbdModel> modelClass() {
            return ParetoNbdModel.class;
        }

        @Override
        public Section encode(ParetoNbdModel m) {
            Section.Builder b = Section.builder().put("r", m.r()).put("alpha", m.alpha()).put("s", m.s())
                    .put("beta", m.beta());
            m.fit().ifPresent(f -> b.put("fit", encodeFit(f)));
            return b.build();
        }

        @Override
        public ParetoNbdModel decode(Section s, int version) throws ModelFormatException {
            return new ParetoNbdModel(positive(s, "r"), positive(s, "alpha"), positive(s, "s"), positive(s, "beta"),
                    decodeFit(s));
        }

        @Override
        public Lineage lineageOf(ParetoNbdModel m) {
            return lineage(m.fit().orElse(null));
        }
    }

    /** Writes {@link GammaGammaModel} as model type {@code "gammagamma"}. */
    public static final class GammaGamma implements ModelCodec<GammaGammaModel> {
        /** For the service loader. */
        public GammaGamma() {
        }

        @Override
        public String type() {
            return "gammagamma";
        }

        @Override
        public Class<GammaGammaModel> modelClass() {
            return GammaGammaModel.class;
        }

        @Override
        public Section encode(GammaGammaModel m) {
            Section.Builder b = Section.builder().put("p", m.p()).put("q", m.q()).put("gamma", m.gamma())
                    .put("excludedWithoutRepeats", m.excludedWithoutRepeats())
                    .put("excludedZeroSpend", m.excludedZeroSpend());
            m.fit().ifPresent(f -> b.put("fit", encodeFit(f)));
            return b.build();
        }

        @Override
        public GammaGammaModel decode(Section s, int version) throws ModelFormatException {
            return new GammaGammaModel(positive(s, "p"), positive(s, "q"), positive(s, "gamma"), decodeFit(s),
                    s.getInt("excludedWithoutRepeats", 0, Integer.MAX_VALUE),
                    s.getInt("excludedZeroSpend", 0, Integer.MAX_VALUE));
        }

        @Override
        public Lineage lineageOf(GammaGammaModel m) {
            return lineage(m.fit().orElse(null));
        }
    }

    private static Lineage lineage(ClvFit f) {
        return f == null ? Lineage.builder().build() : Lineage.builder().rows(f.customers() + f.excluded()).build();
    }

    static double positive(Section s, String name) throws ModelFormatException {
        double v = s.getDouble(name);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ModelFormatException("Parameter '" + where(s, name) + "' must be finite and > 0 but is " + v);
        }
        return v;
    }

    private static String where(Section s, String name) {
        return s.path().isEmpty() ? name : s.path() + "." + name;
    }

    static Section encodeFit(ClvFit f) {
        FitDiagnostics d = f.diagnostics();
        return Section.builder().put("customers", f.customers()).put("excluded", f.excluded())
                .put("logLikelihood", f.logLikelihood()).put("penalizer", f.penalizer())
                .put("optimizer", d.optimizer()).put("converged", d.converged()).put("iterations", d.iterations())
                .put("evaluations", d.evaluations()).put("gradientNorm", d.gradientNorm())
                .put("objective", d.objective()).build();
    }

    static ClvFit decodeFit(Section s) throws ModelFormatException {
        if (!s.has("fit")) {
            return null;
        }
        Section f = s.getSection("fit");
        int customers = f.getInt("customers", 1, Integer.MAX_VALUE);
        int excluded = f.getInt("excluded", 0, Integer.MAX_VALUE);
        double penalizer = f.getDouble("penalizer");
        if (!(penalizer >= 0)) {
            throw new ModelFormatException("Parameter '" + where(f, "penalizer") + "' must be >= 0 but is "
                    + penalizer);
        }
        if (!f.getBoolean("converged")) {
            throw new ModelFormatException("Parameter '" + where(f, "converged") + "' is false: a non-converged fit"
                    + " is never a model");
        }
        FitDiagnostics d = new FitDiagnostics(f.getString("optimizer"), true, f.getInt("iterations", 0,
                Integer.MAX_VALUE), f.getInt("evaluations", 0, Integer.MAX_VALUE), f.getDouble("gradientNorm"),
                f.getDouble("objective"));
        return new ClvFit(customers, excluded, f.getDouble("logLikelihood"), penalizer, d);
    }
}
