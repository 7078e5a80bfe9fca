package io.livemig.model;

import io.livemig.Check;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.Qemu;
import io.livemig.policy.QemuBurst;
import io.livemig.policy.WireCost;
import io.livemig.profile.DirtyTimeline;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;

/**
 * The proposed model made accurate for QEMU: QEMU's own loop ({@link QemuPrecopy}: threshold = rate × downtime limit,
 * a sync only when pending falls below it, re-dirtied pending pages not recounted, no iteration cap), the VM's
 * {@link io.livemig.profile.MemoryComposition} (zero pages cost 9 B) and traffic in bytes on the wire. Feed it a VM
 * whose profile follows the trace ({@link io.livemig.profile.CurveDirtyProfile}) for the best D(T); the paper's linear
 * profile works too.
 *
 * <p>Under a Xen policy it is the proposed model, with its traffic counted on the wire (8 B per page, a few bytes per
 * batch, no zero-page saving).
 */
public final class QemuAccurateModel implements MigrationModel {
    public static final String NAME = "qemu-accurate";

    private final QemuBurst burst;
    /** Where the working set lies, for the send order; null: unknown, evenly from what is pending. */
    private final WorkingSetPlacement placement;

    /** QEMU's own burst rule, no write quantum. */
    public QemuAccurateModel() {
        this(QemuBurst.none());
    }

    /** With a transport whose send buffer frees space in chunks ({@link QemuBurst}; the QEMU lab measures one). */
    public QemuAccurateModel(QemuBurst burst) {
        this(burst, null);
    }

    /**
     * With QEMU's address cursor over a working set placed as {@code placement} (null: unknown, the default, pages
     * are taken evenly from all that is pending).
     */
    public QemuAccurateModel(QemuBurst burst, WorkingSetPlacement placement) {
        this.burst = Check.notNull("burst", burst);
        this.placement = placement;
    }

    /** The placement the cursor walks, or null when unknown. */
    public WorkingSetPlacement placement() {
        return placement;
    }

    public QemuBurst burst() {
        return burst;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy) {
        PrecopyLoop.usableRate(vm, rate, policy);
        // QEMU's loop differs from the paper's in when it syncs; the Xen policies follow the paper's recurrence.
        if (policy instanceof Qemu q) return QemuPrecopy.run(NAME, vm, rate, q, vm.profile(), null, burst, placement);
        Prediction p = ProposedModel.defaults().predict(vm, rate, policy);
        WireCost wire = policy.wireCost(vm.pageSizeBytes());
        double wireBytes = 0;
        for (Iteration i : p.iterations()) wireBytes += wire.bytes(i.sentPages(), 0, i.durationSeconds());
        return p.withModel(NAME, p.converged() ? wireBytes : Double.NaN);
    }

    /**
     * QEMU's loop when the workload's time line over this migration is known (a replayed trace and the phase it
     * started at), instead of the stationary D(T) of the VM's profile; the VM's profile still gives M_w.
     */
    public Prediction predict(Vm vm, DataRate rate, Qemu policy, DirtyTimeline timeline) {
        Check.notNull("timeline", timeline);
        PrecopyLoop.usableRate(vm, rate, policy);
        return QemuPrecopy.run(NAME, vm, rate, policy, vm.profile(), timeline, burst, placement);
    }
}
