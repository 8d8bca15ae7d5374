/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints JMH JSON results ({@code -rf json -rff file}) as the markdown tables of the README: one table per
 * benchmark class, one row per contender and parameter set, with the median over all measurement
 * iterations of all forks, and ratios.
 *
 * <p>Naming convention of the benchmark methods: {@code ours*} are this library, {@code naive} is the
 * textbook baseline, {@code baseline*} are harness controls (shown, never compared), everything else is a
 * peer library. Ratios are speed ratios whatever the mode (throughput as is, times inverted), so "2.00x"
 * always means "twice as fast":
 * <ul>
 *   <li>"vs naive": the row's speed over the naive loop's, in the same parameter set;</li>
 *   <li>one column per {@code ours*} method, headed "{@code oursX} is": "3.20x faster" or "1.18x slower"
 *       than the row's contender.</li>
 * </ul>
 * Usage: {@code java -cp benchmarks.jar dev.segmentation.bench.report.ResultTable results.json}
 */
public final class ResultTable {
    private ResultTable() {
    }

    /** One benchmark method with one parameter set. */
    private record Row(String className, String method, String params, String mode, double median,
                       String unit) {
        /** Higher is faster. */
        double speed() {
            return mode.equals("thrpt") ? median : 1.0 / median;
        }
    }

    /**
     * Reads the JSON file named by {@code args[0]} and prints the tables to standard output.
     *
     * @throws IOException if the file cannot be read or parsed
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ResultTable <jmh-results.json>");
            System.exit(2);
        }
        JsonNode root = new ObjectMapper().readTree(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        print(root, System.out);
    }

    static void print(JsonNode root, PrintStream out) {
        Map<String, List<Row>> byClass = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (JsonNode b : root) {
            String full = b.get("benchmark").asText();
            int dot = full.lastIndexOf('.');
            String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
            JsonNode pm = b.get("primaryMetric");
            double median = pm.get("scorePercentiles").get("50.0").asDouble();
            Row row = new Row(cls, full.substring(dot + 1), params(b.get("params")), b.get("mode").asText(), median,
                    pm.get("scoreUnit").asText());
            byClass.computeIfAbsent(cls, c -> new ArrayList<>()).add(row);
            settings.putIfAbsent(cls, String.format(Locale.ROOT,
                    "JDK %s (%s), JMH %s, %d fork(s), warmup %d x %s, measurement %d x %s, %d thread(s), %s",
                    b.get("jdkVersion").asText(), b.get("vmName").asText(), b.get("jmhVersion").asText(),
                    b.get("forks").asInt(), b.get("warmupIterations").asInt(), b.get("warmupTime").asText(),
                    b.get("measurementIterations").asInt(), b.get("measurementTime").asText(),
                    b.get("threads").asInt(), jvmArgs(b.get("jvmArgs"))));
        }
        String cpu = cpuModel();
        if (cpu != null) {
            out.println("CPU: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " hardware threads");
            out.println();
        }
        for (Map.Entry<String, List<Row>> e : byClass.entrySet()) {
            table(e.getKey(), settings.get(e.getKey()), e.getValue(), out);
        }
    }

    private static void table(String cls, String settings, List<Row> rows, PrintStream out) {
        Set<String> ours = new LinkedHashSet<>();
        boolean hasNaive = false;
        boolean hasParams = false;
        for (Row r : rows) {
            if (r.method().startsWith("ours")) {
                ours.add(r.method());
            }
            hasNaive |= r.method().equals("naive");
            hasParams |= !r.params().isEmpty();
        }
        out.println("### " + cls);
        out.println();
        out.println(settings);
        out.println();
        StringBuilder head = new StringBuilder("| ");
        StringBuilder rule = new StringBuilder("|");
        if (hasParams) {
            head.append("params | ");
            rule.append("---|");
        }
        head.append("contender | median | unit |");
        rule.append("---|---:|---|");
        if (hasNaive) {
            head.append(" vs naive |");
            rule.append("---:|");
        }
        for (String o : ours) {
            head.append(' ').append(o).append(" is |");
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        Set<String> paramSets = new LinkedHashSet<>();
        for (Row r : rows) {
            paramSets.add(r.params());
        }
        for (String p : paramSets) {
            List<Row> group = new ArrayList<>();
            for (Row r : rows) {
                if (r.params().equals(p)) {
                    group.add(r);
                }
            }
            group.sort((a, b) -> Integer.compare(rank(a.method()), rank(b.method())));
            Row naive = find(group, "naive");
            for (Row r : group) {
                StringBuilder line = new StringBuilder("| ");
                if (hasParams) {
                    line.append(p).append(" | ");
                }
                line.append(r.method()).append(" | ").append(number(r.median())).append(" | ").append(r.unit())
                        .append(" |");
                boolean control = r.method().startsWith("baseline");
                if (hasNaive) {
                    line.append(' ').append(control || naive == null ? "" : ratio(r.speed() / naive.speed()))
                            .append(" |");
                }
                for (String o : ours) {
                    Row mine = find(group, o);
                    boolean self = r.method().equals(o);
                    line.append(' ').append(control || self || mine == null ? "" : compare(mine.speed(), r.speed()))
                            .append(" |");
                }
                out.println(line);
            }
        }
        out.println();
    }

    private static int rank(String method) {
        if (method.startsWith("ours")) {
            return 0;
        }
        if (method.equals("naive")) {
            return 1;
        }
        return method.startsWith("baseline") ? 3 : 2;
    }

    private static Row find(List<Row> group, String method) {
        for (Row r : group) {
            if (r.method().equals(method)) {
                return r;
            }
        }
        return null;
    }

    private static String params(JsonNode params) {
        if (params == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue().asText());
        }
        return sb.toString();
    }

    private static String jvmArgs(JsonNode args) {
        List<String> out = new ArrayList<>();
        if (args != null) {
            for (JsonNode a : args) {
                out.add(a.asText());
            }
        }
        return "JVM args " + (out.isEmpty() ? "(none)" : String.join(" ", out));
    }

    private static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3g M", v / 1e6).replace("e+0", "e");
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** "2.00x faster" or "2.00x slower": the ratio is always at least 1. */
    private static String compare(double mine, double theirs) {
        return mine >= theirs ? ratio(mine / theirs) + " faster" : ratio(theirs / mine) + " slower";
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }

    /** The CPU model from {@code /proc/cpuinfo}, or {@code null} where there is none. */
    private static String cpuModel() {
        Path p = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(p)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
