package io.livemig.kernel.process;

import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone, so a crashed notebook server leaves no orphan.
 * It watches {@code JPY_PARENT_PID} when jupyter_client set it, else the parent process.
 */
public final class ParentWatchdog {
    private static final long CHECK_MILLIS = 500;

    private ParentWatchdog() {}

    /** Starts a daemon thread that calls {@code onParentDeath} once the parent has exited. */
    static Optional<Thread> start(String jpyParentPid, Runnable onParentDeath) {
        Optional<ProcessHandle> parent = parent(jpyParentPid);
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle watched = parent.get();
        long originalParentPid =
                ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Thread thread = new Thread(
                () -> {
                    while (true) {
                        try {
                            Thread.sleep(CHECK_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                        long currentParentPid = ProcessHandle.current()
                                .parent()
                                .map(ProcessHandle::pid)
                                .orElse(-1L);
                        // reparenting (to init or a subreaper) also means our parent died
                        if (!watched.isAlive() || currentParentPid != originalParentPid) {
                            onParentDeath.run();
                            return;
                        }
                    }
                },
                "livemig-parent-watchdog");
        thread.setDaemon(true);
        thread.start();
        return Optional.of(thread);
    }

    private static Optional<ProcessHandle> parent(String jpyParentPid) {
        if (jpyParentPid != null && !jpyParentPid.isBlank()) {
            try {
                Optional<ProcessHandle> named = ProcessHandle.of(Long.parseLong(jpyParentPid.strip()));
                if (named.isPresent()) {
                    return named;
                }
            } catch (NumberFormatException notAPid) {
                // fall back to the real parent
            }
        }
        return ProcessHandle.current().parent();
    }
}
