/** Starting the kernel on a connection file, and ending it when the process that started it is gone. */
package io.livemig.kernel.process;
