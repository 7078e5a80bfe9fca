/**
 * The page-level pre-copy simulator: {@link io.livemig.sim.Simulator} replays a {@link io.livemig.trace.Trace} against
 * QEMU, Xen legacy (skip on or off) or Xen v2 as their code behaves (docs/hypervisors.md) and reports a
 * {@link io.livemig.model.Prediction}, so models and simulator compare row by row
 * ({@link io.livemig.evaluate.ModelComparison}, in the evaluation package).
 */
package io.livemig.sim;
