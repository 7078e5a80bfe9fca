package io.livemig.kernel.display;

/**
 * What {@link Notebook#display(Object)} returns: the display's id, for {@link #update(Object)}. A cell whose last
 * value is a handle shows nothing, as IPython's {@code display(x)} returns nothing.
 *
 * @param id the Jupyter {@code display_id}
 */
public record DisplayHandle(String id) {

    /** Replaces what this display shows. */
    public void update(Object value) {
        Notebook.updateDisplay(this, value);
    }

    @Override
    public String toString() {
        return id;
    }
}
