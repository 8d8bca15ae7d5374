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

/**
 * The quickstart block of the repository README, split into its imports and its statements, and the output the
 * README says it prints.
 */
record ReadmeQuickstart(List<String> imports, List<String> body, String output) {

    static ReadmeQuickstart read() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String block = fenced(readme, "quickstart", "```java");
        String output = fenced(readme, "quickstart-output", "```");
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : block.split("\n")) {
            (line.startsWith("import ") ? imports : body).add(line);
        }
        return new ReadmeQuickstart(List.copyOf(imports), List.copyOf(body), output.strip());
    }

    /** The fenced block between {@code <!-- name:start -->} and {@code <!-- name:end -->}. */
    private static String fenced(String readme, String name, String fence) {
        int start = readme.indexOf("<!-- " + name + ":start -->");
        int end = readme.indexOf("<!-- " + name + ":end -->");
        if (start < 0 || end <= start) {
            throw new IllegalStateException("README must mark a block with " + name + ":start/end");
        }
        String block = readme.substring(start, end);
        return block.substring(block.indexOf(fence) + fence.length(), block.lastIndexOf("```"));
    }

    /** A class {@code name} (in {@code pkg}, or the default package if null) whose {@code main} runs the block. */
    String asClass(String pkg, String name, String extraMethods) {
        return (pkg == null ? "" : "package " + pkg + ";\n") + String.join("\n", imports) + "\npublic class " + name
                + " {\n  public static void main(String[] args) throws Exception {\n" + String.join("\n", body)
                + "\n    afterQuickstart(args);\n  }\n" + extraMethods + "\n}\n";
    }
}
