package io.livemig.cli;

/** A subcommand contributed by a module that depends on the DSL (found with {@link java.util.ServiceLoader}). */
public interface CommandPlugin {
    String name();

    /** A picocli command object (annotated with {@code @Command}). */
    Object command();
}
