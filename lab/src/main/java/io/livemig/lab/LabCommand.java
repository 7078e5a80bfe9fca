package io.livemig.lab;

import io.livemig.dsl.render.ResultFiles;
import io.livemig.evaluate.LabDataset;
import io.livemig.evaluate.LabRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livemig lab doctor|plan|run|compare}: real QEMU migrations (docs/qemu-lab.md). */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        description = "Real QEMU migrations of a small TCG guest over a shaped link.",
        subcommands = {
            LabCommand.DoctorCmd.class,
            LabCommand.PlanCmd.class,
            LabCommand.RunCmd.class,
            LabCommand.BaselineCmd.class,
            CompareCommand.class
        })
public final class LabCommand {

    @Command(
            name = "doctor",
            mixinStandardHelpOptions = true,
            description = "Says what the lab needs that this machine lacks, and how to get it.")
    static final class DoctorCmd implements Callable<Integer> {
        @Option(
                names = "--probe-kvm",
                description = "boot the guest under /dev/kvm (up to 20 s) to see whether KVM could be used")
        boolean probeKvm;

        @Override
        public Integer call() {
            List<Doctor.Check> checks = Doctor.checks(probeKvm);
            checks.forEach(c -> System.out.println(c.line()));
            boolean ok = Doctor.allOk(checks);
            System.out.println(ok ? "The lab can run here." : "The lab cannot run here yet: fix the MISSING lines.");
            return ok ? 0 : 1;
        }
    }

    @Command(
            name = "baseline",
            mixinStandardHelpOptions = true,
            description = "Boots the guest of each memory size as for a run (no migration) and writes where its memory"
                    + " is not zero to DIR/baseline/m<MiB>-nonzero.csv (and its region's frames to m<MiB>-frames.txt),"
                    + " for a dataset recorded without per-run maps.")
    static final class BaselineCmd implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the lab dataset's directory")
        Path out;

        @Option(
                names = "--memory",
                split = ",",
                paramLabel = "MiB",
                defaultValue = "256,512",
                description = "guest memory sizes (default: ${DEFAULT-VALUE})")
        List<Integer> memory;

        @Override
        public Integer call() throws InterruptedException {
            for (int mib : memory) LabPlan.checkMemory("--memory", mib); // before anything boots
            GuestImage guest = GuestImage.prepare();
            for (int mib : memory) {
                LabPlan.Point p = new LabPlan.Point(WorkloadShape.UNIFORM, 8000, mib / 8, mib, 1000, 300, 1, 1, 20);
                LabRunner.Baseline b = LabRunner.baseline(p, guest);
                MemoryImages.Comparison c = b.memory();
                Path file = out.resolve(LabDataset.baselineFile(mib));
                LabRunner.writeNonZero(file, c.nonZeroRuns());
                ResultFiles.writeAtomically(
                        out.resolve(LabDataset.baselineFramesFile(mib)),
                        (b.frames() + "\n").getBytes(StandardCharsets.UTF_8));
                long top = 0, tail = c.pages() / 50;
                for (long[] r : c.nonZeroRuns()) top += Math.max(0, r[0] + r[1] - Math.max(r[0], c.pages() - tail));
                System.out.printf(
                        Locale.ROOT,
                        "%d MiB: %d of %d pages non-zero, %.0f %% of the last 2 %% of memory -> %s%n",
                        mib,
                        c.nonZeroPages(),
                        c.pages(),
                        100.0 * top / tail,
                        file);
            }
            return 0;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Prints the dataset's grid as a plan (CSV).")
    static final class PlanCmd implements Callable<Integer> {
        @Option(
                names = "--repeats",
                defaultValue = "3",
                description = "repeats of every point (default: ${DEFAULT-VALUE})")
        int repeats;

        @Override
        public Integer call() {
            if (repeats < 1) throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
            System.out.println(LabPlan.HEADER);
            LabPlan.grid(repeats).forEach(p -> System.out.println(p.csv()));
            return 0;
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description =
                    "Runs a plan one point at a time; points already in OUT/runs.csv are skipped, so a cut run resumes.")
    static final class RunCmd implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "PLAN",
                description = "CSV of points (`livemig lab plan` prints the dataset's)")
        Path plan;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "DIR",
                description = "the dataset directory (runs.csv, traces/, runs/)")
        Path out;

