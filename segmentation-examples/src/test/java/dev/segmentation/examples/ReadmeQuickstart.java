/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The quickstart block of the repository README, split into its imports and its statements. */
record ReadmeQuickstart(List<String> imports, List<String> body) {

    static ReadmeQuickstart read() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("<!-- quickstart:start -->");
        int end = readme.indexOf("<!-- quickstart:end -->");
        if (start < 0 || end <= start) {
            throw new IllegalStateException("README must mark the quickstart with quickstart:start/end");
        }
        String block = readme.substring(start, end);
        block = block.substring(block.indexOf("```java") + 7, block.lastIndexOf("```"));
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : block.split("\n")) {
            (line.startsWith("import ") ? imports : body).add(line);
        }
        return new ReadmeQuickstart(List.copyOf(imports), List.copyOf(body));
    }

    /** A class {@code name} (in {@code pkg}, or the default package if null) whose {@code main} runs the block. */
    String asClass(String pkg, String name, String extraMethods) {
        return (pkg == null ? "" : "package " + pkg + ";\n") + String.join("\n", imports) + "\npublic class " + name
                + " {\n  public static void main(String[] args) throws Exception {\n" + String.join("\n", body)
                + "\n    afterQuickstart(args);\n  }\n" + extraMethods + "\n}\n";
    }
}
