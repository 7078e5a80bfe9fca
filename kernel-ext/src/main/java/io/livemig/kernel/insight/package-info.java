/** Completion, inspection, help and "is this cell complete?" over the evaluator's binding and classes. */
package io.livemig.kernel.insight;
