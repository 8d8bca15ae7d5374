/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.pmml;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.Section;
import dev.segmentation.core.scoring.NearestCentroidScorer;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.core.internal.AtomicFiles;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Exports a centroid scorer, its fitted feature pipeline included, as a PMML 4.4 {@code ClusteringModel}, so that
 * other scoring systems (JPMML, database scoring engines, Spark) give the same segments.
 * <pre>{@code
 * PmmlExport.write(scorer, Path.of("segments.pmml"));
 * }</pre>
 *
 * <h2>What is exported</h2>
 * <ul>
 *   <li>the raw inputs as the {@code DataDictionary} (numeric: continuous doubles; categorical: strings with their
 *       categories as values);</li>
 *   <li>every pipeline step as {@code DerivedField}s of the {@code TransformationDictionary}, with the same
 *       arithmetic as the library, operation for operation: {@code log1p} as PMML 4.4's {@code ln1p};
 *       {@code standardize} as \( (x - \mu) / s \); {@code minmax} as \( x s + m \) with the library's scale and
 *       offset; {@code robust} as \( (x - c) / r \); {@code impute} as field references with
 *       {@code mapMissingTo} (and 0/1 {@code isMissing} indicators); {@code onehot} as one {@code NormDiscrete}
 *       per frequent category and an {@code isNotIn} test for the "other" slot; {@code drop} by leaving the column
 *       out;</li>
 *   <li>the model as a center-based {@code ClusteringModel}: squared Euclidean distance, one {@code Cluster} per
 *       segment with its centre, its segment name and its training size; cluster ids are our labels, so the
 *       predicted value is the segment id and the predicted display value its name.</li>
 * </ul>
 * Unseen categories follow the encoder's policy: {@code error} makes the input invalid ({@code returnInvalid}),
 * {@code ignore} and {@code other} let it through ({@code asIs}) to all-zero slots or the other slot.
 *
 * <h2>What is refused</h2>
 * Models that do not assign by the nearest centre: Gaussian mixtures assign by posterior probability and DBSCAN
 * by the nearest core row within eps with a noise label, neither of which a PMML {@code ClusteringModel}
 * expresses. Pipeline steps without a PMML form here (ordinal encoding, quantile, winsorising, PCA, composite
 * scores, n-tiles) are refused naming the step. Each refusal is an {@link IllegalArgumentException} that says why.
 *
 * <p>The output is deterministic (no time stamp) and numbers are written in the shortest form that reads back to
 * the same double. Thread-safe.
 *
 * @since 0.1
 */
public final class PmmlExport {
    /** The PMML namespace of version 4.4. */
    public static final String NAMESPACE = "http://www.dmg.org/PMML-4_4";

    private PmmlExport() {
    }