        @Override
        public Integer call() throws InterruptedException {
            List<LabPlan.Point> points = LabPlan.read(plan);
            List<Doctor.Check> missing =
                    Doctor.checks().stream().filter(c -> !c.ok()).toList();
            if (!missing.isEmpty()) {
                missing.forEach(c -> System.err.println(c.line()));
                throw new IllegalArgumentException("the lab cannot run here (see `livemig lab doctor`)");
            }
            return runAll(points, out, GuestImage.prepare());
        }
    }

    /** Runs the points not yet in {@code out/runs.csv}, appending each result as it comes; 0 when none failed. */
    static int runAll(List<LabPlan.Point> points, Path out, GuestImage guest) throws InterruptedException {
        Path runsFile = out.resolve(LabDataset.RUNS);
        List<LabRun> done = new ArrayList<>(LabDataset.readRuns(runsFile));
        List<LabPlan.Point> todo = pending(points, done);
        System.out.printf(
                Locale.ROOT,
                "lab: %d points in the plan, %d already recorded in %s, %d to run%n",
                points.size(),
                points.size() - todo.size(),
                runsFile,
                todo.size());
        long start = System.nanoTime();
        int failed = 0;
        for (int i = 0; i < todo.size(); i++) {
            LabPlan.Point p = todo.get(i);
            String head = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, todo.size(), p.id());
            try {
                LabRun r = LabRunner.run(p, guest, out);
                done.add(r);
                write(runsFile, done);
                System.out.println(head + ": " + summary(r) + eta(start, i + 1, todo.size()));
            } catch (RuntimeException e) {
                failed++;
                System.out.println(head + ": FAILED, not recorded (a re-run retries it): " + e.getMessage()
                        + eta(start, i + 1, todo.size()));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "lab: %d runs recorded in %s%s%n",
                done.size(),
                runsFile,
                failed > 0 ? ", " + failed + " failed" : "");
        return failed == 0 ? 0 : 1;
    }

    /** The points of the plan that {@code done} has no run of, in plan order. */
    static List<LabPlan.Point> pending(List<LabPlan.Point> points, List<LabRun> done) {
        Set<String> ids = new HashSet<>();
        done.forEach(r -> ids.add(r.id()));
        return points.stream().filter(p -> !ids.contains(p.id())).toList();
    }

    static String summary(LabRun r) {
        if (!r.completed())
            return String.format(
                    Locale.ROOT,
                    "%s after %.1f s (%d rounds, %.1f MiB sent)",
                    r.status(),
                    r.totalTimeMs() / 1e3,
                    r.rounds(),
                    r.transferredBytes() / 1048576.0);
        return String.format(
                Locale.ROOT,
                "completed in %.2f s, downtime %d ms, %.1f MiB, %d rounds, %d pages differ, lag max %.0f ms (wall %.0f s)",
                r.totalTimeMs() / 1e3,
                r.downtimeMs(),
                r.transferredBytes() / 1048576.0,
                r.rounds(),
                r.differingPages(),
                r.lagMaxMs(),
                r.wallSeconds());
    }

    private static String eta(long start, int done, int total) {
        double per = (System.nanoTime() - start) / 1e9 / done;
        return String.format(Locale.ROOT, " [eta %.0f min]", per * (total - done) / 60);
    }

    private static void write(Path file, List<LabRun> runs) {
        StringBuilder sb = new StringBuilder(LabDataset.HEADER).append('\n');
        runs.forEach(r -> sb.append(LabDataset.format(r)).append('\n'));
        ResultFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
