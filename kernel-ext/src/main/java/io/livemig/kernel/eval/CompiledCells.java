package io.livemig.kernel.eval;

import groovyjarjarasm.asm.ClassReader;
import groovyjarjarasm.asm.ClassVisitor;
import groovyjarjarasm.asm.ClassWriter;
import groovyjarjarasm.asm.Opcodes;
import groovyjarjarasm.asm.commons.ClassRemapper;
import groovyjarjarasm.asm.commons.SimpleRemapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytecode of cells compiled earlier, by source text, so running a cell again skips the Groovy compiler
 * (about 3–5 ms of a trivial cell's round trip).
 *
 * <p>A fresh compile of the same source under another cell name differs only in the names: the script class
 * {@code Cell12} becomes {@code Cell20}, its closures {@code Cell12$_run_closure1} become
 * {@code Cell20$_run_closure1}, and the source file {@code Cell12.groovy} becomes {@code Cell20.groovy}. So a
 * repeated cell gets its recorded bytecode with those names rewritten and defined as new classes (static state
 * starts fresh, stack traces and messages name the current cell). What else a compile depends on is the state
 * that earlier cells change, so the cache is emptied when it changes: a new carried import, a jar added to the
 * class path, a cell that declares a class (later cells may resolve a name to it). Only cells named
 * {@code Cell<n>} are kept; code run by magics ({@code %load}) compiles each time.
 */
final class CompiledCells {

    /** Enough for the cells of a long notebook; old ones are dropped first. */
    private static final int CAPACITY = 512;

    private record Compiled(String cellName, Map<String, byte[]> classes) {}

    /** The class path version the cached bytecode was compiled against. */
    private int classPathVersion;

    private final Map<String, Compiled> bySource = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @return the cell's class defined anew under {@code cellName}, or null when it must be compiled */
    Class<?> define(String code, String cellName, CellClassLoader loader) {
        if (loader.classPathVersion() != classPathVersion) {
            // a name an earlier cell compiled as a dynamic property may now resolve to a class
            bySource.clear();
            classPathVersion = loader.classPathVersion();
        }
        if (!isCellName(cellName)) {
            return null;
        }
        Compiled compiled = bySource.get(code);
        if (compiled == null) {
            return null;
        }
        Map<String, byte[]> classes =
                compiled.cellName().equals(cellName) ? compiled.classes() : renamed(compiled, cellName);
        return loader.defineCell(classes, cellName);
    }

    /**
     * Records what compiling {@code code} as {@code cellName} defined.
     *
     * @param classes        the defined classes' bytecode by name, or null when it was not recorded
     * @param importsChanged whether the cell carried a new import into later cells
     */
    void remember(
            String code, String cellName, Map<String, byte[]> classes, boolean importsChanged, CellClassLoader loader) {
        if (importsChanged || loader.classPathVersion() != classPathVersion) {
            classPathVersion = loader.classPathVersion();
            bySource.clear();
        }
        if (classes == null) {
            return;
        }
        for (String name : classes.keySet()) {
            if (!ownedBy(name, cellName)) {
                bySource.clear(); // a declared class: cached cells may have resolved its name otherwise
                return;
            }
        }
        if (isCellName(cellName) && classes.containsKey(cellName)) {
            bySource.put(code, new Compiled(cellName, new LinkedHashMap<>(classes)));
        }
    }

    int size() {
        return bySource.size();
    }

    static boolean isCellName(String name) {
        String prefix = GroovyEvaluator.CELL_CLASS_PREFIX;
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return false;
        }
        for (int i = prefix.length(); i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean ownedBy(String className, String cellName) {
        return className.equals(cellName) || className.startsWith(cellName + "$");
    }

    private static Map<String, byte[]> renamed(Compiled compiled, String cellName) {
        String old = compiled.cellName();
        Map<String, String> names = new HashMap<>();
        for (String name : compiled.classes().keySet()) {
            names.put(name, cellName + name.substring(old.length()));
        }
        SimpleRemapper remapper = new SimpleRemapper(names);
        String oldFile = old + ".groovy";
        String newFile = cellName + ".groovy";
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : compiled.classes().entrySet()) {
            ClassWriter writer = new ClassWriter(0);
            ClassVisitor sourceRenamer = new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public void visitSource(String source, String debug) {
                    super.visitSource(oldFile.equals(source) ? newFile : source, debug);
                }
            };
            new ClassReader(e.getValue()).accept(new ClassRemapper(sourceRenamer, remapper), 0);
            result.put(names.get(e.getKey()), writer.toByteArray());
        }
        return result;
    }
}
