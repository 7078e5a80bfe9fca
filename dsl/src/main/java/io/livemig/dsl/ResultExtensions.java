package io.livemig.dsl;

import io.livemig.dsl.render.Renderable;
import io.livemig.dsl.render.Renderers;
import io.livemig.dsl.render.ResultFiles;
import io.livemig.model.Prediction;
import io.livemig.plan.RatePlan;
import io.livemig.plan.Selection;
import io.livemig.profile.DirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceFit;
import io.livemig.validate.ValidationResult;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import tech.tablesaw.api.Table;

/**
 * Groovy extension methods that let scripts save and chart any result: {@code p.save('p.svg')},
 * {@code sweep(...).save('curve.png')}, {@code table.save('t.csv')}, {@code p.chart}. Core types stay free of
 * rendering; this module adds the methods when scripts run.
 */
public final class ResultExtensions {
    private ResultExtensions() {}

    public static File save(Renderable self, String file) {
        return write(self, file);
    }

    public static File save(Prediction self, String file) {
        return write(self, file);
    }

    public static File save(Vm self, String file) {
        return write(self, file);
    }

    public static File save(DirtyProfile self, String file) {
        return write(self, file);
    }

    public static File save(Table self, String file) {
        return write(self, file);
    }

    public static File save(JFreeChart self, String file) {
        return write(self, file);
    }

    public static File save(List<?> self, String file) {
        return write(self, file);
    }

    public static File save(RatePlan self, String file) {
        return write(self, file);
    }

    public static File save(Selection self, String file) {
        return write(self, file);
    }

    public static File save(Trace self, String file) {
        return write(self, file);
    }

    public static File save(TraceFit self, String file) {
        return write(self, file);
    }

    public static File save(ValidationResult self, String file) {
        return write(self, file);
    }

    /** The main chart of a result, for styling or saving on its own. */
    public static JFreeChart getChart(Renderable self) {
        return first(self);
    }

    public static JFreeChart getChart(Prediction self) {
        return first(self);
    }

    /** The plain-text form the command line prints. */
    public static String getText(Renderable self) {
        return Renderers.text(self);
    }

    private static JFreeChart first(Object value) {
        List<JFreeChart> charts = Renderers.view(value).map(Renderable::charts).orElse(List.of());
        if (charts.isEmpty())
            throw new DslException("chart: " + value.getClass().getSimpleName() + " has no chart");
        return charts.get(0);
    }

    private static File write(Object value, String file) {
        if (file == null || file.isBlank()) {
            throw new DslException(
                    "save(): expected a file name ending in .svg, .png, .html, .csv or .txt, got nothing");
        }
        return ResultFiles.save(value, Path.of(file)).toFile();
    }
}
