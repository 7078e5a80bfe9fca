package io.livemig.qmp;

/**
 * QEMU's version as its QMP greeting states it ({@code version.qemu.major/minor/micro}), with the
 * {@code package} string (a distribution's build tag, may be empty).
 */
public record QemuVersion(int major, int minor, int micro, String pkg) implements Comparable<QemuVersion> {
    public QemuVersion {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException(
                    "QEMU version parts must be >= 0, got " + major + "." + minor + "." + micro);
        }
        pkg = pkg == null ? "" : pkg;
    }

    public static QemuVersion of(int major, int minor, int micro) {
        return new QemuVersion(major, minor, micro, "");
    }

    /** True if this version is {@code major.minor} or later. */
    public boolean atLeast(int major, int minor) {
        return this.major != major ? this.major > major : this.minor >= minor;
    }

    @Override
    public int compareTo(QemuVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(micro, o.micro);
        return c;
    }

    /** {@code 10.0.2}, without the package string. */
    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
