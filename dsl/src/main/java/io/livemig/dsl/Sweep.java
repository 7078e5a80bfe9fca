package io.livemig.dsl;

import io.livemig.dsl.render.Charts;
import io.livemig.dsl.render.Renderable;
import io.livemig.dsl.render.Tables;
import io.livemig.model.Prediction;
import io.livemig.units.DataSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import tech.tablesaw.api.Table;

/**
 * {@code sweep vm, rates: …}: predictions over a range of rates, the curve people plot: migration time, downtime
 * and traffic against rate, one series per model.
 */
public record Sweep(List<Prediction> predictions) implements Renderable {
    public Sweep {
        predictions = List.copyOf(predictions);
    }

    @Override
    public String summary() {
        Prediction first = predictions.get(0);
        Map<String, List<Prediction>> byModel = byModel();
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "sweep: %s on %s, %d rates, %s",
                first.vm(),
                first.policy(),
                byModel.values().iterator().next().size(),
                String.join(", ", byModel.keySet())));
        return sb.toString();
    }

    @Override
    public Table toTable() {
        return Prediction.summaryTable(predictions).setName("sweep over rates");
    }

    @Override
    public List<JFreeChart> charts() {
        Prediction first = predictions.get(0);
        List<Charts.Series> time = new ArrayList<>(), down = new ArrayList<>(), traffic = new ArrayList<>();
        // the axis echoes the unit the rates were given in, as the table beside it does
        boolean mib = Tables.inMebibytes(
                predictions.stream().mapToDouble(p -> p.rate().mibPerSecond()).toArray());
        byModel().forEach((model, ps) -> {
            double[] x = ps.stream()
                    .mapToDouble(p -> mib ? p.rate().mibPerSecond() : p.rate().mbPerSecond())
                    .toArray();
            time.add(new Charts.Series(
                    model,
                    x,
                    ps.stream().mapToDouble(Prediction::migrationSeconds).toArray()));
            down.add(new Charts.Series(
                    model,
                    x,
                    ps.stream().mapToDouble(Prediction::downtimeSeconds).toArray()));
            traffic.add(new Charts.Series(
                    model,
                    x,
                    ps.stream()
                            .mapToDouble(p -> p.trafficBytes() / DataSize.MIB)
                            .toArray()));
        });
        JFreeChart chart = Charts.stacked(
                "Migration of " + first.vm() + " against rate · " + first.policy(),
                mib ? "migration rate (MiB/s)" : "migration rate (MB/s)",
                List.of(
                        new Charts.Panel("migration time (s)", time),
                        new Charts.Panel("downtime (s)", down),
                        new Charts.Panel("traffic (MiB)", traffic)));
        if (predictions.stream().anyMatch(p -> !p.converged())) {
            Charts.withSubtitle(chart, "rates where the migration does not converge are left out");
        }
        return List.of(chart);
    }

    private Map<String, List<Prediction>> byModel() {
        Map<String, List<Prediction>> m = new LinkedHashMap<>();
        for (Prediction p : predictions)
            m.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p);
        return m;
    }
}
