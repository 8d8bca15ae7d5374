/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hot paths use indexed for-loops and no {@code var} (in the manner of EJML's TestEnforceCodeStandards), and
 * library code never prints.
 */
class CodeStandardsTest {
    static final Path MAIN = Path.of("src/main/java/dev/segmentation/features");
    static final List<String> HOT = List.of("internal/DecimalParser.java", "internal/TimestampParser.java",
            "internal/StringDictionary.java", "internal/TransactionColumns.java",
            "internal/TransactionColumnsBuilder.java", "io/RecordHandler.java", "io/SourceReader.java",
            "io/TableColumns.java", "rfm/Rfm.java",
            "transform/Log1pStep.java", "transform/StandardizeStep.java", "transform/FittedPipeline.java",
            "transform/Step.java", "transform/MinMaxStep.java", "transform/RobustStep.java",
            "transform/QuantileStep.java", "transform/WinsorizeStep.java", "transform/ImputeStep.java",
            "transform/DropStep.java", "transform/OneHotStep.java", "transform/OrdinalStep.java",
            "transform/ColumnEncoding.java", "transform/PcaStep.java", "transform/CompositeStep.java",
            "transform/NtileStep.java", "internal/Quantiles.java",
            "internal/NormalQuantile.java", "internal/Ntiles.java", "internal/Duplicates.java",
            "internal/CustomerRows.java", "rfm/BtydSummary.java", "rfm/RfmWindows.java", "behaviour/Sessions.java",
            "behaviour/DecayedEngagement.java", "behaviour/NavigationMotifs.java", "TransactionFilter.java",
            "clv/Special.java", "clv/BgNbd.java", "clv/BgNbdModel.java", "clv/ParetoNbd.java", "clv/ParetoNbdModel.java",
            "clv/GammaGamma.java", "clv/GammaGammaModel.java", "clv/CustomerLifetimeValue.java", "clv/Compressed.java");
    static final Pattern FOR_EACH = Pattern.compile("for\\s*\\([^;)]*\\s:\\s");
    static final Pattern VAR = Pattern.compile("(^|[\\s(])var\\s+\\w+\\s*=");
    static final Pattern PRINT = Pattern.compile("System\\.(out|err)|printStackTrace");

    @Test
    void hotPathsUseIndexedLoopsAndNoVar() throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the module directory");
        List<String> problems = new ArrayList<>();
        for (int f = 0; f < HOT.size(); f++) {
            List<String> lines = Files.readAllLines(MAIN.resolve(HOT.get(f)));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FOR_EACH.matcher(line).find() || VAR.matcher(line).find()) {
                    problems.add(HOT.get(f) + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void libraryCodeNeverPrints() throws IOException {
        List<String> problems = new ArrayList<>();
        try (var files = Files.walk(MAIN)) {
            for (Path p : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    if (PRINT.matcher(lines.get(i)).find()) {
                        problems.add(p + ":" + (i + 1));
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
