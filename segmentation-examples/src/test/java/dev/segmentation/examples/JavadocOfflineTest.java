/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import dev.segmentation.report.browser.Chromium;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The javadoc of every library module renders its formulas offline: MathJax ships inside each javadoc jar, no page
 * loads a script, stylesheet or font from the network, and a page with formulas typesets them in headless
 * Chromium with no request leaving the file system. The javadoc jars are built in the package phase, before this
 * module's tests in the test command; run alone, without them, the test is skipped with a message.
 */
class JavadocOfflineTest {
    private static final List<String> LIBRARY = List.of("segmentation-core", "segmentation-features",
            "segmentation-validation", "segmentation-activation", "segmentation-report", "segmentation-serving");
    private static final Pattern EXTERNAL = Pattern.compile("<(script|link|img)[^>]+(src|href)=\"(https?:)?//[^\"]*\"");

    @Test
    void everyJavadocJarShipsItsRendererAndLoadsNothingFromTheNetwork(@TempDir Path dir) throws Exception {
        Path coreDocs = null;
        for (String module : LIBRARY) {
            Path jar = javadocJar(module);
            Path out = dir.resolve(module);
            unzip(jar, out);
            assertTrue(Files.isRegularFile(out.resolve("resources/mathjax/tex-svg.js")), module + ": MathJax shipped");
            assertTrue(Files.isRegularFile(out.resolve("resources/mathjax/LICENSE")), module + ": MathJax's licence");
            List<String> external = new ArrayList<>();
            try (Stream<Path> pages = Files.walk(out)) {
                for (Path page : (Iterable<Path>) pages.filter(p -> p.toString().endsWith(".html"))::iterator) {
                    Matcher m = EXTERNAL.matcher(Files.readString(page, StandardCharsets.UTF_8));
                    while (m.find()) {
                        external.add(out.relativize(page) + ": " + m.group());
                    }
                }
            }
            assertEquals(List.of(), external, module + ": pages that load from the network");
            if (module.equals("segmentation-core")) {
                coreDocs = out;
            }
        }
        Path page;
        try (Stream<Path> s = Files.walk(coreDocs)) {
            page = s.filter(p -> p.endsWith(Path.of("dev", "segmentation", "core", "LikelihoodModel.html"))
                    && !p.toString().contains("class-use")).findFirst().orElseThrow();
        }
        try (Chromium browser = Chromium.launch()) {
            Chromium.Page p = browser.open(page.toUri(), 1200, 900);
            int typeset = p.evaluate("new Promise(done => { let tries = 0; const look = () => {"
                    + " const n = document.querySelectorAll('mjx-container').length;"
                    + " if (n > 0 || ++tries > 200) { done(n); } else { setTimeout(look, 25); } }; look(); })").asInt();
            assertTrue(typeset >= 3, "formulas typeset by the shipped MathJax: " + typeset);
            assertTrue(p.requests().stream().allMatch(r -> r.startsWith("file:") || r.startsWith("data:")),
                    "requests: " + p.requests());
        }
    }

    private static Path javadocJar(String module) throws IOException {
        Path target = Path.of("..", module, "target");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                s.filter(p -> p.getFileName().toString().endsWith("-javadoc.jar")).forEach(jars::add);
            }
        }
        if (jars.isEmpty()) {
            String message = "Skipped: no javadoc jar in " + target.toAbsolutePath().normalize()
                    + "; run the test command (mvn -B verify) from the repository root, which builds it first";
            System.err.println(message);
            Assumptions.abort(message);
        }
        return jars.get(0);
    }

    private static void unzip(Path jar, Path out) throws IOException {
        try (InputStream raw = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Path to = out.resolve(e.getName()).normalize();
                if (!to.startsWith(out)) {
                    throw new IOException("Entry outside the folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(zip, to);
                }
            }
        }
    }
}
