package io.livemig.kernel.magic;

import java.util.List;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.ParsedCellMagic;
import org.dflib.jjava.jupyter.kernel.magic.ParsedLineMagic;

/**
 * Rewrites {@code %magic args} lines and {@code %%magic} cells into Groovy calls. jjava's own transpiler emits
 * Java ({@code ...;{};}), and a bare {@code {}} is a closure in Groovy, so it does not compile. A line magic
 * stays on its line, so the cell's other line numbers do not move.
 */
public class GroovyMagicTranspiler extends MagicTranspiler {

    private static final String STATICS = BaseNotebookStatics.class.getName();

    @Override
    public String transpileCell(ParsedCellMagic magic) {
        return STATICS + ".cellMagic(" + literal(magic.magicCall.name) + ", " + list(magic.magicCall.args) + ", "
                + literal(magic.magicCall.body) + ")";
    }

    @Override
    public String transpileLine(ParsedLineMagic magic) {
        return STATICS + ".lineMagic(" + literal(magic.magicCall.name) + ", " + list(magic.magicCall.args) + ")";
    }

    private static String list(List<String> args) {
        return args.stream().map(GroovyMagicTranspiler::literal).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A single-quoted Groovy string (no interpolation) on one line. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\':
                    out.append("\\\\");
                    break;
                case '\'':
                    out.append("\\'");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
