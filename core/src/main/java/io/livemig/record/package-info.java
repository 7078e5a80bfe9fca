/**
 * Inputs measured on a live QEMU VM through QMP ({@link io.livemig.qmp}): its dirty curve D(T)
 * ({@link io.livemig.record.DirtyRateRecorder} → {@link io.livemig.record.DirtyCurve}, a JSON file described in
 * {@code docs/dirty-curve-format.md}, read back by {@link io.livemig.record.DirtyCurveFile}) and its real migrations
 * ({@link io.livemig.record.MigrationRecorder} → {@link io.livemig.record.MeasuredMigration}, a CSV). A curve becomes
 * the {@link io.livemig.profile.CurveDirtyProfile} the QEMU-accurate model reads, at its measured values or at the
 * ends of its measurement interval. Depends on {@code qmp}, {@code profile}, {@code units} and {@code trace}
 * (for the atomic writer).
 */
package io.livemig.record;
