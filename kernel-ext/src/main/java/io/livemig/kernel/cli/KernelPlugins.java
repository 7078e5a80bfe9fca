package io.livemig.kernel.cli;

import io.livemig.cli.CommandPlugin;

/** Registers {@code kernel} and {@code notebook} with the {@code livemig} command line. */
public final class KernelPlugins {
    private KernelPlugins() {}

    /** {@code livemig kernel ...}. */
    public static final class Kernel implements CommandPlugin {
        @Override
        public String name() {
            return "kernel";
        }

        @Override
        public Object command() {
            return new KernelCommand();
        }
    }

    /** {@code livemig notebook}. */
    public static final class Notebook implements CommandPlugin {
        @Override
        public String name() {
            return "notebook";
        }

        @Override
        public Object command() {
            return new NotebookCommand();
        }
    }
}
