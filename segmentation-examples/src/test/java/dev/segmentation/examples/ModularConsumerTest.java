/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README quickstart as a named module on the module path: a consumer whose {@code module-info} requires
 * {@code dev.segmentation.features} and {@code dev.segmentation.validation} compiles against the library's module
 * descriptors, runs (model codecs found as services, SLF4J resolved), and can neither call into nor reflect into
 * any {@code internal} package, nor into the fields of a {@code Dataset}.
 */
class ModularConsumerTest {
    /** Class-path entries that are test tooling, not the library or its dependencies. */
    private static final Pattern NOT_ON_MODULE_PATH = Pattern.compile(
            ".*(junit|opentest4j|apiguardian|jqwik|segmentation-examples|segmentation-data|surefire).*");

    private static final String PROBES = String.join("\n",
            "  static void afterQuickstart(String[] args) throws Exception {",
            "    System.out.println(\"module \" + ModularQuickstart.class.getModule().getName());",
            "    System.out.println(\"library module \" + Dataset.class.getModule().getName()",
            "        + \" named=\" + Dataset.class.getModule().isNamed());",
            "    Dataset d = Dataset.of(new double[][] {{1, 2}}, java.util.List.of(\"a\", \"b\"));",
            "    probeCall(\"dev.segmentation.core.internal.DatasetAccess\", \"data\", Dataset.class, d);",
            "    probeCall(\"dev.segmentation.core.internal.Checks\", \"notNull\", String.class, \"x\");",
            "    probeField(Dataset.class, d);",
            "    for (String internal : new String[] {\"dev.segmentation.core.internal\",",
            "        \"dev.segmentation.features.internal\", \"dev.segmentation.validation.internal\"}) {",
            "      Module owner = internal.startsWith(\"dev.segmentation.core\") ? Dataset.class.getModule()",
            "          : ModuleLayer.boot().findModule(internal.substring(0, internal.lastIndexOf('.'))).orElseThrow();",
            "      System.out.println(\"exported \" + internal + \"=\" + owner.isExported(internal, ModularQuickstart.class.getModule())",
            "          + \" open=\" + owner.isOpen(internal, ModularQuickstart.class.getModule()));",
            "    }",
            "  }",
            "  static void probeCall(String cls, String method, Class<?> arg, Object value) throws Exception {",
            "    java.lang.reflect.Method m = Class.forName(cls).getMethod(method, arg.equals(String.class)",
            "        ? new Class<?>[] {String.class, Object.class} : new Class<?>[] {arg});",
            "    try {",
            "      m.invoke(null, arg.equals(String.class) ? new Object[] {value, value} : new Object[] {value});",
            "      System.out.println(\"call \" + cls + \".\" + method + \"=ALLOWED\");",
            "    } catch (IllegalAccessException e) {",
            "      System.out.println(\"call \" + cls + \".\" + method + \"=refused\");",
            "    }",
            "    try {",
            "      m.setAccessible(true);",
            "      System.out.println(\"reflect \" + cls + \".\" + method + \"=ALLOWED\");",
            "    } catch (java.lang.reflect.InaccessibleObjectException e) {",
            "      System.out.println(\"reflect \" + cls + \".\" + method + \"=refused\");",
            "    }",
            "  }",
            "  static void probeField(Class<?> c, Object instance) {",
            "    for (java.lang.reflect.Field f : c.getDeclaredFields()) {",
            "      try {",
            "        f.setAccessible(true);",
            "        System.out.println(\"field \" + c.getSimpleName() + \".\" + f.getName() + \"=ALLOWED\");",
            "      } catch (java.lang.reflect.InaccessibleObjectException e) {",
            "        System.out.println(\"field \" + c.getSimpleName() + \".\" + f.getName() + \"=refused\");",
            "      }",
            "    }",
            "  }");

    @Test
    void theQuickstartRunsAsANamedModuleAndCannotReachInternals(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Path pkg = src.resolve("quickstart");
        Files.createDirectories(pkg);
        Files.writeString(src.resolve("module-info.java"), "module quickstart.consumer {\n"
                + "  requires dev.segmentation.features;\n  requires dev.segmentation.validation;\n}\n");
        Files.writeString(pkg.resolve("ModularQuickstart.java"), ReadmeQuickstart.read().asClass("quickstart",
                "ModularQuickstart", PROBES));
        List<String> modulePath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!NOT_ON_MODULE_PATH.matcher(entry).matches() && Files.exists(Path.of(entry))) {
                modulePath.add(entry);
            }
        }
        assertTrue(modulePath.stream().anyMatch(p -> p.contains("segmentation-core")), modulePath.toString());
        Path out = dir.resolve("out");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK is needed to run this test");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-d", out.toString(), "--module-path",
                String.join(File.pathSeparator, modulePath), src.resolve("module-info.java").toString(),
                pkg.resolve("ModularQuickstart.java").toString());
        assertEquals(0, rc, "the modular consumer does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        // Compiling a use of an internal package must fail: it is not exported to the consumer.
        Files.writeString(pkg.resolve("Sneaky.java"), "package quickstart;\nclass Sneaky {\n"
                + "  double[] peek(dev.segmentation.core.Dataset d) {\n"
                + "    return dev.segmentation.core.internal.DatasetAccess.data(d);\n  }\n}\n");
        ByteArrayOutputStream sneakyErrors = new ByteArrayOutputStream();
        int sneaky = javac.run(null, null, sneakyErrors, "-d", dir.resolve("sneaky").toString(), "--module-path",
                String.join(File.pathSeparator, modulePath), src.resolve("module-info.java").toString(),
                pkg.resolve("Sneaky.java").toString());
        String sneakyMessage = sneakyErrors.toString(StandardCharsets.UTF_8);
        assertTrue(sneaky != 0 && sneakyMessage.contains("dev.segmentation.core.internal")
                && sneakyMessage.contains("not visible"), sneakyMessage);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--module-path", out + File.pathSeparator
                + String.join(File.pathSeparator, modulePath), "-m", "quickstart.consumer/quickstart.ModularQuickstart")
                .redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Files.writeString(Path.of("target", "modular-consumer-output.txt"), printed);
        assertEquals(0, p.exitValue(), printed);
        assertTrue(printed.contains("module quickstart.consumer"), printed);
        assertTrue(printed.contains("library module dev.segmentation.core named=true"), printed);
        assertTrue(printed.matches("(?s).*segment \\d+ of 2.*"), "the quickstart ran and wrote/read its model file:\n"
                + printed);
        assertTrue(printed.contains("call dev.segmentation.core.internal.DatasetAccess.data=refused"), printed);
        assertTrue(printed.contains("reflect dev.segmentation.core.internal.DatasetAccess.data=refused"), printed);
        assertTrue(printed.contains("call dev.segmentation.core.internal.Checks.notNull=refused"), printed);
        assertTrue(printed.contains("field Dataset.data=refused"), printed);
        assertTrue(!printed.contains("=ALLOWED"), printed);
        for (String internal : new String[] {"core", "features", "validation"}) {
            assertTrue(printed.contains("exported dev.segmentation." + internal + ".internal=false open=false"), printed);
        }
    }
}
