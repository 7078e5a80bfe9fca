package io.livemig.kernel.magic;

import java.util.List;
import java.util.TreeSet;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** The kernel's magics, registered on its builder. */
public final class Magics {
    private Magics() {}

    /** Registers every magic on a builder of a kernel that is a {@link MagicHost}. */
    public static <B extends BaseKernelBuilder<B, K>, K extends BaseKernel & MagicHost> B registerAll(B builder) {
        LineMagic<Object, K> time = TimeMagic::line;
        CellMagic<Object, K> timeCell = TimeMagic::cell;
        LineMagic<Object, K> classpath = ClasspathMagic::eval;
        LineMagic<Object, K> maven = MavenMagic::eval;
        LineMagic<Object, K> load = LoadMagic::eval;
        LineMagic<String, K> lsmagic = Magics::list;
        return builder.lineMagic("time", time)
                .cellMagic("time", timeCell)
                .lineMagic("classpath", classpath)
                .lineMagic("maven", maven)
                .lineMagic("load", load)
                .lineMagic("lsmagic", lsmagic);
    }

    static String list(BaseKernel kernel, List<String> args) {
        var registry = kernel.getMagicsRegistry();
        return "Line magics: "
                + String.join(
                        "  ",
                        new TreeSet<>(registry.getLineMagicNames())
                                .stream().map(n -> "%" + n).toList()) + "\nCell magics: "
                + String.join(
                        "  ",
                        new TreeSet<>(registry.getCellMagicNames())
                                .stream().map(n -> "%%" + n).toList());
    }
}
