/**
 * Dirty-page traces: the three file formats (docs/trace-format.md) with streaming readers and atomic writers,
 * {@link io.livemig.trace.Trace} (Tablesaw views), one-pass fitting of S, S_new^T and M_w
 * ({@link io.livemig.trace.TraceFit}), the existing dirty-rate estimators ({@link io.livemig.trace.DirtyRateEstimator})
 * and seeded synthetic workloads and dataset twins ({@link io.livemig.trace.TraceGenerator}).
 */
package io.livemig.trace;
