package io.livemig.cli;

import java.util.Iterator;
import java.util.List;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.Relation;

/**
 * Columns as Tablesaw's own text printer prints them ({@link Relation#print(int)}), for comparing {@link TextTable}
 * with it: unlike a {@link Table} it also takes columns of different lengths. Read-only: only what printing needs.
 */
final class TablesawText extends Relation {
    private final String name;
    private final List<Column<?>> columns;

    TablesawText(String name, List<Column<?>> columns) {
        if (columns.isEmpty()) throw new IllegalArgumentException(name + ": a text table needs at least one column");
        this.name = name;
        this.columns = List.copyOf(columns);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Column<?> column(int i) {
        return columns.get(i);
    }

    @Override
    public int columnCount() {
        return columns.size();
    }

    @Override
    public int rowCount() {
        return columns.get(0).size();
    }

    @Override
    public List<Column<?>> columns() {
        return columns;
    }

    @Override
    public int columnIndex(Column<?> column) {
        return columns.indexOf(column);
    }

    @Override
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("only prints");
    }

    @Override
    public Relation addColumns(Column<?>... cols) {
        throw readOnly();
    }

    @Override
    public Relation setName(String n) {
        throw readOnly();
    }

    @Override
    public Relation removeColumns(Column<?>... cols) {
        throw readOnly();
    }

    @Override
    public Table first(int n) {
        throw readOnly();
    }

    @Override
    public void clear() {
        throw readOnly();
    }

    @Override
    public Iterator<Row> iterator() {
        throw readOnly();
    }
}
