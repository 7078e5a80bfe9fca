package io.livemig.kernel.magic;

import io.livemig.kernel.GroovyKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.util.List;
import java.util.TreeSet;

/** The kernel's magics, registered on its builder. */
public final class Magics {
    private Magics() {
    }

    public static GroovyKernel.Builder registerAll(GroovyKernel.Builder builder) {
        LineMagic<Object, GroovyKernel> time = TimeMagic::line;
        CellMagic<Object, GroovyKernel> timeCell = TimeMagic::cell;
        LineMagic<Object, GroovyKernel> classpath = ClasspathMagic::eval;
        LineMagic<Object, GroovyKernel> maven = MavenMagic::eval;
        LineMagic<Object, GroovyKernel> load = LoadMagic::eval;
        LineMagic<String, GroovyKernel> lsmagic = Magics::list;
        return builder.lineMagic("time", time).cellMagic("time", timeCell)
                .lineMagic("classpath", classpath).lineMagic("maven", maven)
                .lineMagic("load", load).lineMagic("lsmagic", lsmagic);
    }

    static String list(GroovyKernel kernel, List<String> args) {
        var registry = kernel.getMagicsRegistry();
        return "Line magics: " + String.join("  ", new TreeSet<>(registry.getLineMagicNames()).stream().map(n -> "%" + n).toList())
                + "\nCell magics: " + String.join("  ", new TreeSet<>(registry.getCellMagicNames()).stream().map(n -> "%%" + n).toList());
    }
}
