package io.livemig.evaluate;

import io.livemig.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.aggregate.NumericAggregateFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * "Group, then take the 90th percentile", written once: nearest rank, as the validation and every comparison report it
 * ({@link Percentiles}), with infinite errors (a wrong verdict) sorting last. {@link #P90} is also a Tablesaw
 * aggregate for ad-hoc {@code table.summarize(column, P90)} in scripts and notebooks.
 */
public final class GroupedPercentile {
    /** Nearest-rank p90 of a column's values, missing values left out. */
    public static final NumericAggregateFunction P90 = new NumericAggregateFunction("p90") {
        @Override
        public Double summarize(NumericColumn<?> column) {
            // element by element: a group's view of the column shares the whole column's backing array
            double[] values = new double[column.size()];
            int n = 0;
            for (int i = 0; i < column.size(); i++) {
                double v = column.getDouble(i);
                if (!Double.isNaN(v)) values[n++] = v;
            }
            return Percentiles.nearestRank(java.util.Arrays.copyOf(values, n), 0.9);
        }
    };

    private GroupedPercentile() {}

    /**
     * One row per group of {@code by} (string columns), in the order the groups first appear in {@code rows}, with a
     * {@code rows} count and, for each of {@code columns}, its p90 in a column {@code p90_<column>}, rounded to
     * {@code decimals} places.
     */
    public static Table p90(Table rows, String title, List<String> by, List<String> columns, int decimals) {
        Map<List<String>, Selection> groups = new LinkedHashMap<>(); // first appearance fixes the order
        for (int i = 0; i < rows.rowCount(); i++) {
            groups.computeIfAbsent(key(rows.row(i), by), k -> new BitmapBackedSelection())
                    .add(i);
        }
        Table out = Table.create(title);
        for (String b : by) out.addColumns(StringColumn.create(b));
        out.addColumns(IntColumn.create("rows"));
        for (String c : columns) out.addColumns(DoubleColumn.create("p90_" + c));
        for (var e : groups.entrySet()) {
            Table group = rows.where(e.getValue());
            for (int i = 0; i < by.size(); i++)
                out.stringColumn(by.get(i)).append(e.getKey().get(i));
            out.intColumn("rows").append(group.rowCount());
            for (String c : columns) {
                out.doubleColumn("p90_" + c).append(Errors.rounded(P90.summarize(group.numberColumn(c)), decimals));
            }
        }
        return out;
    }

    private static List<String> key(Row r, List<String> by) {
        List<String> k = new ArrayList<>(by.size());
        for (String b : by) k.add(r.getString(b));
        return k;
    }
}
