package io.livemig.kernel;

import io.livemig.kernel.channel.History;
import io.livemig.kernel.channel.KernelIO;
import io.livemig.kernel.channel.Replies;
import io.livemig.kernel.display.DisplayHandle;
import io.livemig.kernel.display.Notebook;
import io.livemig.kernel.display.NotebookHost;
import io.livemig.kernel.eval.CellError;
import io.livemig.kernel.eval.GroovyEvaluator;
import io.livemig.kernel.insight.CodeInsight;
import io.livemig.kernel.magic.GroovyMagicTranspiler;
import io.livemig.kernel.magic.MagicHost;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The livemig Jupyter kernel: a thin adapter from jjava's protocol handlers to a {@link GroovyEvaluator}. Protocol
 * fixes live in {@code kernel.channel}, evaluation in {@code kernel.eval}, completion and inspection in
 * {@code kernel.insight}, notebook functions in {@code kernel.display}; this class only routes requests to them.
 *
 * <p>Cells run on one dedicated thread, not on jjava's shell socket thread, so an interrupt only ever hits
 * user code (interrupting a thread inside a ZeroMQ poll would close its channels). The evaluator is created
 * lazily from a supplier, so the kernel answers {@code kernel_info} before Groovy and the DSL are loaded.
 */
public final class GroovyKernel extends BaseKernel implements MagicHost, NotebookHost {

    private static final Logger LOG = LoggerFactory.getLogger(GroovyKernel.class);

    private final Supplier<GroovyEvaluator> evaluatorFactory;
    private volatile GroovyEvaluator evaluator;
    private final ExecutorService cellThread;
    private final History history;
    private final KernelIO kernelIO;
    private final AtomicInteger nestedCells = new AtomicInteger();
    private volatile String currentCellName = GroovyEvaluator.CELL_CLASS_PREFIX + "0";
    private volatile CodeInsight insight;
    private volatile boolean warmUpStarted;
    private volatile Future<?> pendingCell;
    private volatile AtomicBoolean pendingClaim;
    /**
     * interrupt() came for the cell queued or running now: the evaluator honours it even when it came before the
     * evaluator existed or saw the cell (a first cell started before any warm-up).
     */
    private volatile boolean cellInterrupted;
    /** The request being executed, while a cell runs: where displays, pages and clear_output go. */
    private volatile ShellReplyEnvironment currentEnv;

    private final List<String> pages = new ArrayList<>();

    private GroovyKernel(
            String name,
            String version,
            LanguageInfo languageInfo,
            History history,
            KernelIO io,
            CommManager comms,
            Renderer renderer,
            MagicsRegistry magics,
            boolean extensions,
            StringStyler errorStyler,
            Supplier<GroovyEvaluator> evaluatorFactory) {
        super(
                name,
                version,
                languageInfo,
                List.of(new HelpLink("Groovy", "https://groovy-lang.org/documentation.html")),
                history,
                io,
                comms,
                renderer,
                new MagicParser("^[ \\t]*%", "%%", new GroovyMagicTranspiler()),
                magics,
                extensions,
                errorStyler);
        this.evaluatorFactory = evaluatorFactory;
        this.history = history;
        this.kernelIO = io;
        this.cellThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "livemig-cell");
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The evaluator, created on first use (on the cell thread when called from a cell). */
    @Override
    public GroovyEvaluator evaluator() {
        GroovyEvaluator e = evaluator;
        if (e == null) {
            synchronized (this) {
                e = evaluator;
                if (e == null) {
                    e = evaluatorFactory.get();
                    insight = new CodeInsight(e, magicsRegistry);
                    evaluator = e;
                }
            }
        }
        return e;
    }

    /** Compiles a trivial cell on the cell thread so the first real cell does not pay for loading Groovy. */
    public void warmUpInBackground() {
        cellThread.submit(() -> {
            try {
                evaluator().compile("null", GroovyEvaluator.CELL_CLASS_PREFIX + "0");
            } catch (RuntimeException e) {
                LOG.warn("warm-up failed: {}", e.toString());
            }
        });
    }

    @Override
    public Object evalRaw(String source) {
        String code = magicParser.resolveMagics(source);
        return evaluator().eval(code, currentCellName, () -> cellInterrupted);
    }