    /**
     * The scorer as a PMML 4.4 document.
     *
     * @throws IllegalArgumentException if the model or a pipeline step cannot be expressed (see the class
     *     documentation)
     */
    public static String toPmml(SegmentScorer scorer) {
        Checks.notNull("scorer", scorer);
        NearestCentroidScorer centroids = centroidAssigner(scorer);
        Fields fields = new Fields();
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            Xml x = new Xml(w);
            w.writeStartDocument("UTF-8", "1.0");
            x.start("PMML");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeAttribute("version", "4.4");
            x.start("Header");
            w.writeAttribute("description", "Customer segments: " + scorer.model().map(m -> m.getClass().getSimpleName())
                    .orElse("centroids") + ", k = " + scorer.k() + ", inputs " + scorer.inputNames());
            x.empty("Application");
            w.writeAttribute("name", "segmentation");
            w.writeAttribute("version", ModelIO.libraryVersion());
            x.end();
            Pipeline p = Pipeline.of(scorer);
            dataDictionary(x, p, fields);
            x.start("TransformationDictionary");
            p.derive(x, fields);
            x.end();
            if (!fields.current.equals(fieldNamesFor(scorer, fields))) {
                throw new IllegalStateException("The exported pipeline produces " + fields.current
                        + " but the model reads " + scorer.featureNames());
            }
            model(x, scorer, centroids, p, fields);
            x.end();
            w.writeEndDocument();
            w.close();
            return out.toString() + "\n";
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write XML: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@link #toPmml} to a file (UTF-8), atomically.
     *
     * @throws IllegalArgumentException as {@link #toPmml}
     * @throws IOException if the file cannot be written
     */
    public static void write(SegmentScorer scorer, Path path) throws IOException {
        Checks.notNull("path", path);
        AtomicFiles.write(path, toPmml(scorer).getBytes(StandardCharsets.UTF_8));
    }

    private static NearestCentroidScorer centroidAssigner(SegmentScorer scorer) {
        if (scorer.assigner() instanceof NearestCentroidScorer) {
            return (NearestCentroidScorer) scorer.assigner();
        }
        String model = scorer.model().map(m -> m.getClass().getSimpleName()).orElse(scorer.assigner().getClass()
                .getSimpleName());
        String why;
        switch (scorer.confidenceKind()) {
            case POSTERIOR:
                why = "it assigns by posterior probability under Gaussian components, which a PMML ClusteringModel "
                        + "(nearest centre by a distance or similarity) cannot express";
                break;
            case CORE_PROXIMITY:
                why = "it assigns to the cluster of the nearest core row within eps and labels the rest noise; a PMML "
                        + "ClusteringModel has neither core rows nor noise";
                break;
            default:
                why = "it does not assign by the nearest centre";
                break;
        }
        throw new IllegalArgumentException("PMML export covers centroid models (K-means, mini-batch K-means, merged "
                + "centroid and hierarchical models); the scorer's model is " + model + ": " + why);
    }

    private static List<String> fieldNamesFor(SegmentScorer scorer, Fields fields) {
        List<String> out = new ArrayList<>();
        for (String f : scorer.featureNames()) {
            out.add(fields.byColumn(f));
        }
        return out;
    }

    private static void dataDictionary(Xml x, Pipeline p, Fields fields) throws XMLStreamException {
        x.start("DataDictionary");
        x.w.writeAttribute("numberOfFields", Integer.toString(p.inputs.size()));
        for (int j = 0; j < p.inputs.size(); j++) {
            String name = p.inputs.get(j);
            List<String> cats = p.categories.get(j);
            boolean categorical = cats != null;
            if (categorical && !cats.isEmpty()) {
                x.start("DataField");
            } else {
                x.empty("DataField");
            }
            x.w.writeAttribute("name", name);
            x.w.writeAttribute("optype", categorical ? "categorical" : "continuous");
            x.w.writeAttribute("dataType", categorical ? "string" : "double");
            if (categorical && !cats.isEmpty()) {
                for (String c : cats) {
                    x.empty("Value");
                    x.w.writeAttribute("value", c);
                }
                x.end();
            }
            fields.input(name, categorical);
        }
        x.end();
    }

    private static void model(Xml x, SegmentScorer scorer, NearestCentroidScorer assigner, Pipeline p, Fields fields)
            throws XMLStreamException {
        Centroids c = assigner.centroids();
        int k = c.k();
        int d = c.dimension();
        x.start("ClusteringModel");
        x.w.writeAttribute("modelName", "segments");
        x.w.writeAttribute("functionName", "clustering");
        x.w.writeAttribute("algorithmName", scorer.model().map(m -> m.getClass().getSimpleName()).orElse("centroids"));
        x.w.writeAttribute("modelClass", "centerBased");
        x.w.writeAttribute("numberOfClusters", Integer.toString(k));
        x.start("MiningSchema");
        for (String in : p.inputs) {
            x.empty("MiningField");
            x.w.writeAttribute("name", in);
            x.w.writeAttribute("usageType", "active");
            if (p.categories.get(p.inputs.indexOf(in)) != null) {
                x.w.writeAttribute("invalidValueTreatment", p.errorOnUnseen.contains(in) ? "returnInvalid" : "asIs");
            }
        }
        x.end();
        x.start("Output");
        output(x, "segment", "predictedValue");
        output(x, "segment_name", "predictedDisplayValue");
        x.end();
        x.start("ComparisonMeasure");
        x.w.writeAttribute("kind", "distance");
        x.w.writeAttribute("compareFunction", "absDiff");
        x.empty("squaredEuclidean");
        x.end();
        for (String f : fields.current) {
            x.empty("ClusteringField");
            x.w.writeAttribute("field", f);
        }
        int[] sizes = new int[k];
        boolean haveSizes = scorer.model().isPresent();
        if (haveSizes) {
            ClusterModel m = scorer.model().get();
            for (int label : m.trainingLabels()) {
                if (label >= 0 && label < k) {
                    sizes[label]++;
                }
            }
        }
        for (int s = 0; s < k; s++) {
            x.start("Cluster");
            x.w.writeAttribute("id", Integer.toString(s));
            x.w.writeAttribute("name", scorer.segmentName(s));
            if (haveSizes) {
                x.w.writeAttribute("size", Integer.toString(sizes[s]));
            }
            x.start("Array");
            x.w.writeAttribute("n", Integer.toString(d));
            x.w.writeAttribute("type", "real");
            StringBuilder values = new StringBuilder();
            for (int j = 0; j < d; j++) {
                values.append(j == 0 ? "" : " ").append(c.get(s, j));
            }
            x.w.writeCharacters(values.toString());
            x.endInline();
            x.end();
        }
        x.end();
    }

    private static void output(Xml x, String name, String feature) throws XMLStreamException {
        x.empty("OutputField");
        x.w.writeAttribute("name", name);
        x.w.writeAttribute("optype", "categorical");
        x.w.writeAttribute("dataType", "string");
        x.w.writeAttribute("feature", feature);
    }

    // ------------------------------------------------------------------------------------------ pipeline

    /** The pipeline's documented file layout ({@code FeaturePipelineCodec}), read through its public codec. */
    private static final class Pipeline {
        final List<String> inputs;
        final List<List<String>> categories;
        final List<Section> steps;
        final Set<String> errorOnUnseen = new HashSet<>();

        private Pipeline(List<String> inputs, List<List<String>> categories, List<Section> steps) {
            this.inputs = inputs;
            this.categories = categories;
            this.steps = steps;
        }

        static Pipeline of(SegmentScorer scorer) {
            Section nested = ModelIO.encodeNested(scorer.transform());
            try {
                String type = nested.getString("type");
                List<String> inputs = scorer.inputNames();
                List<List<String>> cats = new ArrayList<>();
                for (int j = 0; j < inputs.size(); j++) {
                    cats.add(null);
                }
                if (type.equals("identity-transform")) {
                    return new Pipeline(inputs, cats, List.of());
                }
                if (!type.equals("feature-pipeline")) {
                    throw new IllegalArgumentException("PMML export covers the library's feature pipelines; the scorer's "
                            + "transform is a '" + type + "'");
                }
                Section s = nested.getSection("parameters");
                for (Section c : s.getSections("categoricalColumns")) {
                    cats.set(inputs.indexOf(c.getString("name")), c.getStrings("categories", -1));
                }
                return new Pipeline(inputs, cats, s.getSections("steps"));
            } catch (ModelFormatException e) {
                throw new IllegalStateException("The pipeline's own encoding is unreadable: " + e.getMessage(), e);
            }
        }

        void derive(Xml x, Fields f) throws XMLStreamException {
            try {
                for (int i = 0; i < steps.size(); i++) {
                    step(x, f, steps.get(i), i);
                }
            } catch (ModelFormatException e) {
                throw new IllegalStateException("The pipeline's own encoding is unreadable: " + e.getMessage(), e);
            }
        }

        private void step(Xml x, Fields f, Section st, int i) throws XMLStreamException, ModelFormatException {
            String type = st.getString("type");
            List<String> cols = st.getStrings("columns", -1);
            switch (type) {
                case "log1p":
                    for (String c : cols) {
                        String out = f.derive(x, c, "log1p(" + f.byColumn(c) + ")", false);
                        x.start("Apply");
                        x.w.writeAttribute("function", "ln1p");
                        fieldRef(x, f.byColumn(c), null);
                        x.end();
                        f.finish(x, c, out);
                    }
                    break;
                case "standardize":
                    linear(x, f, cols, st.getDoubles("mean", cols.size()), st.getDoubles("scale", cols.size()), type);
                    break;
                case "robust": {
                    double[] center = st.getDoubles("center", cols.size());
                    double[] range = st.getDoubles("range", cols.size());
                    double[] scale = new double[range.length];
                    for (int k = 0; k < range.length; k++) {
                        scale[k] = range[k] < 10 * Math.ulp(1.0) ? 1.0 : range[k];
                    }
                    linear(x, f, cols, center, scale, type);
                    break;
                }
                case "minmax":
                    minMax(x, f, cols, st);
                    break;
                case "impute":
                    impute(x, f, cols, st);
                    break;
                case "drop":
                    for (String c : cols) {
                        f.drop(c);
                    }
                    break;
                case "onehot":
                    oneHot(x, f, cols, st);
                    break;
                default:
                    throw new IllegalArgumentException("PMML export does not cover pipeline step " + (i + 1) + " ('"
                            + type + "' on " + cols + "); it covers log1p, standardize, robust, minmax, impute, drop "
                            + "and onehot");
            }
        }

        private static void linear(Xml x, Fields f, List<String> cols, double[] centre, double[] scale, String type)
                throws XMLStreamException {
            for (int k = 0; k < cols.size(); k++) {
                String c = cols.get(k);
                String out = f.derive(x, c, type + "(" + f.byColumn(c) + ")", false);
                x.start("Apply");
                x.w.writeAttribute("function", "/");
                x.start("Apply");
                x.w.writeAttribute("function", "-");
                fieldRef(x, f.byColumn(c), null);
                constant(x, centre[k]);
                x.end();
                constant(x, scale[k]);
                x.end();
                f.finish(x, c, out);
            }
        }

        private static void minMax(Xml x, Fields f, List<String> cols, Section st)
                throws XMLStreamException, ModelFormatException {
            double[] range = st.getDoubles("featureRange", 2);
            double[] min = st.getDoubles("dataMin", cols.size());
            double[] max = st.getDoubles("dataMax", cols.size());
            for (int k = 0; k < cols.size(); k++) {
                // the library's own scale and offset (MinMaxStep), so that the arithmetic is the same
                double span = max[k] - min[k];
                double scale = (range[1] - range[0]) / (span < 10 * Math.ulp(1.0) ? 1.0 : span);
                double offset = range[0] - min[k] * scale;
                String c = cols.get(k);
                String out = f.derive(x, c, "minmax(" + f.byColumn(c) + ")", false);
                x.start("Apply");
                x.w.writeAttribute("function", "+");
                x.start("Apply");
                x.w.writeAttribute("function", "*");
                fieldRef(x, f.byColumn(c), null);
                constant(x, scale);
                x.end();
                constant(x, offset);
                x.end();
                f.finish(x, c, out);
            }
        }

        private static void impute(Xml x, Fields f, List<String> cols, Section st)
                throws XMLStreamException, ModelFormatException {
            List<String> categoryFill = st.getStrings("categoryFill", -1);
            double[] numericFill = st.getDoubles("numericFill", -1);
            List<String> indicators = st.getStrings("indicatorColumns", -1);
            List<String> before = new ArrayList<>();
            for (String c : indicators) {
                before.add(f.byColumn(c));
            }
            int a = 0;
            int b = 0;
            for (String c : cols) {
                boolean categorical = f.isCategorical(c);
                String fill = categorical ? categoryFill.get(b++) : Double.toString(numericFill[a++]);
                String out = f.derive(x, c, "impute(" + f.byColumn(c) + ")", categorical);
                fieldRef(x, f.byColumn(c), fill);
                f.finish(x, c, out);
            }
            for (int t = 0; t < indicators.size(); t++) {
                String name = indicators.get(t) + "_missing";
                String out = f.deriveNew(x, name, "isMissing(" + before.get(t) + ")");
                x.start("Apply");
                x.w.writeAttribute("function", "if");
                x.start("Apply");
                x.w.writeAttribute("function", "isMissing");
                fieldRef(x, before.get(t), null);
                x.end();
                constant(x, 1.0);
                constant(x, 0.0);
                x.end();
                f.finishNew(x, name, out);
            }
        }

        private void oneHot(Xml x, Fields f, List<String> cols, Section st)
                throws XMLStreamException, ModelFormatException {
            String policy = st.getString("unseen");
            List<Section> encodings = st.getSections("encodings");
            List<String> before = new ArrayList<>(f.columns);
            List<String> columnsAfter = new ArrayList<>();
            List<String> fieldsAfter = new ArrayList<>();
            List<Boolean> catAfter = new ArrayList<>();
            for (String col : before) {
                int k = cols.indexOf(col);
                if (k < 0) {
                    columnsAfter.add(col);
                    fieldsAfter.add(f.byColumn(col));
                    catAfter.add(f.isCategorical(col));
                    continue;
                }
                if (policy.equals("error") && inputs.contains(col)) {
                    errorOnUnseen.add(col);
                }
                String source = f.byColumn(col);
                List<String> frequent = encodings.get(k).getStrings("categories", -1);
                List<String> rare = encodings.get(k).getStrings("rare", -1);
                for (String cat : frequent) {
                    String name = col + "=" + cat;
                    String out = f.deriveNew(x, name, name);
                    x.empty("NormDiscrete");
                    x.w.writeAttribute("field", source);
                    x.w.writeAttribute("value", cat);
                    x.end();
                    columnsAfter.add(name);
                    fieldsAfter.add(out);
                    catAfter.add(false);
                }
                if (!rare.isEmpty() || policy.equals("other")) {
                    String name = col + "=(other)";
                    String out = f.deriveNew(x, name, name);
                    x.start("Apply");
                    x.w.writeAttribute("function", "if");
                    x.start("Apply");
                    x.w.writeAttribute("function", "isNotIn");
                    fieldRef(x, source, null);
                    for (String cat : frequent) {
                        x.start("Constant");
                        x.w.writeAttribute("dataType", "string");
                        x.w.writeCharacters(cat);
                        x.endInline();
                    }
                    x.end();
                    constant(x, 1.0);
                    constant(x, 0.0);
                    x.end();
                    x.end();
                    columnsAfter.add(name);
                    fieldsAfter.add(out);
                    catAfter.add(false);
                }
            }
            f.replaceAll(columnsAfter, fieldsAfter, catAfter);
        }

        private static void fieldRef(Xml x, String field, String mapMissingTo) throws XMLStreamException {
            x.empty("FieldRef");
            x.w.writeAttribute("field", field);
            if (mapMissingTo != null) {
                x.w.writeAttribute("mapMissingTo", mapMissingTo);
            }
        }

        private static void constant(Xml x, double v) throws XMLStreamException {
            x.start("Constant");
            x.w.writeAttribute("dataType", "double");
            x.w.writeCharacters(Double.toString(v));
            x.endInline();
        }
    }

    /**
     * The pipeline's columns at the current step and the PMML field holding each. Invariants: {@code columns},
     * {@code current} and {@code categorical} have one entry per column; every field name is unique in the
     * document.
     */
    private static final class Fields {
        final List<String> columns = new ArrayList<>();
        final List<String> current = new ArrayList<>();
        final List<Boolean> categorical = new ArrayList<>();
        private final Set<String> used = new HashSet<>();

        void input(String name, boolean cat) {
            columns.add(name);
            current.add(name);
            categorical.add(cat);
            used.add(name);
        }

        String byColumn(String column) {
            int j = columns.indexOf(column);
            if (j < 0) {
                throw new IllegalStateException("No column '" + column + "' at this step: " + columns);
            }
            return current.get(j);
        }

        boolean isCategorical(String column) {
            return categorical.get(columns.indexOf(column));
        }

        private String unique(String name) {
            String n = name;
            while (!used.add(n)) {
                n = n + "'";
            }
            return n;
        }

        /** Opens a DerivedField that replaces {@code column}'s field; the caller writes the expression. */
        String derive(Xml x, String column, String name, boolean cat) throws XMLStreamException {
            String n = unique(name);
            open(x, n, cat);
            categorical.set(columns.indexOf(column), cat);
            return n;
        }

        void finish(Xml x, String column, String field) throws XMLStreamException {
            x.end();
            current.set(columns.indexOf(column), field);
        }

        /** Opens a DerivedField for a new numeric column; the caller writes the expression. */
        String deriveNew(Xml x, String column, String name) throws XMLStreamException {
            String n = unique(name);
            open(x, n, false);
            return n;
        }

        void finishNew(Xml x, String column, String field) throws XMLStreamException {
            x.end();
            columns.add(column);
            current.add(field);
            categorical.add(false);
        }

        void drop(String column) {
            int j = columns.indexOf(column);
            columns.remove(j);
            current.remove(j);
            categorical.remove(j);
        }

        void replaceAll(List<String> cols, List<String> fields, List<Boolean> cats) {
            columns.clear();
            columns.addAll(cols);
            current.clear();
            current.addAll(fields);
            categorical.clear();
            categorical.addAll(cats);
        }

        private static void open(Xml x, String name, boolean cat) throws XMLStreamException {
            x.start("DerivedField");
            x.w.writeAttribute("name", name);
            x.w.writeAttribute("optype", cat ? "categorical" : "continuous");
            x.w.writeAttribute("dataType", cat ? "string" : "double");
        }
    }

    /** An indenting layer over a StAX writer. */
    private static final class Xml {
        final XMLStreamWriter w;
        private int depth;
        private boolean inline;

        Xml(XMLStreamWriter w) {
            this.w = w;
        }

        void start(String element) throws XMLStreamException {
            indent();
            w.writeStartElement(element);
            depth++;
        }

        /** An element without children; close it with {@link #end()} only when children follow (never here). */
        void empty(String element) throws XMLStreamException {
            indent();
            w.writeEmptyElement(element);
        }

        void end() throws XMLStreamException {
            depth--;
            if (!inline) {
                indent();
            }
            inline = false;
            w.writeEndElement();
        }

        /** Ends an element whose content is text, on the same line. */
        void endInline() throws XMLStreamException {
            depth--;
            inline = false;
            w.writeEndElement();
        }

        private void indent() throws XMLStreamException {
            w.writeCharacters("\n" + "  ".repeat(depth));
        }
    }
}
