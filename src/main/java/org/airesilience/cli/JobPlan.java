package org.airesilience.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a job would read, write and do, for {@code --dry-run}: each job describes its plan (after loading and
 * checking its configuration), {@link #check} verifies every input exists and every output location can be
 * written, and the plan is printed instead of running. No Spark session is started.
 */
public final class JobPlan {
    private final String job;
    private final List<String> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final List<String> steps = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public JobPlan(String job) {
        this.job = job;
    }

    /** An input that must exist now (a file or a folder). */
    public JobPlan input(String what, Path path) {
        if (!Files.exists(path)) problems.add(what + " not found: " + path);
        else if (!Files.isReadable(path)) problems.add(what + " not readable: " + path);
        inputs.add(what + ": " + path);
        return this;
    }

    /** An output: its nearest existing ancestor must be a writable folder, and an existing path must be replaceable. */
    public JobPlan output(String what, Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path existing = p;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) {
            problems.add(what + ": no existing folder above " + path);
        } else if (existing.equals(p) && Files.isRegularFile(p) && !Files.isWritable(p)) {
            problems.add(what + " is not writable: " + path);
        } else {
            Path folder = existing.equals(p) && Files.isRegularFile(p) ? p.getParent() : existing;
            if (!Files.isDirectory(folder)) problems.add(what + ": " + folder + " is a file, not a folder");
            else if (!Files.isWritable(folder)) problems.add(what + ": folder " + folder + " is not writable");
        }
        outputs.add(what + ": " + path + (Files.exists(p) ? " (replaced)" : ""));
        return this;
    }

    /** An output by location: a local path is checked as {@link #output(String, Path)}; a URI is recorded. */
    public JobPlan output(String what, String location) {
        if (org.airesilience.lake.Locations.isLocal(location)) return output(what, org.airesilience.lake.Locations.local(location));
        outputs.add(what + ": " + location);
        return this;
    }

    /** An input of the lake: checked as a local path on a local lake, else on the lake's file system. */
    public JobPlan input(String what, org.airesilience.lake.Lake lake, String relative) {
        if (lake.isLocal()) return input(what, lake.local(relative));
        if (!lake.exists(relative)) problems.add(what + " not found: " + lake.uri(relative));
        inputs.add(what + ": " + lake.uri(relative));
        return this;
    }

    /** An output of the lake: checked as a local path on a local lake; elsewhere the lake was reached when opened. */
    public JobPlan output(String what, org.airesilience.lake.Lake lake, String relative) {
        if (lake.isLocal()) return output(what, lake.local(relative));
        outputs.add(what + ": " + lake.uri(relative));
        return this;
    }

    /** A step of the work, in words (what it would compute, with the settings that matter). */
    public JobPlan step(String description) {
        steps.add(description);
        return this;
    }

    /** Fails naming every missing input and unwritable output. */
    public JobPlan check() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("dry run of " + job + ": " + String.join("; ", problems));
        }
        return this;
    }

    public void print(PrintStream out) {
        out.println("dry run of " + job + ": configuration, inputs and output locations are valid; nothing was run");
        inputs.forEach(s -> out.println("  read   " + s));
        steps.forEach(s -> out.println("  do     " + s));
        outputs.forEach(s -> out.println("  write  " + s));
    }

    /** A job that can describe what it would do without doing it (every job: --dry-run is a common option). */
    public interface Planned {
        /** Loads and checks the configuration and describes the run; must not start Spark or write anything. */
        JobPlan plan() throws Exception;
    }
}
