package io.livemig.kernel.eval;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.Script;
import groovy.transform.ThreadInterrupt;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.MethodClosure;

/**
 * Evaluates notebook cells as Groovy scripts that share one {@link Binding} and one class loader, so
 * variables (also {@code def} ones), methods, classes and imports of a cell are visible in later cells.
 *
 * <p>The compiler configuration comes from outside (the DSL's, with its script base class, imports and unit
 * extensions); the evaluator adds what a notebook needs: top-level declarations become binding writes
 * ({@link TopLevelDeclarations}), loops and closures check for interrupts ({@link ThreadInterrupt}), and
 * imports carry over. Cells run on whatever thread calls {@link #eval}; {@link #interrupt()} interrupts it.
 */
public final class GroovyEvaluator {

    /** Prefix of the class name each cell compiles to; stack traces are trimmed below these frames. */
    public static final String CELL_CLASS_PREFIX = "Cell";
    /** How long an interrupted cell may ignore the interrupt before its thread is stopped. */
    public static final long STOP_GRACE_MILLIS = 3000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GroovyEvaluator.class);
    /** The code base cells compile under (their protection domain's code source). */
    static final String CODE_BASE = "/groovy/notebook";

    private final CompilerConfiguration config;
    private final Binding binding;
    private final CellClassLoader loader;
    /**
     * Serialises compiles (the warm-up compile runs beside the first cell). Not the loader's monitor: Groovy parses
     * the sources of one compile in parallel, and its parser threads take that monitor to load classes.
     */
    private final Object compileLock = new Object();
    /** Bytecode of earlier cells by source text; see {@link #compile}. */
    private final CompiledCells compiledCells = new CompiledCells();

    private final TopLevelDeclarations declarations = new TopLevelDeclarations();
    private final ImportCustomizer carriedImports = new ImportCustomizer();
    private final Set<String> carriedImportKeys = new LinkedHashSet<>();
    /** Packages whose classes cells name without a package (the configuration's and carried star imports). */
    private final Set<String> starImports = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Classes cells name without a package (single-class imports). */
    private final Set<String> classImports = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Class<?> scriptBaseClass;
    private volatile Thread running;
    private final java.util.concurrent.atomic.AtomicLong cellsStarted = new java.util.concurrent.atomic.AtomicLong();
    private volatile long runningCell;
    /** interrupt() came while the outermost cell was in progress (compiling or running). */
    private volatile boolean interruptRequested;

    public GroovyEvaluator(CompilerConfiguration config, ClassLoader parent) {
        this.config = config;
        ExitGuard.install();
        config.addCompilationCustomizers(declarations, carriedImports, new ExitCalls());
        if (!hasThreadInterrupt(config)) {
            config.addCompilationCustomizers(new ASTTransformationCustomizer(ThreadInterrupt.class));
        }
        this.binding = new Binding();
        this.loader = new CellClassLoader(parent, config);
        try {
            this.scriptBaseClass = config.getScriptBaseClass() == null
                    ? Script.class
                    : Class.forName(config.getScriptBaseClass(), false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(
                    "script base class " + config.getScriptBaseClass() + " is not on the classpath", e);
        }
    }

    private static boolean hasThreadInterrupt(CompilerConfiguration config) {
        return config.getCompilationCustomizers().stream()
                .anyMatch(c -> c instanceof ASTTransformationCustomizer
                        && ((ASTTransformationCustomizer) c)
                                .getTransformation()
                                .getClass()
                                .getSimpleName()
                                .startsWith("ThreadInterrupt"));
    }

    public Binding binding() {
        return binding;
    }

    public GroovyClassLoader classLoader() {
        return loader;
    }

    public CompilerConfiguration config() {
        return config;
    }

    public Class<?> scriptBaseClass() {
        return scriptBaseClass;
    }

    /**
     * Records what the configuration imports, for completion of class names (Groovy keeps a customizer's imports
     * to itself).
     */
    public void noteImports(java.util.Collection<String> starPackages, java.util.Collection<String> classes) {
        starImports.addAll(starPackages);
        classImports.addAll(classes);
    }

    /** Star-imported packages: the configuration's (see {@link #noteImports}) and those of earlier cells. */
    public Set<String> starImports() {
        return Set.copyOf(starImports);
    }

    /** Single-class imports: the configuration's and those of earlier cells. */
    public Set<String> classImports() {
        return Set.copyOf(classImports);
    }

    /** Adds a jar or a directory of classes to what later cells can use. */
    public void addClasspath(Path path) {
        loader.addClasspath(path.toAbsolutePath().toString());
    }

    /**
     * Compiles and runs one cell.
     *
     * @param code     the Groovy source
     * @param cellName a valid Java identifier; it names the cell in compile errors and stack traces
     * @return the value of the last expression, or {@code null} when it is a declaration or an assignment
     * @throws org.codehaus.groovy.control.CompilationFailedException when the cell does not compile
     */
    public Object eval(String code, String cellName) {
        return eval(code, cellName, () -> false);
    }

    /**
     * {@link #eval(String, String)} for a caller that takes interrupts for this cell before the evaluator sees it
     * (the kernel, from the moment the cell is queued): when {@code stopRequested} says so, the outermost cell stops
     * before it runs, as after {@link #interrupt()}.
     */
    public Object eval(String code, String cellName, java.util.function.BooleanSupplier stopRequested) {
        Thread previous = running;
        long previousCell = runningCell;
        boolean outermost = previous == null;
        if (outermost) {
            interruptRequested = false;
            runningCell = cellsStarted.incrementAndGet(); // from here interrupt() is recorded, even while compiling
        }
        try {
            Script script = compile(code, cellName);
            if (script == null) {
                return null; // the cell only declares classes: they are defined now
            }
            running = Thread.currentThread();
            // An interrupt that came while the cell compiled is delivered here: interrupting the compile itself
            // could close a channel the class loader reads through. interrupt() records the request before it
            // reads `running`, and this reads the request after setting it, so one of the two always sees the other.
            if (outermost && (interruptRequested || stopRequested.getAsBoolean())) {
                throw GroovyEvaluator.<RuntimeException>sneaky(new InterruptedException("interrupted while compiling"));
            }
            return script.run();
        } finally {
            running = previous;
            runningCell = outermost ? 0 : previousCell;
            // an interrupt that arrives as the cell ends must not hit the next cell
            if (outermost) {
                Thread.interrupted();
            }
        }
    }

    /** Throws a checked exception (a cell's InterruptedException) through a method that does not declare it. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * Compiles a cell and publishes its methods and imports to later cells, without running it.
     *
     * @return the script, or null when the cell holds only class declarations
     */
    public Script compile(String code, String cellName) {
        Class<?> scriptClass;
        synchronized (compileLock) {
            // a repeated cell: its bytecode under the new cell's name, as compiling it again would give
            scriptClass = compiledCells.define(code, cellName, loader);
            if (scriptClass == null) {
                declarations.drainImports();
                loader.startRecording();
                Map<String, byte[]> recorded;
                try {
                    scriptClass = loader.parseClass(new GroovyCodeSource(code, cellName + ".groovy", CODE_BASE), false);
                } finally {
                    recorded = loader.stopRecording();
                }
                boolean importsChanged = false;
                for (ImportNode node : declarations.drainImports()) {
                    importsChanged |= carry(node);
                }
                compiledCells.remember(code, cellName, recorded, importsChanged, loader);
            }
        }
        if (!Script.class.isAssignableFrom(scriptClass)) {
            return null;
        }
        Script script = InvokerHelper.createScript(scriptClass, binding);
        publishMethods(script);
        return script;
    }

    /**
     * Interrupts the running cell, if any: the next loop iteration, closure call or sleep throws; a cell still
     * compiling stops before it runs.
     */
    public void interrupt() {
        if (runningCell != 0) {
            interruptRequested = true;
        }
        Thread thread = running;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Interrupts the running cell and, when it ignores the interrupt for {@link #STOP_GRACE_MILLIS} (code deep inside
     * a Java library never checks the flag), stops its thread.
     */
    public void interruptOrStop() {
        Thread target = running;
        long cell = runningCell;
        interrupt();
        if (target == null || cell == 0) {
            return;
        }
        Thread enforcer = new Thread(
                () -> {
                    try {
                        Thread.sleep(STOP_GRACE_MILLIS);
                    } catch (InterruptedException ignored) {
                        return;
                    }
                    if (runningCell == cell && running == target) {
                        LOG.warn(
                                "cell {} ignored the interrupt for {} ms; stopping its thread",
                                cell,
                                STOP_GRACE_MILLIS);
                        stopThread(target);
                    }
                },
                "livemig-interrupt");
        enforcer.setDaemon(true);
        enforcer.start();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stopThread(Thread target) {
        try {
            target.stop();
        } catch (UnsupportedOperationException notOnThisJdk) {
            LOG.warn("the cell ignores interrupts and this JDK cannot stop threads");
        }
    }

    /** Identifies the outermost cell running now (0 when idle); each cell gets a new number. */
    public long runningCell() {
        return runningCell;
    }

    /** The thread running a cell right now, or null. */
    public Thread runningThread() {
        return running;
    }

    private void publishMethods(Script script) {
        // a method defined in a cell becomes a binding closure; Script.invokeMethod falls back to those
        Set<String> names = new LinkedHashSet<>();
        for (Method method : script.getClass().getDeclaredMethods()) {
            String name = method.getName();
            if (method.isSynthetic()
                    || name.startsWith("$")
                    || name.startsWith("this$")
                    || name.equals("run")
                    || name.equals("main")
                    || !Modifier.isPublic(method.getModifiers())) {
                continue;
            }
            names.add(name);
        }
        for (String name : names) {
            binding.setVariable(name, new MethodClosure(script, name));
        }
    }

    /** @return whether the import is new to later cells */
    private boolean carry(ImportNode node) {
        String key = node.getText();
        if (!carriedImportKeys.add(key)) {
            return false;
        }
        if (!node.isStatic() && node.isStar()) {
            starImports.add(node.getPackageName().replaceAll("\\.$", ""));
        } else if (!node.isStatic()) {
            classImports.add(node.getClassName());
        }
        if (node.isStatic() && node.isStar()) {
            carriedImports.addStaticStars(node.getClassName());
        } else if (node.isStatic()) {
            carriedImports.addStaticImport(node.getAlias(), node.getClassName(), node.getFieldName());
        } else if (node.isStar()) {
            carriedImports.addStarImports(node.getPackageName().replaceAll("\\.$", ""));
        } else {
            carriedImports.addImport(node.getAlias(), node.getClassName());
        }
        return true;
    }
}
