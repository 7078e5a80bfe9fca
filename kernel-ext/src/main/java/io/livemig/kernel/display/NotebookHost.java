package io.livemig.kernel.display;

/**
 * What the notebook functions need from the kernel beyond jjava's {@code BaseKernel}, so that this package does not
 * depend on the kernel's.
 */
public interface NotebookHost {

    /** Opens the front end's pager on help about a value, or about a name when {@code subject} is a String. */
    void page(Object subject);

    /** Clears the cell's output, now or (with {@code wait}) when the next output arrives. */
    void clearOutput(boolean wait);
}
