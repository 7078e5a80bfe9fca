package io.livemig.lab;

import io.livemig.cli.CommandPlugin;

/** Registers {@code lab} with the {@code livemig} command line. */
public final class LabPlugin implements CommandPlugin {
    @Override
    public String name() {
        return "lab";
    }

    @Override
    public Object command() {
        return new LabCommand();
    }
}
