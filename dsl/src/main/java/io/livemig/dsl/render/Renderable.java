package io.livemig.dsl.render;

import java.util.List;
import org.jfree.chart.JFreeChart;
import tech.tablesaw.api.Table;

/**
 * A result the DSL returns: a few lines of text, a Tablesaw table (the common currency) and charts.
 * {@link Renderers#render(Object)} turns it into a {@link Rendered}; {@code save(...)} in scripts writes it.
 */
public interface Renderable {
    /** A short summary for a person: one to a few lines, without the table. */
    String summary();

    /** The main table. */
    Table toTable();

    /** Every table worth showing, the main one first. */
    default List<Table> tables() {
        return List.of(toTable());
    }

    /** Charts, the main one first; empty when the result has none. */
    default List<JFreeChart> charts() {
        return List.of();
    }
}
