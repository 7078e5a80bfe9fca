package io.livemig.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import io.livemig.kernel.magic.GroovyMagicTranspiler;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The livemig Jupyter kernel: a thin adapter from jjava's protocol handlers to a {@link GroovyEvaluator}.
 *
 * <p>Cells run on one dedicated thread, not on jjava's shell socket thread, so an interrupt only ever hits
 * user code (interrupting a thread inside a ZeroMQ poll would close its channels). The evaluator is created
 * lazily from a supplier, so the kernel answers {@code kernel_info} before Groovy and the DSL are loaded.
 */
public final class GroovyKernel extends BaseKernel {

    private static final Logger LOG = LoggerFactory.getLogger(GroovyKernel.class);
    /** How long an interrupted cell may ignore the interrupt before its thread is stopped. */
    static final long STOP_GRACE_MILLIS = 3000;

    private final Supplier<GroovyEvaluator> evaluatorFactory;
    private volatile GroovyEvaluator evaluator;
    private final ExecutorService cellThread;
    private final History history;
    private final AtomicInteger nestedCells = new AtomicInteger();
    private volatile String currentCellName = GroovyEvaluator.CELL_CLASS_PREFIX + "0";
    private volatile CodeInsight insight;
    private volatile boolean warmUpStarted;
    private volatile Future<?> pendingCell;

    private GroovyKernel(String name, String version, LanguageInfo languageInfo, History history, KernelIO io,
                         CommManager comms, Renderer renderer, MagicsRegistry magics, boolean extensions,
                         StringStyler errorStyler, Supplier<GroovyEvaluator> evaluatorFactory) {
        super(name, version, languageInfo, List.of(new HelpLink("Groovy", "https://groovy-lang.org/documentation.html")),
                history, io, comms, renderer, new MagicParser("^[ \\t]*%", "%%", new GroovyMagicTranspiler()), magics,
                extensions, errorStyler);
        this.evaluatorFactory = evaluatorFactory;
        this.history = history;
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
        return evaluator().eval(code, currentCellName);
    }

    /**
     * Runs code from a magic or {@code %load} inside the current cell, in the same binding.
     *
     * @param label names the code in stack traces, e.g. the file it came from
     */
    public Object evalNested(String source, String label) {
        String code = magicParser.resolveMagics(source);
        String name = label.replaceAll("[^A-Za-z0-9_]", "_") + "_" + nestedCells.incrementAndGet();
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            name = "_" + name;
        }
        return evaluator().eval(code, name);
    }

    /** Renders a value as a cell result would be; null stays null. */
    public DisplayData render(Object value) {
        if (value == null) {
            return null;
        }
        Object shown = Notebook.plain(value);
        return shown instanceof DisplayData ? (DisplayData) shown : renderer.render(shown);
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
        // A cell still queued (behind the start-up warm-up) must not start at all.
        Future<?> queued = pendingCell;
        if (queued != null) {
            queued.cancel(false);
        }
        GroovyEvaluator e = evaluator;
        if (e == null) {
            return;
        }
        Thread target = e.runningThread();
        long cell = e.runningCell();
        e.interrupt();
        if (target == null || cell == 0) {
            return;
        }
        // Code deep inside a Java library never checks the flag: stop its thread after a grace period.
        Thread enforcer = new Thread(() -> {
            try {
                Thread.sleep(STOP_GRACE_MILLIS);
            } catch (InterruptedException ignored) {
                return;
            }
            if (e.runningCell() == cell && e.runningThread() == target) {
                LOG.warn("cell {} ignored the interrupt for {} ms; stopping its thread", cell, STOP_GRACE_MILLIS);
                stopThread(target);
            }
        }, "livemig-interrupt");
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

    @Override
    public List<String> formatError(Throwable e) {
        return CellError.of(e, "").traceback();
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> request) {
        env.setBusyDeferIdle();
        env.reply(new StatusKernelInfoReply(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(), getHelpLinks()));
        // Load Groovy and the DSL once the client knows the kernel is up, not before: on a small machine the
        // warm-up would compete with this first reply for the CPU.
        if (!warmUpStarted) {
            warmUpStarted = true;
            warmUpInBackground();
        }
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        // jjava's own handler replies without "status" (as for kernel_info)
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries;
        switch (request.getAccessType()) {
            case TAIL:
                entries = history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
                break;
            case RANGE:
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                entries = history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
                break;
            default:
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                entries = history.search(search.getPattern(), search.getMaxReturnLength(), flags);
        }
        env.reply(new StatusHistoryReply(entries));
    }

    /**
     * A history reply as the protocol has it: {@code "status": "ok"} and entries as {@code [session, line, input]}
     * tuples (jjava's reply has no status, and its entries serialise as objects).
     */
    static final class StatusHistoryReply implements ContentType<StatusHistoryReply>, ReplyType<HistoryRequest> {
        @SuppressWarnings("unused") // serialised by gson
        private final String status = "ok";
        @SuppressWarnings({"unused", "FieldCanBeLocal"})
        private final List<List<Object>> history = new ArrayList<>();

        StatusHistoryReply(List<HistoryEntry> entries) {
            for (HistoryEntry e : entries) {
                Object input = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
                history.add(List.of(e.getSession(), e.getCellNumber(), input));
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public MessageType<StatusHistoryReply> getType() {
            return (MessageType<StatusHistoryReply>) (MessageType<?>) MessageType.HISTORY_REPLY;
        }

        @Override
        public MessageType<HistoryRequest> getRequestType() {
            return MessageType.HISTORY_REQUEST;
        }
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
        KernelIO kio = (KernelIO) io;
        kio.attach(env, request.isStdinEnabled());
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
        }
        kio.detach(env);
        if (failure == null) {
            if (out != null && !silent) {
                env.publish(new PublishExecuteResult(count, out));
                Object text = out.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
                history.output(count, text == null ? null : text.toString());
            }
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
        } else {
            CellError error = CellError.of(failure, request.getCode());
            env.publish(new PublishError(error.name(), error.value(), error.traceback()));
            ErrorReply reply = new ErrorReply(error.name(), error.value(), error.traceback());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
    }

    private <T> T onCellThread(Callable<T> task) throws Throwable {
        Future<T> future = cellThread.submit(task);
        pendingCell = future;
        while (true) {
            try {
                return future.get();
            } catch (java.util.concurrent.CancellationException e) {
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

    /** jjava's reply lacks {@code "status": "ok"}, which the protocol requires (and jupyter_kernel_test checks). */
    static final class StatusKernelInfoReply extends KernelInfoReply {
        @SuppressWarnings("unused") // serialised by gson
        private final String status = "ok";

        StatusKernelInfoReply(String protocolVersion, String name, String version, LanguageInfo info, String banner, List<HelpLink> links) {
            super(protocolVersion, name, version, info, banner, links);
        }
    }

    /** Self-typed builder in jjava's style; the evaluator factory is required. */
    public static final class Builder extends BaseKernelBuilder<Builder, GroovyKernel> {
        private Supplier<GroovyEvaluator> evaluatorFactory;
        private String languageVersion = groovyVersion();

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
            return new GroovyKernel(buildName(), buildVersion(), info, new History(), new KernelIO(buildJupyterIOEncoding()),
                    buildCommManager(), buildRenderer(), buildMagicsRegistry(), buildExtensionsEnabled(), buildErrorStyler(),
                    evaluatorFactory);
        }

        private static String groovyVersion() {
            Package p = groovy.lang.GroovySystem.class.getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            return v == null ? "5" : v;
        }
    }
}
