/**
 * Evaluating notebook cells: Groovy scripts sharing one binding and class loader, top-level declarations kept,
 * repeated cells reusing their bytecode, interrupts, exits refused, and failures as what a notebook user should see.
 * No Jupyter types here.
 */
package io.livemig.kernel.eval;
