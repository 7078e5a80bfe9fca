package io.livemig.dsl;

import io.livemig.dsl.render.CoreViews;
import io.livemig.dsl.render.Renderable;
import io.livemig.model.Prediction;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import tech.tablesaw.api.Table;

/**
 * {@code compare vm, at: rate, models: …}: the same migration predicted by several models, side by side
 * (the proposed model first, then the existing ones).
 */
public record Comparison(List<Prediction> predictions) implements Renderable {
    public Comparison {
        predictions = List.copyOf(predictions);
    }

    /** The prediction of one model, by name. */
    public Prediction get(String model) {
        return predictions.stream()
                .filter(p -> p.model().equals(model))
                .findFirst()
                .orElseThrow(() -> new DslException("comparison: no model '" + model + "'; expected one of "
                        + predictions.stream().map(Prediction::model).collect(Collectors.joining(", "))));
    }

    @Override
    public String summary() {
        Prediction first = predictions.get(0);
        StringBuilder sb = new StringBuilder("compare: " + first.vm() + " @ " + first.rate() + " on " + first.policy());
        for (Prediction p : predictions) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%n  %-15s migration %9.3f s  downtime %8.4f s  traffic %s  (%s)",
                    p.model(),
                    p.migrationSeconds(),
                    p.downtimeSeconds(),
                    p.traffic(),
                    p.stopReason().label()));
        }
        return sb.toString();
    }

    @Override
    public Table toTable() {
        return Prediction.summaryTable(predictions).setName("models compared");
    }

    @Override
    public List<JFreeChart> charts() {
        Prediction first = predictions.get(0);
        return List.of(CoreViews.comparisonChart(
                "Models compared: " + first.vm() + " @ " + first.rate() + " · " + first.policy(), predictions));
    }
}
