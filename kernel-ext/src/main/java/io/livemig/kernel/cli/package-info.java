/** {@code livemig kernel install|run} and {@code livemig notebook}, contributed to the CLI as command plugins. */
package io.livemig.kernel.cli;
