package org.airesilience.study;

import com.fasterxml.jackson.core.type.TypeReference;
import com.typesafe.config.Config;
import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.econometrics.data.Table;
import org.airesilience.lake.Lake;
import org.airesilience.lake.LakeFiles;
import org.airesilience.lake.LakeTable;
import org.airesilience.report.AtomicFiles;
import org.airesilience.report.HtmlReport;
import org.airesilience.report.Json;
import org.airesilience.report.RunManifest;
import org.airesilience.report.table.HtmlTableWriter;
import org.airesilience.report.table.ResultTable;
import org.airesilience.report.table.TableWriter;
import org.airesilience.study.StudySpec.FigureSpec;
import org.airesilience.study.StudySpec.ModelSpec;
import org.airesilience.study.StudySpec.TableSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a study: every model of the chosen tables through its command, the tables in every format, the figures,
 * one HTML report and a manifest, published together as {@code <lake>/results/<study id>/<run id>/}; then
 * {@code LATEST} in the study's folder names that run ({@link LakeTable}).
 *
 * <p>The models read a local CSV file: the panel's current run in the lake ({@code curated/panels/<id>/}) is copied
 * to a local temporary folder {@code <id>/} first, on any file system, as is a {@code --data} file on a remote file
 * system with the files beside it; a local {@code --data} file is read in place. {@link #close} removes the copy.
 */
public final class StudyRunner implements AutoCloseable {
    private final StudySpec study;
    private final Lake lake;
    /** The local panel CSV the models read. */
    private final Path data;
    /** The panel as the run names it: the location given, or the lake's current panel run. */
    private final String dataName;
    /** The local copy of the panel's folder, or null. */
    private final Path staged;
    private final List<TableSpec> tables;

    /** A runner over a local lake (its settings the defaults). */
    public StudyRunner(StudySpec study, Path lake, Path data, Set<String> only) {
        this(study, Lake.open(lake.toString(), org.airesilience.config.Settings.defaults(),
                Lake.hadoopConfiguration(org.airesilience.config.Settings.defaults())),
                data == null ? null : data.toString(), only);
    }

    /**
     * @param data   the panel CSV (path or URI), or null for the current run of {@code <lake>/curated/panels/<panel
     *               id>/} of the study's panel
     * @param only   table ids to run (empty = all); unknown ids are an error
     */
    public StudyRunner(StudySpec study, Lake lake, String data, Set<String> only) {
        this.study = study;
        this.lake = lake;
        String location = data != null ? data : study.data();
        if (location != null && !Lake.hadoopPath(location).toUri().getScheme().equals("file")) {
            // A remote file: it and the files beside it (weights, logs) to a local folder of the same name.
            org.apache.hadoop.fs.Path remote = Lake.hadoopPath(location);
            var fs = LakeFiles.fileSystem(location, lake.hadoop());
            staged = LakeFiles.localTemp("study-data");
            Path folder = staged.resolve(remote.getParent().getName().isEmpty() ? "data" : remote.getParent().getName());
            LakeFiles.copyToLocal(fs, remote.getParent(), folder);
            this.data = folder.resolve(remote.getName());
            this.dataName = location;
        } else if (location != null) {
            staged = null;
            this.data = Path.of(Lake.hadoopPath(location).toUri());
            this.dataName = location;
        } else {
            String id = panelSpec(study).name();
            LakeTable panel = lake.table("curated/panels", id);
            if (panel.exists()) {
                staged = LakeFiles.localTemp("study-panel");
                LakeFiles.copyToLocal(panel.fileSystem(), panel.current(), staged.resolve(id));
                this.data = staged.resolve(id).resolve(PANEL_CSV);
                org.apache.hadoop.fs.Path current = new org.apache.hadoop.fs.Path(panel.current(), PANEL_CSV);
                this.dataName = lake.isLocal() ? Path.of(current.toUri()).toString() : current.toString();
            } else {
                staged = null;
                this.data = lake.isLocal() ? lake.local("curated/panels", id, PANEL_CSV) : Path.of(id, PANEL_CSV);
                this.dataName = lake.display("curated/panels", id, PANEL_CSV);
            }
        }
        Set<String> known = new LinkedHashSet<>();
        study.tables().forEach(t -> known.add(t.id()));
        List<String> unknown = only.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--tables: no table " + unknown + " in " + study.file() + " (tables: " + known + ")");
        }
        this.tables = study.tables().stream().filter(t -> only.isEmpty() || only.contains(t.id())).toList();
    }

    private static final String PANEL_CSV = "panel.csv";

    /** Removes the local copy of the panel. */
    @Override
    public void close() {
        if (staged != null) LakeFiles.deleteLocal(staged);
    }

    /**
     * The study's panel spec, found as every configured file is (the path, else a file of that name shipped with
     * spark-submit --files, else the application jar); its name is the panel's folder under curated/panels/.
     */
    private static PanelSpec panelSpec(StudySpec study) {
        try {
            return PanelSpec.load(Path.of(study.panel()), List.of());
        } catch (IllegalArgumentException e) {
            throw new StudyConfigException(List.of(study.file() + ": " + e.getMessage()));
        }
    }

    /** The local panel CSV the models read. */
    public Path data() {
        return data;
    }

    /** The panel data as the run names it (the location given, or the lake's current panel run). */
    public String dataName() {
        return dataName;
    }

    public StudySpec study() {
        return study;
    }

    /** The tables this run makes (all, or those chosen with --tables). */
    public List<TableSpec> tables() {
        return tables;
    }

    /** Checks the panel exists and has every column the chosen models use, before anything is estimated. */
    public Table validate() {
        Table panel = null;
        Set<String> columns;
        if (Files.isRegularFile(data)) {
            try {
                panel = Table.readCsv(data);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the panel " + dataName + ": " + e.getMessage(), e);
            }
            columns = new LinkedHashSet<>(panel.names());
        } else if (study.panel() != null) {
            // Not built yet (a dry run before ./submit.sh panel): the columns its spec declares.
            columns = new LinkedHashSet<>(panelSpec(study).columns());
        } else {
            throw new StudyConfigException(List.of(study.file() + ": panel data " + dataName + " not found"));
        }
        List<String> problems = new ArrayList<>();
        for (ModelSpec m : models()) problems.addAll(PanelColumns.check(m, columns));
        for (FigureSpec f : study.figures()) {
            for (String c : f.params().values()) {
                if (!columns.contains(c)) problems.add(study.file() + ": figure " + f.id() + ": column '" + c + "' is not in the panel");
            }
        }
        if (!problems.isEmpty()) throw new StudyConfigException(problems);
        return panel;
    }

    /** Every model the run fits: the chosen tables' columns, then the figures' models. */
    public List<ModelSpec> models() {
        List<ModelSpec> out = new ArrayList<>();
        tables.forEach(t -> out.addAll(t.columns()));
        if (tables.size() == study.tables().size()) {
            study.figures().stream().filter(f -> f.model() != null).forEach(f -> out.add(f.model()));
        }
        return out;
    }

    /** Each model as the single ./submit.sh command that fits it, its JSON written to {@code models/<id>.json}. */
    public List<String> explain() {
        List<String> lines = new ArrayList<>();
        for (ModelSpec m : models()) {
            lines.add("# " + m.id() + " " + m.label());
            lines.add(ModelCommands.explain(ModelCommands.arguments(m, dataName, Path.of("models", m.id() + ".json"),
                    Path.of("figures", m.id()))));
        }
        return lines;
    }

    /**
     * Runs and publishes as {@code <lake>/results/<study id>/<run id>/}, then points {@code LATEST} at it; returns the
     * published folder (a local path on a local lake, else its URI).
     */
    public String run(String runId, Config config) {
        Table panel = validate();
        if (panel == null) {
            throw new StudyConfigException(List.of(study.file() + ": panel data " + dataName + " not found (build it with "
                    + "./submit.sh panel --spec " + study.panel() + ")"));
        }
        org.apache.hadoop.fs.Path published = lake.table("results", study.id())
                .publishLocal(runId, out -> write(out, panel, runId, config));
        return LakeFiles.display(lake.fileSystem(), published);
    }

    private void write(Path out, Table panel, String runId, Config config) throws IOException {
        Files.createDirectories(out.resolve("models"));
        Map<String, Object> seconds = new LinkedHashMap<>();
        Map<String, Object> commands = new LinkedHashMap<>();
        Map<String, Object> seeds = new LinkedHashMap<>();
        List<ResultTable> results = new ArrayList<>();
        for (TableSpec t : tables) {
            long start = System.nanoTime();
            List<Map<String, Object>> jsons = new ArrayList<>();
            for (ModelSpec m : t.columns()) {
                jsons.add(fit(m, out, commands, seeds));
            }
            ResultTable table = TableBuilder.build(t, jsons);
            for (TableWriter w : TableWriter.all()) {
                AtomicFiles.write(out.resolve("tables").resolve(t.id() + "." + w.extension()), w.render(table));
            }
            results.add(table);
            seconds.put(t.id(), (System.nanoTime() - start) / 1e9);
            System.out.printf("%s: %d models, %.1f s%n", t.id(), t.columns().size(), (System.nanoTime() - start) / 1e9);
        }

        long start = System.nanoTime();
        Path figures = out.resolve("figures");
        List<String[]> figureList = new ArrayList<>();
        if (tables.size() == study.tables().size()) {
            for (FigureSpec f : study.figures()) {
                for (Path p : figure(f, panel, figures, commands, seeds)) {
                    if (p.toString().endsWith(".png")) figureList.add(new String[]{f.id(), f.title(), out.relativize(p).toString()});
                }
            }
        }
        for (ModelSpec m : models()) {
            Path dir = figures.resolve(m.id());
            if (m.plot() && Files.isDirectory(dir)) {
                for (Path p : sortedFiles(dir, ".png")) {
                    figureList.add(new String[]{m.id() + "-" + stem(p), m.label() + " (" + m.table() + "): " + stem(p),
                            out.relativize(p).toString()});
                }
            }
        }
        seconds.put("figures", (System.nanoTime() - start) / 1e9);

        start = System.nanoTime();
        RunManifest manifest = new RunManifest(runId, "study", config);
        manifest.addInputs(data.toAbsolutePath().getParent());
        manifest.addInputs(study.file().toAbsolutePath());
        if (study.panel() != null && Files.isRegularFile(Path.of(study.panel()))) manifest.addInputs(Path.of(study.panel()).toAbsolutePath());
        manifest.put("study", Map.of("id", study.id(), "config", study.file().toString(),
                "config_text", Files.readString(study.file(), StandardCharsets.UTF_8)));
        if (study.panel() != null) {
            Path spec = Path.of(study.panel());
            manifest.put("panel_spec", Map.of("path", study.panel(),
                    "text", Files.isRegularFile(spec) ? Files.readString(spec, StandardCharsets.UTF_8) : ""));
        }
        manifest.put("panel_data", dataName);
        manifest.put("model_seeds", seeds);
        manifest.put("commands", commands);
        Path report = out.resolve("report.html");
        seconds.put("report", 0.0);
        manifest.put("seconds_per_stage", seconds);
        for (ResultTable t : results) manifest.addOutput(t.id(), Path.of("tables", t.id() + ".csv"));
        manifest.addOutput("report", Path.of("report.html"));
        AtomicFiles.write(report, report(results, figureList, out, manifest));
        seconds.put("report", (System.nanoTime() - start) / 1e9);
        manifest.write(out.resolve("manifest.json"));
    }

    /** Runs one model's command; its JSON is kept under models/ and returned, its printed output beside it. */
    private Map<String, Object> fit(ModelSpec m, Path out, Map<String, Object> commands, Map<String, Object> seeds)
            throws IOException {
        if (m.options().containsKey("seed")) seeds.put(m.id(), m.options().get("seed").value());
        Path json = out.resolve("models").resolve(m.id() + ".json");
        List<String> args = ModelCommands.arguments(m, data, json, out.resolve("figures").resolve(m.id()));
        commands.put(m.id(), ModelCommands.explain(ModelCommands.arguments(m, dataName,
                Path.of("models", m.id() + ".json"), Path.of("figures", m.id()))));
        try (OutputStream log = Files.newOutputStream(out.resolve("models").resolve(m.id() + ".txt"))) {
            ModelCommands.run(m.id() + " (" + m.label() + ")", args, log);
        } catch (IllegalStateException e) {
            // the data cannot support this model (an estimator's IllegalArgumentException or ArithmeticException: a
            // sample too small, a singular design): its column says so and the study goes on; anything else stops it
            if (!(e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof ArithmeticException)) throw e;
            Map<String, Object> notEstimable = new LinkedHashMap<>();
            notEstimable.put("not_estimable", e.getCause().getMessage());
            System.out.printf("%s (%s): not estimable: %s%n", m.id(), m.label(), e.getCause().getMessage());
            Json.writeFile(json, notEstimable);
            return notEstimable;
        }
        return Json.MAPPER.readValue(json.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private List<Path> figure(FigureSpec f, Table panel, Path dir, Map<String, Object> commands,
                              Map<String, Object> seeds) throws IOException {
        String region = panelKey(0);
        String time = panelKey(1);
        return switch (f.kind()) {
            case "ai-by-group" -> StudyFigures.byGroup(panel, f.params().get("variable"), f.params().get("group"), time,
                    f.title(), dir, f.id());
            // Rows labelled by region name where the panel has one (the panel layer writes region_name).
            case "heatmap" -> StudyFigures.heatMap(panel, f.params().get("variable"),
                    panel.has("region_name") ? "region_name" : region, time, f.title(), dir, f.id());
            case "entropy-weights" -> {
                Path w = data.toAbsolutePath().getParent().resolve("weights_" + f.params().get("variable") + ".csv");
                if (!Files.isRegularFile(w)) throw new IllegalStateException("figure " + f.id() + ": " + w + " not found");
                yield StudyFigures.weights(Table.readCsv(w), f.title(), dir, f.id());
            }
            default -> {
                fit(f.model(), dir.getParent(), commands, seeds);
                Path made = dir.resolve(f.model().id());
                List<Path> files = sortedFiles(made, "");
                boolean one = files.stream().map(StudyRunner::stem).distinct().count() == 1;
                List<Path> out = new ArrayList<>();
                for (Path p : files) {
                    String ext = p.getFileName().toString().substring(p.getFileName().toString().lastIndexOf('.'));
                    Path to = dir.resolve(f.id() + (one ? "" : "-" + stem(p)) + ext);
                    Files.move(p, to);
                    out.add(to);
                }
                AtomicFiles.deleteRecursively(made);
                yield out;
            }
        };
    }

    /** The panel keys of the study: the first model's --panel, else region_code,year. */
    private String panelKey(int i) {
        for (ModelSpec m : models()) {
            if (m.options().containsKey("panel")) {
                Object v = m.options().get("panel").value();
                String[] p = v instanceof List<?> l ? l.stream().map(Object::toString).toArray(String[]::new) : v.toString().split(",");
                if (p.length == 2) return p[i].trim();
            }
        }
        return i == 0 ? "region_code" : "year";
    }

    private byte[] report(List<ResultTable> results, List<String[]> figures, Path out, RunManifest manifest) throws IOException {
        HtmlReport page = new HtmlReport(study.title());
        StringBuilder tablesHtml = new StringBuilder();
        HtmlTableWriter html = new HtmlTableWriter();
        for (ResultTable t : results) tablesHtml.append(new String(html.render(t), StandardCharsets.UTF_8));
        page.section("tables", "Tables", tablesHtml.toString());
        StringBuilder figs = new StringBuilder();
        for (String[] f : figures) figs.append(HtmlReport.figure("figure-" + f[0], f[1], Files.readAllBytes(out.resolve(f[2]))));
        page.section("figures", "Figures", figs.toString());
        if (!study.variables().isEmpty()) {
            StringBuilder v = new StringBuilder("<table class=\"plain\"><tr><th>symbol</th><th>name</th><th>definition</th></tr>\n");
            for (StudySpec.Variable x : study.variables()) {
                v.append("<tr><td>").append(HtmlReport.escape(x.symbol())).append("</td><td>").append(HtmlReport.escape(x.name()))
                        .append("</td><td>").append(HtmlReport.escape(x.definition())).append("</td></tr>\n");
            }
            page.section("variables", "Variable definitions", v.append("</table>\n").toString());
        }
        page.section("data-accounting", "Data accounting", accounting());
        page.section("manifest", "Manifest", HtmlReport.pre(Json.write(manifest.content())));
        return page.render();
    }

    /** The latest ingest report (read = accepted + duplicates + quarantined, by reason), and the panel's logs. */
    private String accounting() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> ingest = new ArrayList<>();
        if (lake.isDirectory("reports")) {
            for (org.apache.hadoop.fs.FileStatus st : lake.fileSystem().listStatus(lake.path("reports"))) {
                String name = st.getPath().getName();
                if (st.isFile() && name.startsWith("ingest-") && name.endsWith(".json")) ingest.add(name);
            }
        }
        ingest.sort(null);
        if (ingest.isEmpty()) {
            sb.append("<p id=\"ingest-report\">No ingest report in ").append(HtmlReport.escape(lake.display("reports"))).append(".</p>\n");
        } else {
            String last = ingest.get(ingest.size() - 1);
            byte[] text = LakeFiles.readOrNull(lake.fileSystem(), lake.path("reports", last));
            sb.append("<h3 id=\"ingest-report\">Ingest and quarantine (").append(HtmlReport.escape(last))
                    .append(")</h3>\n").append(HtmlReport.pre(new String(text, StandardCharsets.UTF_8)));
        }
        Path panelDir = data.toAbsolutePath().getParent();
        List<Path> logs = sortedFiles(panelDir, "").stream().filter(p -> !p.equals(data.toAbsolutePath())).toList();
        sb.append("<h3 id=\"panel-logs\">Panel folder ").append(HtmlReport.escape(panelDir.getFileName().toString())).append("</h3>\n");
        if (logs.isEmpty()) sb.append("<p>No imputation log or panel report beside the panel.</p>\n");
        for (Path p : logs) {
            String name = p.getFileName().toString();
            if (!name.endsWith(".csv") && !name.endsWith(".json")) continue;
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            int shown = Math.min(lines.size(), 400);
            sb.append("<h4>").append(HtmlReport.escape(name)).append(" (").append(lines.size()).append(" lines")
                    .append(shown < lines.size() ? ", first " + shown + " shown" : "").append(")</h4>\n")
                    .append(HtmlReport.pre(String.join("\n", lines.subList(0, shown))));
        }
        return sb.toString();
    }

    private static List<Path> sortedFiles(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }
}
