package io.livemig.dsl.render;

import java.util.Arrays;
import java.util.Objects;

/**
 * One value rendered for every consumer at once: the Jupyter kernel maps the fields to {@code text/plain},
 * {@code text/html}, {@code image/svg+xml} and {@code image/png}; the command line prints {@link #text()} and
 * writes files. Only {@code text} is always present.
 *
 * @param text plain text (never null)
 * @param html an HTML fragment (tables, with charts inlined as SVG), or null
 * @param svg  the main chart as a standalone SVG element, or null when the value has no chart
 * @param png  the main chart as PNG bytes, or null when the value has no chart
 */
public record Rendered(String text, String html, String svg, byte[] png) {
    public Rendered {
        Objects.requireNonNull(text, "text");
    }

    public static Rendered ofText(String text) { return new Rendered(text, null, null, null); }

    public boolean hasChart() { return svg != null; }

    @Override public boolean equals(Object o) {
        return o instanceof Rendered r && text.equals(r.text) && Objects.equals(html, r.html)
                && Objects.equals(svg, r.svg) && Arrays.equals(png, r.png);
    }

    @Override public int hashCode() { return Objects.hash(text, html, svg) * 31 + Arrays.hashCode(png); }

    @Override public String toString() {
        return "Rendered[text=" + text.length() + " chars, html=" + (html == null ? "none" : html.length() + " chars")
                + ", svg=" + (svg == null ? "none" : svg.length() + " chars")
                + ", png=" + (png == null ? "none" : png.length + " bytes") + "]";
    }
}
