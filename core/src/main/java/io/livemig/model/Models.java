package io.livemig.model;

import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.Qemu;

import java.util.List;

/** The models livemig knows, in the order tables list them. */
public final class Models {
    private Models() {}

    /** The proposed model and every existing model, each existing one fed the profile's average rate. */
    public static List<MigrationModel> all() { return all(DirtyRateSource.profileAverage()); }

    /** The proposed model and every existing model, the existing ones fed {@code dirtyRate}. */
    public static List<MigrationModel> all(DirtyRateSource dirtyRate) {
        return List.of(ProposedModel.defaults(), new FullCopyModel(), new GeometricSeriesModel(dirtyRate),
                new EffectiveRateModel(dirtyRate), new LiuIterativeModel(dirtyRate));
    }

    /**
     * The model livemig answers with under {@code policy} when none is named, at every door (CLI, DSL, kernel): the
     * QEMU-accurate model under QEMU (QEMU's own loop, zero pages, bytes on the wire), else the paper's proposed model.
     */
    public static MigrationModel defaultFor(PrecopyPolicy policy) {
        return policy instanceof Qemu ? new QemuAccurateModel() : ProposedModel.defaults();
    }

    /** A model by name: proposed, full-copy, geometric, effective-rate, liu-iterative, or qemu-accurate. */
    public static MigrationModel named(String name) {
        if (QemuAccurateModel.NAME.equalsIgnoreCase(name == null ? "" : name.trim())) return new QemuAccurateModel();
        return all().stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown model '" + name + "'; expected one of "
                        + String.join(", ", all().stream().map(MigrationModel::name).toList())));
    }
}
