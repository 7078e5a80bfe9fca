package io.livemig.dsl.render;

import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * One value rendered for every consumer at once: the Jupyter kernel maps the fields to {@code text/plain},
 * {@code text/html}, {@code image/svg+xml} and (when asked) {@code image/png}; the command line prints
 * {@link #text()} and writes files. Only {@code text} is always present. The PNG is drawn only when
 * {@link #png()} is called: notebooks keep one image per chart (the SVG), and drawing a raster nobody asked for
 * is wasted work in a notebook.
 *
 * @param text  plain text (never null)
 * @param html  an HTML fragment (tables, with charts inlined as SVG), or null
 * @param svg   the main chart as a standalone SVG element, or null when the value has no chart
 * @param chart the main chart, for {@link #png()}, or null
 */
public record Rendered(String text, String html, String svg, JFreeChart chart) {
    public Rendered {
        Objects.requireNonNull(text, "text");
    }

    public static Rendered ofText(String text) {
        return new Rendered(text, null, null, null);
    }

    public boolean hasChart() {
        return svg != null;
    }

    /** The main chart as PNG bytes, drawn now; null when the value has no chart. */
    public byte[] png() {
        return chart == null ? null : Charts.png(chart);
    }

    @Override
    public String toString() {
        return "Rendered[text=" + text.length() + " chars, html=" + (html == null ? "none" : html.length() + " chars")
                + ", svg=" + (svg == null ? "none" : svg.length() + " chars") + "]";
    }
}
