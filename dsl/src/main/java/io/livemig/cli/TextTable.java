package io.livemig.cli;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.columns.Column;

/**
 * Columns printed as Tablesaw's text printer lays out a table ({@code Table.print}), without creating a {@code Table}
 * and without the printer: the first {@code Table} of a JVM runs Table's class initialiser, which scans the whole class
 * path for readers (bench/README.md "Start-up"), and the printer itself (streams, {@code String.format} per row, string
 * concatenation that spins method handles at run time) was a fifth of {@code livemig predict}'s start-up
 * (bench/README.md "Start-up, third pass"). The cells are the columns' own {@link Column#getString(int)}, so only the
 * layout is written here; {@code StartupPathTest} compares the text with Tablesaw's printer byte for byte.
 *
 * <p>The layout: the title centred over the table's width, each header centred in its column, a line of dashes, then
 * every cell right-aligned; each column is its widest cell plus one space before and "{@code   |}" after, columns
 * one space apart. When there
 * are more rows than asked for, the first half (rounded up) and the last rows are shown around a row of "...".
 */
final class TextTable {
    private final String name;
    private final List<Column<?>> columns;

    TextTable(String name, List<Column<?>> columns) {
        if (columns.isEmpty()) throw new IllegalArgumentException(name + ": a text table needs at least one column");
        for (Column<?> c : columns)
            if (c.name() == null || c.name().isEmpty())
                throw new IllegalArgumentException(name + ": every column of a text table needs a name");
        this.name = name;
        this.columns = List.copyOf(columns);
    }

    /** Rows: the first column's. */
    int rowCount() {
        return columns.get(0).size();
    }

    String printAll() {
        return print(rowCount());
    }

    /** At most {@code maxRows} rows, the middle ones left out (a row of "..." shows where). */
    String print(int maxRows) {
        if (maxRows < 0) throw new IllegalArgumentException("maxRows must be at least 0, got " + maxRows);
        List<String[]> rows = rows(maxRows);
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = columns.get(c).name().length();
            for (String[] row : rows) widths[c] = Math.max(widths[c], row[c] == null ? 0 : row[c].length());
        }
        int width = -1;
        for (int w : widths) width += w + 5;
        String newLine = System.lineSeparator();
        StringBuilder out = new StringBuilder((width + newLine.length()) * (rows.size() + 3));
        if (name != null) {
            int before = name.length() > width ? 0 : (width - name.length()) / 2;
            spaces(out, before).append(name);
            spaces(out, width - before - name.length()).append(newLine);
        }
        for (int c = 0; c < widths.length; c++) {
            String header = columns.get(c).name();
            int before = (widths[c] - header.length()) / 2;
            if (c > 0) out.append(' ');
            spaces(out, before + 1).append(header);
            spaces(out, widths[c] - header.length() - before).append("  |");
        }
        out.append(newLine).append("-".repeat(Math.max(0, width)));
        for (String[] row : rows) {
            out.append(newLine);
            for (int c = 0; c < widths.length; c++) {
                String cell = String.valueOf(row[c]);
                if (c > 0) out.append(' ');
                spaces(out.append(' '), widths[c] - cell.length()).append(cell).append("  |");
            }
        }
        // Tablesaw's printer writes through the platform charset and reads the bytes back: in a locale that cannot
        // encode the title's "·" it prints "?", and so does this
        return new String(out.toString().getBytes());
    }

    private static StringBuilder spaces(StringBuilder out, int n) {
        for (int i = 0; i < n; i++) out.append(' ');
        return out;
    }

    /** The cells shown: all rows, or the head, a row of "...", and the tail. */
    private List<String[]> rows(int maxRows) {
        int count = rowCount();
        List<String[]> rows = new ArrayList<>();
        if (count <= maxRows) {
            for (int r = 0; r < count; r++) rows.add(cells(r, ""));
            return rows;
        }
        int head = (maxRows + 1) / 2;
        for (int r = 0; r < head; r++) rows.add(cells(r, null));
        String[] elided = new String[columns.size()];
        java.util.Arrays.fill(elided, "...");
        rows.add(elided);
        for (int r = count - (maxRows - head); r < count; r++) rows.add(cells(r, null));
        return rows;
    }

    /**
     * One row's cells; "?" where a column is shorter. A null cell is {@code whenNull}: Tablesaw prints it as "" in a
     * whole table and as "null" (counted as no width) in an elided one, and this follows it.
     */
    private String[] cells(int row, String whenNull) {
        String[] cells = new String[columns.size()];
        for (int c = 0; c < cells.length; c++) {
            Column<?> column = columns.get(c);
            String cell = column.size() > row ? column.getString(row) : "?";
            cells[c] = cell == null ? whenNull : cell;
        }
        return cells;
    }
}
