package io.livemig.cli;

import io.livemig.model.MigrationModel;
import io.livemig.model.QemuAccurateModel;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.record.DirtyCurveFile;
import io.livemig.trace.Trace;
import io.livemig.units.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The VM a command predicts for, from exactly one of: a dirty-curve file ({@code --profile}), a trace
 * ({@code --trace}; the VM-from-a-trace of {@link QemuCheck}) or the paper's parameters ({@code --s}, {@code --s-new},
 * {@code --mw}).
 */
final class ProfileInputs {
    private ProfileInputs() {}

    static Vm vm(
            Path profile,
            Path trace,
            MigrationModel model,
            String name,
            String memory,
            Double s,
            double[] sNew,
            Double mw,
            String unit) {
        List<String> given = new ArrayList<>();
        if (profile != null) given.add("--profile");
        if (trace != null) given.add("--trace");
        boolean params = s != null || sNew != null || mw != null;
        if (params) given.add("--s/--s-new/--mw");
        if (given.size() != 1) {
            throw new IllegalArgumentException("give one of --profile FILE, --trace FILE or --s, --s-new and --mw; got "
                    + (given.isEmpty() ? "none" : String.join(" and ", given)));
        }
        Vm vm;
        if (profile != null) {
            if (!Files.isRegularFile(profile))
                throw new IllegalArgumentException("--profile " + profile + ": no such file");
            vm = DirtyCurveFile.read(profile).vm();
        } else if (trace != null) {
            if (!Files.isRegularFile(trace)) throw new IllegalArgumentException("--trace " + trace + ": no such file");
            Trace t = Trace.read().file(trace);
            if (!t.fit().hasPages()) {
                throw new IllegalArgumentException("--trace " + trace
                        + ": counts only; expected a trace of page numbers (.lmt or pages .csv) for D(T)");
            }
            vm = model instanceof QemuAccurateModel ? t.accurateVm() : t.paperVm();
        } else {
            if (s == null || sNew == null || mw == null || memory == null) {
                throw new IllegalArgumentException(
                        "the paper's parameters need --memory, --s, --s-new and --mw; missing "
                                + String.join(", ", missing(memory, s, sNew, mw)));
            }
            return Vm.of(
                    name,
                    DataSize.parse(memory),
                    new LinearDirtyProfile(io.livemig.units.Durations.parseSeconds(unit), s, sNew, 1.0, mw, 4096));
        }
        if (!name.equals("vm")) vm = new Vm(name, vm.memory(), vm.profile(), vm.composition());
        if (memory != null) vm = vm.withMemory(DataSize.parse(memory));
        return vm;
    }

    private static List<String> missing(String memory, Double s, double[] sNew, Double mw) {
        List<String> m = new ArrayList<>();
        if (memory == null) m.add("--memory");
        if (s == null) m.add("--s");
        if (sNew == null) m.add("--s-new");
        if (mw == null) m.add("--mw");
        return m;
    }
}
