package io.livemig.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.livemig.model.Iteration;
import io.livemig.model.Prediction;
import io.livemig.plan.Margin;

/**
 * The one JSON form of a {@link Prediction}, shared by {@code predict --json} and {@code simulate --json} so a model's
 * answer and the simulator's compare key by key: totals, then {@code rows}, one per iteration.
 */
final class PredictionJson {
    private PredictionJson() {}

    static String of(Prediction p) {
        return GSON.toJson(object(p));
    }

    /**
     * {@link #of(Prediction)} with {@code margin}: the verdict's distance from the rate where it flips (null: left
     * out, as for an unlimited rate).
     */
    static String of(Prediction p, Margin margin) {
        JsonObject o = object(p);
        if (margin != null) {
            JsonObject m = new JsonObject();
            m.addProperty("at_the_edge", margin.atTheEdge());
            m.addProperty("search", margin.search().name());
            margin.threshold().ifPresent(t -> m.addProperty("threshold_bytes_per_second", t.bytesPerSecond()));
            margin.headroom().ifPresent(h -> m.addProperty("headroom", h));
            m.addProperty("description", margin.describe());
            o.add("margin", m);
        }
        return GSON.toJson(o);
    }

    private static JsonObject object(Prediction p) {
        JsonObject o = new JsonObject();
        o.addProperty("model", p.model());
        o.addProperty("vm", p.vm());
        o.addProperty("rate_bytes_per_second", p.rate().bytesPerSecond());
        o.addProperty("policy", p.policy());
        o.addProperty("iterations", p.iterationCount());
        o.addProperty("precopy_s", p.precopySeconds());
        o.addProperty("downtime_s", p.downtimeSeconds());
        o.addProperty("migration_s", p.migrationSeconds());
        o.addProperty("traffic_bytes", p.trafficBytes());
        o.addProperty("wire_bytes", p.wireTrafficBytes());
        o.addProperty("converged", p.converged());
        o.addProperty("stop_reason", p.stopReason().name());
        o.addProperty("stop_detail", p.stopDetail());
        JsonArray rows = new JsonArray();
        for (Iteration it : p.iterations()) {
            JsonObject r = new JsonObject();
            r.addProperty("iteration", it.number());
            r.addProperty("sent_pages", it.sentPages());
            r.addProperty("duration_s", it.durationSeconds());
            r.addProperty("dirtied_pages", it.dirtiedPages());
            r.addProperty("eligible_pages", it.eligiblePages());
            r.addProperty("skipped_pages", it.skippedPages());
            r.addProperty("stop_and_copy", it.stopAndCopy());
            rows.add(r);
        }
        o.add("rows", rows);
        return o;
    }

    /** A migration that never converges has an infinite time; JSON gets "Infinity" rather than an exception. */
    private static final com.google.gson.Gson GSON =
            new GsonBuilder().serializeSpecialFloatingPointValues().create();
}
