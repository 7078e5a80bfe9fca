/** The kernel's magics ({@code %classpath}, {@code %maven}, {@code %load}, {@code %time}, {@code %lsmagic}) and the Groovy magic transpiler. */
package io.livemig.kernel.magic;
