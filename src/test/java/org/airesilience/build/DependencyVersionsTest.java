package org.airesilience.build;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The application runs on the libraries of the Spark it is submitted to, so every resolved dependency that Spark
 * also has must be the version Spark 4.1 ships (the versions its spark-parent pom manages), and the application
 * jar (the compile-scope dependencies) must carry nothing a Spark distribution has. The resolved class paths are
 * written by the build (maven-dependency-plugin, target/main-classpath.txt and target/spark-classpath.txt).
 */
class DependencyVersionsTest {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** group:artifact to version, for every main (compile and provided) jar. */
    private static Map<String, String> main;
    private static Map<String, String> provided;
    /** group:artifact to the version Spark manages. */
    private static Map<String, String> spark;

    @BeforeAll
    static void resolve() throws Exception {
        List<Path> mainJars = classpath("main-classpath.txt");
        Path sparkCore = mainJars.stream().filter(j -> j.getFileName().toString().startsWith("spark-core_"))
                .findFirst().orElseThrow(() -> new AssertionError("spark-core is not on the main class path"));
        // <repository>/org/apache/spark/spark-core_2.13/<version>/spark-core_2.13-<version>.jar
        Path repository = sparkCore.getParent().getParent().getParent().getParent().getParent().getParent();
        main = coordinates(repository, mainJars);
        provided = coordinates(repository, classpath("spark-classpath.txt"));
        String sparkVersion = main.get("org.apache.spark:spark-core_2.13");
        spark = managedVersions(repository, repository.resolve("org/apache/spark/spark-parent_2.13/" + sparkVersion
                + "/spark-parent_2.13-" + sparkVersion + ".pom"));
        assertTrue(spark.size() > 100, "Spark's parent pom manages " + spark.size() + " dependencies");
    }

    @Test
    void librariesSparkAlsoHasAreTheVersionsSparkShips() {
        Map<String, String> overlap = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        main.forEach((ga, version) -> {
            String theirs = spark.get(ga);
            if (theirs == null) return;
            overlap.put(ga, version);
            if (theirs.contains("${")) mismatches.add(ga + ": Spark's version " + theirs + " does not resolve");
            else if (!theirs.equals(version)) mismatches.add(ga + " " + version + ", Spark ships " + theirs);
        });
        System.out.println("Dependencies shared with Spark " + main.get("org.apache.spark:spark-core_2.13") + " ("
                + overlap.size() + "):");
        overlap.forEach((ga, v) -> System.out.println("  " + ga + ":" + v));
        for (String ga : List.of("org.scala-lang:scala-library",
                "org.apache.parquet:parquet-hadoop", "org.apache.commons:commons-math3", "dev.ludovic.netlib:blas",
                "dev.ludovic.netlib:lapack", "com.fasterxml.jackson.core:jackson-databind", "com.google.guava:guava")) {
            assertTrue(overlap.containsKey(ga), ga + " is expected among the shared dependencies");
        }
        assertTrue(mismatches.isEmpty(), "versions differ from Spark's:\n" + String.join("\n", mismatches));
    }

    @Test
    void theApplicationJarCarriesOnlyWhatSparkLacks() {
        Map<String, String> bundled = new TreeMap<>(main);
        bundled.keySet().removeAll(provided.keySet());
        System.out.println("Bundled in the application jar: " + bundled);
        for (String ga : bundled.keySet()) {
            assertTrue(!spark.containsKey(ga), ga + " is in Spark; declare it provided");
            assertTrue(!ga.startsWith("org.apache.spark:") && !ga.startsWith("org.scala-lang:")
                    && !ga.startsWith("org.apache.hadoop:"), ga + " belongs to Spark");
        }
        // Spark excludes commons-logging everywhere and provides its API through jcl-over-slf4j.
        assertTrue(!bundled.containsKey("commons-logging:commons-logging"), "commons-logging is Spark's (jcl-over-slf4j)");
        assertTrue(bundled.containsKey("info.picocli:picocli") && bundled.containsKey("com.typesafe:config"),
                "the application's own libraries are bundled: " + bundled);
        assertTrue(!main.containsKey("org.apache.spark:spark-mllib_2.13"), "spark-mllib is not used");
    }

    private static List<Path> classpath(String file) throws Exception {
        Path f = Path.of("target", file);
        if (!Files.isRegularFile(f)) fail(f + " is missing: the build writes it (run the tests through Maven)");
        List<Path> out = new ArrayList<>();
        for (String entry : Files.readString(f).trim().split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) out.add(Path.of(entry));
        }
        return out;
    }

    /** Coordinates from the repository layout: group/as/path/artifact/version/artifact-version[-classifier].jar. */
    private static Map<String, String> coordinates(Path repository, List<Path> jars) {
        Map<String, String> out = new TreeMap<>();
        for (Path jar : jars) {
            Path rel = repository.relativize(jar);
            int n = rel.getNameCount();
            assertTrue(n >= 4 && !rel.startsWith(".."), jar + " is not in the local repository " + repository);
            String group = rel.subpath(0, n - 3).toString().replace(File.separatorChar, '.');
            out.put(group + ":" + rel.getName(n - 3), rel.getName(n - 2).toString());
        }
        return out;
    }

    /**
     * The dependencyManagement of a pom (Spark's parent), with its properties substituted and the boms it imports
     * (Jackson's) included.
     */
    static Map<String, String> managedVersions(Path repository, Path pom) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getDocumentElement();
        Map<String, String> properties = new LinkedHashMap<>();
        Element properties0 = child(project, "properties");
        if (properties0 != null) {
            for (Element p : children(properties0)) properties.put(p.getTagName(), p.getTextContent().trim());
        }
        Element version0 = child(project, "version") != null ? child(project, "version")
                : child(child(project, "parent"), "version");
        properties.put("project.version", version0.getTextContent().trim());
        Map<String, String> out = new TreeMap<>();
        for (Element d : children(child(child(project, "dependencyManagement"), "dependencies"))) {
            Element version = child(d, "version");
            if (version == null) continue;
            String group = substitute(child(d, "groupId").getTextContent(), properties);
            String artifact = substitute(child(d, "artifactId").getTextContent(), properties);
            String v = substitute(version.getTextContent(), properties);
            Element scope = child(d, "scope");
            if (scope != null && scope.getTextContent().trim().equals("import")) {
                Path bom = repository.resolve(group.replace('.', '/') + "/" + artifact + "/" + v + "/"
                        + artifact + "-" + v + ".pom");
                managedVersions(repository, bom).forEach(out::putIfAbsent);
            } else {
                out.putIfAbsent(group + ":" + artifact, v);
            }
        }
        return out;
    }

    private static String substitute(String text, Map<String, String> properties) {
        String s = text.trim();
        for (int depth = 0; depth < 10 && s.contains("${"); depth++) {
            Matcher m = PROPERTY.matcher(s);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
            }
            m.appendTail(sb);
            if (sb.toString().equals(s)) break;
            s = sb.toString();
        }
        return s;
    }

    private static Element child(Element parent, String name) {
        for (Element e : children(parent)) if (e.getTagName().equals(name)) return e;
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e);
        }
        return out;
    }
}
