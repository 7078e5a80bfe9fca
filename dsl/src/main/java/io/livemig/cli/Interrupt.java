package io.livemig.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a long measurement: the JVM's shutdown hook sets a flag the measuring loop polls, then waits until the
 * command has written what it has (a partial file, marked), so an interrupted measurement is kept and never half
 * written. Tests call {@link #stop()} directly.
 */
final class Interrupt {
    /** Long enough for the loop to notice (it polls every 20–100 ms) and to write a file. */
    private static final long GRACE_SECONDS = 30;

    private volatile boolean stopped;

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Installs the hook until {@link Hook#close()}, which also releases a hook already waiting. */
    Hook install() {
        CountDownLatch finished = new CountDownLatch(1);
        Thread t = new Thread(
                () -> {
                    stop();
                    try {
                        finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException ignored) {
                        /* the JVM is going down anyway */
                    }
                },
                "livemig-interrupt");
        Runtime.getRuntime().addShutdownHook(t);
        return () -> {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(t);
            } catch (IllegalStateException shuttingDown) {
                /* the hook is running: it returns now */
            }
        };
    }

    interface Hook extends AutoCloseable {
        @Override
        void close();
    }
}
