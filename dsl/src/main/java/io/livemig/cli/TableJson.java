package io.livemig.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as a JSON array of row objects, column name to value. Tablesaw's own {@code write().toString("json")}
 * needs the tablesaw-json module, which livemig does not ship (it threw a NullPointerException). Infinite errors stay
 * visible as {@code Infinity}.
 */
final class TableJson {
    private TableJson() {}

    static String of(Table t) {
        JsonArray rows = new JsonArray();
        for (Row r : t) {
            JsonObject o = new JsonObject();
            for (Column<?> c : t.columns()) {
                Object v = c.get(r.getRowNumber());
                if (v instanceof Number n) o.addProperty(c.name(), n);
                else if (v instanceof Boolean b) o.addProperty(c.name(), b);
                else o.addProperty(c.name(), v == null ? null : String.valueOf(v));
            }
            rows.add(o);
        }
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(rows);
    }
}
