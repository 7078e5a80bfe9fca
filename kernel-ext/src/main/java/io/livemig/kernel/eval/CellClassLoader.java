package io.livemig.kernel.eval;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.SourceUnit;

/**
 * The evaluator's class loader: a {@link GroovyClassLoader} that can hand out the bytecode of the classes one
 * compilation defined, and define such bytecode again as a new compilation would (a fresh inner loader per cell,
 * the cell code source, the class cache entry), so {@link CompiledCells} can skip the compiler for a repeated cell.
 */
final class CellClassLoader extends GroovyClassLoader {

    private final CompilerConfiguration config;
    private final CodeSource cellCodeSource =
            new GroovyCodeSource("", "Cell.groovy", GroovyEvaluator.CODE_BASE).getCodeSource();
    private Map<String, byte[]> recording;
    private volatile int classPathVersion;

    CellClassLoader(ClassLoader parent, CompilerConfiguration config) {
        super(parent, config);
        this.config = config;
    }

    /** Changes whenever a jar or directory joins the class path ({@code %classpath}, {@code %maven}, {@code @Grab}). */
    int classPathVersion() {
        return classPathVersion;
    }

    @Override
    public void addURL(java.net.URL url) {
        super.addURL(url);
        classPathVersion++;
    }

    /** Starts collecting the bytecode of the classes the next compilation defines. */
    void startRecording() {
        recording = config.getBytecodePostprocessor() == null ? new LinkedHashMap<>() : null;
    }

    /**
     * @return the classes defined since {@link #startRecording()} by name, in definition order, or null when the
     *         configuration post-processes bytecode (what was recorded would not be what was defined)
     */
    Map<String, byte[]> stopRecording() {
        Map<String, byte[]> recorded = recording;
        recording = null;
        return recorded;
    }

    /** Defines the classes of one cell in a new inner loader, as {@code parseClass} does, and returns {@code main}. */
    Class<?> defineCell(Map<String, byte[]> classes, String main) {
        CellDefiner definer = new CellDefiner(this);
        Class<?> mainClass = null;
        Class<?>[] defined = new Class<?>[classes.size()];
        int i = 0;
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            byte[] code = e.getValue();
            defined[i] = definer.define(e.getKey(), code, cellCodeSource);
            if (e.getKey().equals(main)) {
                mainClass = defined[i];
            }
            i++;
        }
        for (Class<?> c : defined) {
            setClassCacheEntry(c);
        }
        if (mainClass == null) {
            throw new IllegalStateException("CellClassLoader: no class " + main + " among " + classes.keySet());
        }
        return mainClass;
    }

    @Override
    protected ClassCollector createCollector(CompilationUnit unit, SourceUnit su) {
        return new ClassCollector(new InnerLoader(this), unit, su) {
            @Override
            @SuppressWarnings("rawtypes")
            protected Class createClass(byte[] code, ClassNode classNode) {
                Class defined = super.createClass(code, classNode);
                Map<String, byte[]> r = recording;
                if (r != null) {
                    r.put(classNode.getName(), code);
                }
                return defined;
            }
        };
    }

    /** An inner loader that defines given bytecode under the notebook's code source. */
    private static final class CellDefiner extends InnerLoader {
        CellDefiner(GroovyClassLoader parent) {
            super(parent);
        }

        Class<?> define(String name, byte[] code, CodeSource source) {
            return defineClass(name, code, 0, code.length, source);
        }
    }
}
