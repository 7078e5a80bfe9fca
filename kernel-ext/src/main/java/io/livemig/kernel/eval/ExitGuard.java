package io.livemig.kernel.eval;

import groovy.lang.Closure;
import groovy.lang.ExpandoMetaClass;
import groovy.lang.GroovySystem;

/**
 * Keeps {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} called from cell code from ending the
 * kernel: the call throws {@link CellExit} instead, so the cell fails with a clear error and every variable stays.
 *
 * <p>Cells are dynamic Groovy, and a dynamic call reaches a static or instance method through the class's
 * meta-class; replacing the meta-classes of {@link System} and {@link Runtime} intercepts {@code System.exit(0)},
 * {@code def s = System; s.exit(0)}, {@code System.&exit} and {@code Runtime.runtime.halt(1)} alike. What bypasses
 * meta-classes is not covered here: {@code @CompileStatic} cell code is, by {@link ExitCalls}, which rewrites exit
 * calls written in a cell at compile time; reflection and Java libraries are not. The alternative that
 * covers those, a {@code SecurityManager} vetoing {@code checkExit}, is deprecated for removal since Java 17, needs
 * {@code -Djava.security.manager=allow} from 18 on, is permanently disabled since 24, and would put a permission check
 * on every file and reflective access of every cell.
 */
public final class ExitGuard {
    private static boolean installed;

    private ExitGuard() {}

    /** Replaces the meta-classes once per JVM; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ExpandoMetaClass system = new ExpandoMetaClass(System.class, false, true);
        // System.metaClass.static.exit = {...}, the public way to add a static method (registerStaticMethod is
        // protected)
        ((groovy.lang.GroovyObject) system.getProperty(ExpandoMetaClass.STATIC_QUALIFIER))
                .setProperty("exit", new Refusal("System.exit"));
        system.initialize();
        GroovySystem.getMetaClassRegistry().setMetaClass(System.class, system);
        ExpandoMetaClass runtime = new ExpandoMetaClass(Runtime.class, false, true);
        runtime.registerInstanceMethod("exit", new Refusal("Runtime.exit"));
        runtime.registerInstanceMethod("halt", new Refusal("Runtime.halt"));
        runtime.initialize();
        GroovySystem.getMetaClassRegistry().setMetaClass(Runtime.class, runtime);
        installed = true;
    }

    /**
     * What an exit call written in a cell is compiled to ({@link ExitCalls}); public because cell classes call it.
     *
     * @throws CellExit always
     */
    public static void refuse(String method, int status) {
        throw new CellExit(method, status);
    }

    /** The closure that stands in for an exit method: it throws instead. */
    private static final class Refusal extends Closure<Object> {
        private final String method;

        Refusal(String method) {
            super(null);
            this.method = method;
        }

        @SuppressWarnings("unused") // called by Groovy's dispatch
        public Object doCall(int status) {
            throw new CellExit(method, status);
        }
    }

    /** What a cell's exit call throws. */
    public static final class CellExit extends RuntimeException {
        private final int status;

        CellExit(String method, int status) {
            super(method + "(" + status + ") would end the kernel and lose every variable; the cell stopped here"
                    + " instead (restart the kernel to start afresh)");
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
