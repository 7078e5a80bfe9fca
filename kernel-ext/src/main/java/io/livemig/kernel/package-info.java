/**
 * The livemig Jupyter kernel on jjava-jupyter. {@link io.livemig.kernel.GroovyKernel} adapts jjava's protocol
 * handlers to the packages below it: {@code channel} (protocol fixes), {@code eval} (Groovy cells sharing one
 * binding, errors), {@code insight} (completion, inspection), {@code display} (notebook functions, MIME types) and
 * {@code magic}; {@code process} starts it and watches its parent, {@code cli} installs it.
 */
package io.livemig.kernel;
