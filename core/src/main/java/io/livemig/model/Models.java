package io.livemig.model;

import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.Qemu;
import java.util.List;

/** The models livemig knows, in the order tables list them. */
public final class Models {
    private Models() {}

    /**
     * Every model {@link #named} knows: the proposed model, the QEMU-accurate one and every existing model, each
     * existing one fed the profile's average rate.
     */
    public static List<MigrationModel> all() {
        return all(DirtyRateSource.profileAverage());
    }

    /** As {@link #all()}, the existing models fed {@code dirtyRate}. */
    public static List<MigrationModel> all(DirtyRateSource dirtyRate) {
        return List.of(
                ProposedModel.defaults(),
                new QemuAccurateModel(),
                new FullCopyModel(),
                new GeometricSeriesModel(dirtyRate),
                new EffectiveRateModel(dirtyRate),
                new LiuIterativeModel(dirtyRate));
    }

    /**
     * The model livemig answers with under {@code policy} when none is named, at every door (CLI, DSL, kernel): the
     * QEMU-accurate model under QEMU (QEMU's own loop, zero pages, bytes on the wire), else the paper's proposed model.
     */
    public static MigrationModel defaultFor(PrecopyPolicy policy) {
        return policy instanceof Qemu ? new QemuAccurateModel() : ProposedModel.defaults();
    }

    /** A model by name, one of {@link #all()}'s: proposed, qemu-accurate, full-copy, geometric, effective-rate, liu-iterative. */
    public static MigrationModel named(String name) {
        return all().stream()
                .filter(m -> m.name().equalsIgnoreCase(name == null ? "" : name.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "'; expected one of "
                        + String.join(
                                ", ", all().stream().map(MigrationModel::name).toList())));
    }
}
