package io.livemig.policy;

/** A hypervisor's pre-copy algorithm: when it stops iterating and what it sends. */
public sealed interface PrecopyPolicy permits Qemu, XenLegacy, XenV2 {
    /** A short name for tables and charts, e.g. {@code qemu(300 ms)} or {@code xen-legacy(skip)}. */
    String label();

    /** Upper bound on live (pre-copy) iterations, or {@link Integer#MAX_VALUE} when the policy has none. */
    int maxIterations();

    /**
     * Reads a policy name as the command line and the DSL spell it: {@code qemu}, {@code xen} (legacy, skip on),
     * {@code xen-noskip}, {@code xen-v2}.
     * @throws IllegalArgumentException listing the valid names
     */
    static PrecopyPolicy named(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "qemu", "kvm" -> Qemu.defaults();
            case "qemu-1.7", "qemu-old" -> Qemu.qemu1_7();
            case "xen", "xen-legacy", "xen-skip" -> XenLegacy.xen4_x();
            case "xen-noskip", "xen-no-skip" -> XenLegacy.xen4_x().withSkip(false);
            case "xen-v2", "xenv2" -> XenV2.xen4_6();
            default -> throw new IllegalArgumentException("unknown policy '" + name
                    + "'; expected one of qemu, qemu-1.7, xen, xen-noskip, xen-v2");
        };
    }
}
