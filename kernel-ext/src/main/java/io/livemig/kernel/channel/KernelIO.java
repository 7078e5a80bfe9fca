package io.livemig.kernel.channel;

import java.io.PrintStream;
import java.nio.charset.Charset;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

/**
 * jjava's streams, with stdout and stderr replaced by {@link BatchedStream}s (jjava's own send a message per
 * line) and the attach/detach calls the kernel needs from outside jjava's package.
 */
public final class KernelIO extends JupyterIO {
    private final BatchedStream batchedOut = new BatchedStream(ShellReplyEnvironment::writeToStdOut);
    private final BatchedStream batchedErr = new BatchedStream(ShellReplyEnvironment::writeToStdErr);
    /** What a cell's {@code System.out} is while it runs. */
    public final PrintStream stdout;
    /** What a cell's {@code System.err} is while it runs. */
    public final PrintStream stderr;

    public KernelIO(Charset encoding) {
        super(encoding);
        // no auto-flush: the batches are sent by time and size, not per line
        this.stdout = new PrintStream(batchedOut, false, encoding);
        this.stderr = new PrintStream(batchedErr, false, encoding);
    }

    public void attach(ShellReplyEnvironment env, boolean stdinEnabled) {
        setEnv(env);
        batchedOut.attach(env);
        batchedErr.attach(env);
        setJupyterInEnabled(stdinEnabled);
    }

    /** Sends the text printed so far, before something else (a display, an error, the result) is published. */
    public void drain() {
        stdout.flush();
        stderr.flush();
        batchedOut.drain();
        batchedErr.drain();
    }

    public void detach(ShellReplyEnvironment env) {
        stdout.flush();
        stderr.flush();
        batchedOut.detach(env);
        batchedErr.detach(env);
        out.flush();
        err.flush();
        retractEnv(env);
    }
}
