package io.livemig.dsl.render;

import io.livemig.LivemigException;
import io.livemig.trace.AtomicOutput;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import tech.tablesaw.api.Table;

/**
 * Writes a value to a file whose extension names the format: {@code .svg} and {@code .png} (the main chart),
 * {@code .html} (a standalone page: summary, tables, charts inlined), {@code .csv} (the main table), {@code .txt}.
 * The bytes go to a temporary file beside the target, then a rename, so a failure never leaves half a file.
 */
public final class ResultFiles {
    /** Rows an HTML file shows per table before "… N more rows". */
    public static final int HTML_FILE_MAX_ROWS = 1000;

    public static final List<String> EXTENSIONS = List.of("svg", "png", "html", "csv", "txt");

    /** Files scripts and notebook cells have read (traces): {@link #save} refuses to write over them. */
    private static final java.util.Set<Path> INPUTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ResultFiles() {}

    /** Records a file the session read, so that a later {@link #save} onto it is refused instead of destroying it. */
    public static void markInput(Path file) {
        INPUTS.add(file.toAbsolutePath().normalize());
    }

    /**
     * @return the path written
     * @throws IllegalArgumentException if the extension is unknown or the value has no chart (for .svg/.png)
     *                                  or no table (for .csv)
     * @throws LivemigException         if the file cannot be written
     */
    public static Path save(Object value, Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String where = "save('" + name + "')";
        if (!EXTENSIONS.contains(ext)) {
            throw new IllegalArgumentException(where + ": unknown file type '" + (ext.isEmpty() ? name : "." + ext)
                    + "'; expected one of .svg, .png, .html, .csv, .txt");
        }
        byte[] bytes = switch (ext) {
            case "svg" -> svgDocument(chartOf(value, where)).getBytes(StandardCharsets.UTF_8);
            case "png" -> Charts.png(chartOf(value, where));
            case "csv" -> csv(tableOf(value, where)).getBytes(StandardCharsets.UTF_8);
            case "html" -> htmlPage(name, value).getBytes(StandardCharsets.UTF_8);
            default -> (Renderers.text(value) + "\n").getBytes(StandardCharsets.UTF_8);
        };
        writeAtomically(path, bytes, INPUTS.toArray(Path[]::new));
        return path;
    }

    /**
     * Writes a table as CSV, whatever the file's extension, through a temporary file and a rename (the command-line
     * {@code --rows}/{@code --errors}/{@code --csv} outputs): a failed write leaves no half file.
     */
    public static Path writeCsv(Table table, Path path, Path... inputs) {
        AtomicOutput.refuseInputs(path, inputs);
        writeAtomically(path, csv(table).getBytes(StandardCharsets.UTF_8), inputs);
        return path;
    }

    /** A standalone SVG file: the XML prolog and the chart's {@code <svg>} element. */
    public static String svgDocument(JFreeChart chart) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + Charts.svg(chart) + "\n";
    }

    /**
     * Writes {@code bytes} through {@link AtomicOutput} (a temporary file beside the target, synced, renamed over it):
     * the one writer of every livemig output.
     *
     * @param inputs files the target must not be
     */
    public static void writeAtomically(Path path, byte[] bytes, Path... inputs) {
        AtomicOutput.write(path, bytes, inputs);
    }

    private static JFreeChart chartOf(Object value, String where) {
        if (value instanceof JFreeChart c) return c;
        List<JFreeChart> charts = Renderers.view(value).map(Renderable::charts).orElse(List.of());
        if (charts.isEmpty()) {
            throw new IllegalArgumentException(
                    where + ": " + kind(value) + " has no chart; expected .html, .csv or .txt");
        }
        return charts.get(0);
    }

    private static Table tableOf(Object value, String where) {
        if (value instanceof Table t) return t;
        return Renderers.view(value)
                .map(Renderable::toTable)
                .orElseThrow(() ->
                        new IllegalArgumentException(where + ": " + kind(value) + " has no table; expected .txt"));
    }

    private static String csv(Table t) {
        StringWriter w = new StringWriter();
        t.write().csv(w);
        return w.toString();
    }

    private static String htmlPage(String title, Object value) {
        String body = Renderers.render(value, HTML_FILE_MAX_ROWS)
                .map(r -> r.html() != null ? r.html() : "<pre>" + Tables.escape(r.text()) + "</pre>")
                .orElse("<pre>" + Tables.escape(String.valueOf(value)) + "</pre>");
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + Tables.escape(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;margin:1.5em}table.livemig-table{border-collapse:collapse;margin:1em 0}"
                + "table.livemig-table td,table.livemig-table th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
                + "caption{font-weight:bold;text-align:left}pre.livemig-summary{white-space:pre-wrap}</style>\n"
                + "</head><body>\n" + body + "\n</body></html>\n";
    }

    private static String kind(Object value) {
        return value == null ? "null" : "a " + value.getClass().getSimpleName();
    }
}
