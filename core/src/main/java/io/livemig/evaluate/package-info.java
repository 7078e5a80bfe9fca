/**
 * Evaluation: how far a model's predictions are from a truth (the page-level simulator, or a measured migration).
 * One error rule ({@link io.livemig.evaluate.Errors}), one grouped percentile
 * ({@link io.livemig.evaluate.GroupedPercentile}); {@link io.livemig.evaluate.ModelComparison} (every model against
 * the simulator) and {@link io.livemig.evaluate.QemuCheck} (the QEMU-accurate model against the simulator's QEMU
 * engine). Comparisons against the simulator are consistency checks of the project's own parts, not evidence about
 * a hypervisor.
 */
package io.livemig.evaluate;