    @Override
    public Object evalNested(String source, String label) {
        String code = magicParser.resolveMagics(source);
        String name = label.replaceAll("[^A-Za-z0-9_]", "_") + "_" + nestedCells.incrementAndGet();
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            name = "_" + name;
        }
        return evaluator().eval(code, name);
    }

    /** Renders a value as a cell result would be; null, and the handle {@code display(x)} returns, show nothing. */
    public DisplayData render(Object value) {
        if (value == null || value instanceof DisplayHandle) {
            return null;
        }
        Object shown = Notebook.plain(value);
        return shown instanceof DisplayData ? (DisplayData) shown : renderer.render(shown);
    }

    /** A display keeps its place among printed lines: what was printed before it is sent first. */
    @Override
    public void display(DisplayData data) {
        kernelIO.drain();
        super.display(data);
    }

    @Override
    public void clearOutput(boolean wait) {
        ShellReplyEnvironment env = currentEnv;
        if (env != null) {
            kernelIO.drain();
            env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
        }
    }

    @Override
    public void page(Object subject) {
        evaluator();
        String text = insight.help(subject);
        synchronized (pages) {
            pages.add(text);
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        evaluator();
        return insight.inspect(code, at, extraDetail);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        evaluator();
        return insight.complete(code, at);
    }

    @Override
    public String isComplete(String code) {
        evaluator();
        return insight.isComplete(code);
    }

    @Override
    public void interrupt() {
        cellInterrupted = true; // before the evaluator reads its running thread (see GroovyEvaluator.eval)
        // A cell still queued (behind the start-up warm-up) must not start at all; one that started already (its
        // claim taken) is the evaluator's to interrupt. Cancelling a started task would answer "interrupted" while
        // the cell kept the one cell thread busy, and every later cell would queue behind it.
        AtomicBoolean claim = pendingClaim;
        Future<?> queued = pendingCell;
        if (claim != null && queued != null && claim.compareAndSet(false, true)) {
            queued.cancel(false);
            return;
        }
        GroovyEvaluator e = evaluator;
        if (e != null) {
            e.interruptOrStop();
        }
    }

    @Override
    public List<String> formatError(Throwable e) {
        return CellError.of(e, "").traceback();
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> request) {
        env.setBusyDeferIdle();
        env.reply(Replies.kernelInfo(
                Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(), getHelpLinks()));
        // Load Groovy and the DSL once the client knows the kernel is up, not before: on a small machine the
        // warm-up would compete with this first reply for the CPU.
        if (!warmUpStarted) {
            warmUpStarted = true;
            warmUpInBackground();
        }
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        env.reply(history.reply(message.getContent()));
    }

    /** Cells print to batched streams (see {@link KernelIO}), not to jjava's per-line ones. */
    @Override
    protected void replaceOutputStreams(ShellReplyEnvironment env) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        System.setOut(kernelIO.stdout);
        System.setErr(kernelIO.stderr);
        System.setIn(kernelIO.in);
        env.defer(() -> {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        });
    }

    @Override
    protected void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        int count = silent ? executionCount.get() : executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        replaceOutputStreams(env);
        kernelIO.attach(env, request.isStdinEnabled());
        currentEnv = env;
        synchronized (pages) {
            pages.clear();
        }
        if (request.shouldStoreHistory() && !silent) {
            history.add(count, request.getCode());
        }
        currentCellName = GroovyEvaluator.CELL_CLASS_PREFIX + count;
        Throwable failure = null;
        DisplayData out = null;
        try {
            out = onCellThread(() -> render(evalRaw(request.getCode())));
        } catch (Throwable t) {
            failure = t;
        } finally {
            pendingCell = null;
            pendingClaim = null;
            currentEnv = null;
        }
        // everything printed is sent before the result or the error, and before the reply and idle
        kernelIO.detach(env);
        if (failure == null) {
            if (out != null && !silent) {
                env.publish(new PublishExecuteResult(count, out));
                Object text = out.getData(MIMEType.TEXT_PLAIN);
                history.output(count, text == null ? null : text.toString());
            }
            List<String> paged;
            synchronized (pages) {
                paged = List.copyOf(pages);
            }
            env.defer().reply(Replies.executeOk(count, paged));
        } else {
            CellError error = CellError.of(failure, request.getCode());
            env.publish(new PublishError(error.name(), error.value(), error.traceback()));
            ErrorReply reply = new ErrorReply(error.name(), error.value(), error.traceback());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
    }

    private <T> T onCellThread(Callable<T> task) throws Throwable {
        cellInterrupted = false;
        AtomicBoolean claim = new AtomicBoolean(); // taken by whichever comes first: the cell thread or interrupt()
        pendingClaim = claim;
        Future<T> future = cellThread.submit(() -> {
            if (!claim.compareAndSet(false, true)) {
                throw new InterruptedException("interrupted before it started");
            }
            return task.call();
        });
        pendingCell = future;
        while (true) {
            try {
                return future.get();
            } catch (CancellationException e) {
                throw new InterruptedException("interrupted before it started");
            } catch (ExecutionException e) {
                throw e.getCause();
            } catch (InterruptedException e) {
                // the shell thread is never interrupted on purpose; keep waiting for the cell
                Thread.interrupted();
            }
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        cellThread.shutdownNow();
        super.onShutdown(isRestarting);
    }

    /** Self-typed builder in jjava's style; the evaluator factory is required. */
    public static final class Builder extends BaseKernelBuilder<Builder, GroovyKernel> {
        private Supplier<GroovyEvaluator> evaluatorFactory;
        private final String languageVersion = groovyVersion();

        public Builder evaluator(Supplier<GroovyEvaluator> factory) {
            this.evaluatorFactory = factory;
            return this;
        }

        @Override
        public GroovyKernel build() {
            if (evaluatorFactory == null) {
                throw new IllegalStateException("GroovyKernel.Builder: evaluator factory is required");
            }
            LanguageInfo info = new LanguageInfo.Builder("groovy")
                    .version(languageVersion)
                    .mimetype("text/x-groovy")
                    .fileExtension(".groovy")
                    .pygments("groovy")
                    .codemirror("groovy")
                    .build();
            return new GroovyKernel(
                    buildName(),
                    buildVersion(),
                    info,
                    new History(),
                    new KernelIO(buildJupyterIOEncoding()),
                    buildCommManager(),
                    buildRenderer(),
                    buildMagicsRegistry(),
                    buildExtensionsEnabled(),
                    buildErrorStyler(),
                    evaluatorFactory);
        }

        private static String groovyVersion() {
            Package p = groovy.lang.GroovySystem.class.getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            return v == null ? "5" : v;
        }
    }
}
