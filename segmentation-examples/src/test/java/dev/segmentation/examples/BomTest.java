/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The BOM lists exactly the published modules of the reactor, at the reactor's version. */
class BomTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    @Test
    void theBomNamesEveryPublishedModule() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        TreeSet<String> published = new TreeSet<>();
        Matcher m = MODULE.matcher(parent);
        while (m.find()) {
            String module = m.group(1);
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            boolean unpublished = pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")
                    || module.equals("segmentation-bom");
            if (!unpublished) {
                published.add(module);
            }
        }
        assertTrue(published.contains("segmentation-core"), published.toString());
        String bom = Files.readString(ROOT.resolve("segmentation-bom").resolve("pom.xml"));
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"));
        List<String> listed = new ArrayList<>();
        Matcher a = ARTIFACT.matcher(managed);
        while (a.find()) {
            listed.add(a.group(1));
        }
        assertEquals(new ArrayList<>(published), listed.stream().sorted().toList(),
                "segmentation-bom must manage exactly the published modules");
        assertTrue(bom.contains("<version>" + version(parent) + "</version>"), "the BOM has the reactor's version");
        assertTrue(!bom.contains("<parent>"), "the BOM has no parent, so that importing it brings no other versions");
    }

    private static String version(String pom) {
        String afterArtifact = pom.substring(pom.indexOf("<artifactId>segmentation-parent</artifactId>"));
        return afterArtifact.substring(afterArtifact.indexOf("<version>") + 9, afterArtifact.indexOf("</version>"));
    }
}
