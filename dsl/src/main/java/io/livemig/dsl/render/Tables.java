package io.livemig.dsl.render;

import io.livemig.units.DataSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Tablesaw tables as plain text and HTML, with a row cap: a trace of 10,000 units shows its first rows and a line
 * "… 9,980 more rows" instead of flooding a notebook. Numbers are printed with at most four decimals.
 */
public final class Tables {
    /** Rows shown before "… N more rows". */
    public static final int DEFAULT_MAX_ROWS = 20;

    private Tables() {}

    /** MB/s per MiB/s. */
    private static final double MB_PER_MIB = DataSize.MIB / 1e6;
    /** Values looked at to tell which unit a rate column was given in. */
    private static final int UNIT_SAMPLE = 50;

    /**
     * One cell as text: doubles with at most four decimals (integers without any), everything else as Tablesaw prints
     * it. Display conventions: page counts ({@code *_pages}) are whole pages; rates ({@code *_MiB_s}) are shown in the
     * unit they were given in, as {@link io.livemig.units.DataRate#toString()} does: MiB/s when every rate is a whole
     * number of thousandths of a MiB/s ({@code 12.5.MiBps}), else MB/s ({@code 10.MBps} shows as 10, not 9.5367), under
     * {@link #header(Column)}'s name. The table's data (and what {@code save()} writes) is unchanged.
     */
    public static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) return "";
        Object v = column.get(row);
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (column.name().endsWith("_pages")) return number(Math.rint(d));
            if (showsMegabytes(column)) return number(d * MB_PER_MIB);
            return number(d);
        }
        return String.valueOf(v);
    }

    /**
     * Sets each double column's print formatter to {@link #cell}'s rule for numbers (at most four decimals, whole
     * pages in {@code *_pages} columns, ∞), so Tablesaw's own printer, which the command line's tables go through,
     * shows what a notebook shows. The data is unchanged; rates keep their column's unit.
     */
    public static <C extends Iterable<? extends Column<?>>> C readable(C columns) {
        for (Column<?> c : columns)
            if (c instanceof DoubleColumn d)
                d.setPrintFormatter(new CellFormatter(d.name().endsWith("_pages")));
        return columns;
    }

    /** {@link #readable(Iterable)} on a table's columns; returns the table. */
    public static Table readable(Table table) {
        readable(table.columns());
        return table;
    }

    /** {@link #number} for Tablesaw's printer (a missing value is NaN: printed empty). */
    private static final class CellFormatter extends NumberColumnFormatter {
        private final boolean pages;

        CellFormatter(boolean pages) {
            this.pages = pages;
        }

        @Override
        public String format(double value) {
            return number(pages ? Math.rint(value) : value);
        }
    }

    /** A column's header as shown: {@code rate_MiB_s} becomes {@code rate_MB_s} when shown in MB/s (see {@link #cell}). */
    public static String header(Column<?> column) {
        String name = column.name();
        return showsMegabytes(column) ? name.substring(0, name.length() - "_MiB_s".length()) + "_MB_s" : name;
    }

    private static boolean showsMegabytes(Column<?> column) {
        if (!column.name().endsWith("_MiB_s")) return false;
        List<Double> sample = new ArrayList<>();
        for (int r = 0; r < column.size() && sample.size() < UNIT_SAMPLE; r++) {
            if (!column.isMissing(r) && column.get(r) instanceof Number n) sample.add(n.doubleValue());
        }
        return !inMebibytes(sample.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Whether rates (in MiB/s) were given in MiB/s: each is a whole number of thousandths of a MiB/s, the rule of
     * {@link io.livemig.units.DataRate#toString()}. Tables and chart axes use it to echo the user's unit.
     */
    public static boolean inMebibytes(double... ratesMibPerSecond) {
        for (double v : ratesMibPerSecond) {
            double thousandths = v * 1000;
            if (Double.isFinite(thousandths) && Math.abs(thousandths - Math.rint(thousandths)) > 1e-6) return false;
        }
        return true;
    }

    /** A number for a table cell: whole numbers without decimals, others rounded to four, infinity as ∞. */
    public static String number(double d) {
        if (Double.isNaN(d)) return "";
        if (Double.isInfinite(d)) return d > 0 ? "∞" : "−∞";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        double a = Math.abs(d);
        String s = a >= 1e-4 ? String.format(Locale.ROOT, "%.4f", d) : String.format(Locale.ROOT, "%.3e", d);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    static String moreRows(int hidden) {
        return String.format(Locale.ROOT, "… %,d more row%s", hidden, hidden == 1 ? "" : "s");
    }

    /** Plain text: the table's name, a header and at most {@code maxRows} rows, columns aligned. */
    public static String text(Table table, int maxRows) {
        int shown = Math.min(table.rowCount(), Math.max(0, maxRows));
        int cols = table.columnCount();
        String[][] cells = new String[shown + 1][cols];
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++) {
            Column<?> col = table.column(c);
            cells[0][c] = header(col);
            for (int r = 0; r < shown; r++) cells[r + 1][c] = cell(col, r);
            for (int r = 0; r <= shown; r++) width[c] = Math.max(width[c], cells[r][c].length());
        }
        StringBuilder sb = new StringBuilder();
        if (table.name() != null && !table.name().isBlank())
            sb.append(table.name()).append('\n');
        for (int r = 0; r <= shown; r++) {
            for (int c = 0; c < cols; c++) {
                if (c > 0) sb.append("  ");
                String s = cells[r][c];
                boolean left = table.column(c).type().name().equals("STRING")
                        || table.column(c).type().name().equals("BOOLEAN");
                sb.append(left ? pad(s, width[c], true) : pad(s, width[c], false));
            }
            sb.append('\n');
            if (r == 0) {
                for (int c = 0; c < cols; c++) {
                    if (c > 0) sb.append("  ");
                    sb.append("-".repeat(width[c]));
                }
                sb.append('\n');
            }
        }
        if (table.rowCount() > shown)
            sb.append(moreRows(table.rowCount() - shown)).append('\n');
        return sb.toString().stripTrailing();
    }

    /** An HTML fragment: a {@code <table class="livemig-table">} with a caption, at most {@code maxRows} rows. */
    public static String html(Table table, int maxRows) {
        int shown = Math.min(table.rowCount(), Math.max(0, maxRows));
        StringBuilder sb = new StringBuilder("<table class=\"livemig-table\">");
        if (table.name() != null && !table.name().isBlank())
            sb.append("<caption>").append(escape(table.name())).append("</caption>");
        sb.append("<thead><tr>");
        for (Column<?> col : table.columns())
            sb.append("<th>").append(escape(header(col))).append("</th>");
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (Column<?> col : table.columns())
                sb.append("<td>").append(escape(cell(col, r))).append("</td>");
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        if (table.rowCount() > shown) {
            sb.append("<p class=\"livemig-more\">")
                    .append(escape(moreRows(table.rowCount() - shown)))
                    .append("</p>");
        }
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width, boolean left) {
        if (s.length() >= width) return s;
        String fill = " ".repeat(width - s.length());
        return left ? s + fill : fill + s;
    }
}
