package io.livemig.record;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.livemig.qmp.FakeQmpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongUnaryOperator;

/**
 * A fake QEMU's QMP behaviour for the recorders: the commands they use, with a dirty-rate measurement that is
 * "measuring" for its window and then "measured" with a rate given by the test. Public fields set the scene.
 */
public final class FakeQemu {
    public int major = 10, minor = 0, micro = 2;
    public String status = "running";
    public String migrateStatus = null;
    public boolean measuring = false;
    public long memoryBytes = 512L << 20;
    /** MiB/s for a window of the given milliseconds. */
    public LongUnaryOperator rateForWindowMs = ms -> 40;
    /** A window (ms) QEMU refuses, or -1. */
    public long refuseWindowMs = -1;

    public boolean hasCalcDirtyRate = true;
    /** What query-kvm says. */
    public boolean kvm = false;
    /** A mode calc-dirty-rate refuses, or null. */
    public String refuseMode = null;

    public final List<JsonObject> requests = new CopyOnWriteArrayList<>();

    private long measuredWindow = -1, measuredRate, measureEndsAt;
    private String timeUnit = "second";

    /** Serves with the version's greeting until the client hangs up. */
    public FakeQmpServer.Script script() {
        return p -> {
            p.handshake(major, minor, micro);
            p.serve(this::answer);
        };
    }

    JsonElement answer(JsonObject r) {
        requests.add(r);
        String cmd = r.get("execute").getAsString();
        JsonObject a = r.has("arguments") ? r.getAsJsonObject("arguments") : new JsonObject();
        JsonObject o = new JsonObject();
        switch (cmd) {
            case "query-commands" -> {
                JsonArray arr = new JsonArray();
                List<String> names = new ArrayList<>(List.of(
                        "query-status",
                        "query-migrate",
                        "query-dirty-rate",
                        "query-memory-size-summary",
                        "query-kvm",
                        "query-name",
                        "query-commands"));
                if (hasCalcDirtyRate) names.add("calc-dirty-rate");
                for (String n : names) {
                    JsonObject c = new JsonObject();
                    c.addProperty("name", n);
                    arr.add(c);
                }
                return arr;
            }
            case "query-status" -> {
                o.addProperty("status", status);
                o.addProperty("running", status.equals("running"));
            }
            case "query-migrate" -> {
                if (migrateStatus != null) o.addProperty("status", migrateStatus);
            }
            case "query-kvm" -> {
                o.addProperty("enabled", kvm);
                o.addProperty("present", true);
            }
            case "query-name" -> o.addProperty("name", "fake");
            case "query-memory-size-summary" -> {
                o.addProperty("base-memory", memoryBytes);
                o.addProperty("plugged-memory", 0);
            }
            case "calc-dirty-rate" -> {
                if (measuring || (measuredWindow >= 0 && System.nanoTime() < measureEndsAt)) {
                    throw new FakeQmpServer.Refusal("GenericError", "the dirty rate is already being measured.");
                }
                if (refuseMode != null
                        && a.has("mode")
                        && a.get("mode").getAsString().equals(refuseMode)) {
                    throw new FakeQmpServer.Refusal(
                            "GenericError", "mode " + refuseMode + " is not enabled, use other method instead.");
                }
                timeUnit = a.has("calc-time-unit") ? a.get("calc-time-unit").getAsString() : "second";
                long t = a.get("calc-time").getAsLong();
                long ms = timeUnit.equals("millisecond") ? t : t * 1000;
                if (ms == refuseWindowMs) {
                    throw new FakeQmpServer.Refusal(
                            "GenericError", "Calculation time is out of range [50ms, 60000ms].");
                }
                measuredWindow = t;
                measuredRate = rateForWindowMs.applyAsLong(ms);
                measureEndsAt = System.nanoTime() + ms * 1_000_000L;
            }
            case "query-dirty-rate" -> {
                boolean busy = measuring || (measuredWindow >= 0 && System.nanoTime() < measureEndsAt);
                o.addProperty("status", busy ? "measuring" : measuredWindow >= 0 ? "measured" : "unstarted");
                if (!busy && measuredWindow >= 0) o.addProperty("dirty-rate", measuredRate);
                o.addProperty("calc-time", Math.max(0, measuredWindow));
                o.addProperty("calc-time-unit", timeUnit);
                o.addProperty("mode", "page-sampling");
                o.addProperty("sample-pages", 4096);
            }
            default -> throw new FakeQmpServer.Refusal("CommandNotFound", "The command " + cmd + " has not been found");
        }
        return o;
    }

    /** The calc-dirty-rate requests the recorder sent. */
    public List<JsonObject> calcRequests() {
        return requests.stream()
                .filter(r -> r.get("execute").getAsString().equals("calc-dirty-rate"))
                .toList();
    }
}
