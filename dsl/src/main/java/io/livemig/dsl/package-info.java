/**
 * The livemig Groovy DSL: {@link io.livemig.dsl.LivemigScript} (the verbs: {@code vm}, {@code predict},
 * {@code compare}, {@code sweep}, the policies), its spec objects ({@link io.livemig.dsl.VmSpec},
 * {@link io.livemig.dsl.ProfileSpec}), its results ({@link io.livemig.dsl.Comparison}, {@link io.livemig.dsl.Sweep})
 * and {@link io.livemig.dsl.LivemigShell}, the one compiler configuration shared with the Jupyter kernel. The DSL
 * parses and renders; the model lives in {@code core}. Groovy is not a sandbox: scripts run with the user's rights.
 */
package io.livemig.dsl;
