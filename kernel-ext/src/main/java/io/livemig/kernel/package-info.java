/**
 * The livemig Jupyter kernel on jjava-jupyter: {@link io.livemig.kernel.GroovyKernel} (protocol adapter),
 * {@link io.livemig.kernel.GroovyEvaluator} (Groovy cells sharing one binding), errors, completion and the
 * parent watchdog.
 */
package io.livemig.kernel;
