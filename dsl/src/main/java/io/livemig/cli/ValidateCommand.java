package io.livemig.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.livemig.dsl.render.Tables;
import io.livemig.validate.CrossValidation;
import io.livemig.validate.Dataset;
import io.livemig.validate.Validation;
import io.livemig.validate.ValidationResult;
import io.livemig.validate.Variant;
import io.livemig.validate.Variants;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Row;

/** {@code livemig validate}: every variant against the measured dataset, as 90th-percentile errors. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description =
                "Runs the ten reference variants and this project's fitted variants over the measured dataset "
                        + "and prints the 90th-percentile errors (361- and 371-row sets) and the match with the authors' predictions.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Option(
            names = "--dataset",
            description =
                    "the nathan-socc15 directory (default: $LIVEMIG_DATASET, else ../shared/datasets/nathan-socc15 beside the repo)")
    Path dataset;

    @Option(names = "--json", description = "print one JSON document instead of tables")
    boolean json;

    @Option(names = "--errors", description = "also write the per-row error table to this CSV file")
    Path errorsCsv;

    @Option(
            names = "--twins",
            description =
                    "also replay every run in the page-level simulator on its workload's twin trace "
                            + "(variants simulator_twins_noskip/_skip; about a minute): how far the profile statistics alone get")
    boolean twins;

    @Override
    public Integer call() {
        Path dir = dataset != null ? dataset : Dataset.defaultLocation();
        if (errorsCsv != null) {
            io.livemig.trace.AtomicOutput.refuseInputs(
                    errorsCsv,
                    dir.resolve("measured.csv"),
                    dir.resolve("params.csv"),
                    dir.resolve("reference_errors.csv"));
        }
        Dataset d = Dataset.load(dir);
        List<Variant> variants = new ArrayList<>(Variants.reference());
        List<CrossValidation.Fit> fits = Variants.fitted(d.runs());
        for (CrossValidation.Fit f : fits) {
            variants.add(f.inSample());
            variants.add(f.crossValidated());
            variants.add(f.familyHeldOut());
        }
        if (twins) variants.addAll(Variants.simulatorOnTwins(1));
        ValidationResult r = Validation.run(d, variants);
        if (errorsCsv != null)
            io.livemig.dsl.render.ResultFiles.writeCsv(
                    r.errors(),
                    errorsCsv,
                    d.dir().resolve("measured.csv"),
                    d.dir().resolve("params.csv"),
                    d.dir().resolve("reference_errors.csv"));
        if (json) {
            out().println(toJson(r));
        } else {
            out().println(Tables.readable(r.summary()).printAll());
            out().println();
            out().println(
                            "match with the authors' predictions (largest relative difference, allow-listed rows excluded):");
            r.referenceMatch().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> out().printf(java.util.Locale.ROOT, "  %-32s %.6f%n", e.getKey(), e.getValue()));
            out().println();
            out().println(
                            "fitted coefficients (in-sample; and the distinct values chosen with each workload held out):");
            for (CrossValidation.Fit f : fits) {
                out().printf(
                                java.util.Locale.ROOT,
                                "  %-32s %s; leave-one-workload-out: %s; leave-one-family-out: %s%n",
                                f.inSample().name(),
                                fmt(f.chosenIn()),
                                f.chosenPerWorkload().values().stream()
                                        .map(ValidateCommand::fmt)
                                        .distinct()
                                        .sorted()
                                        .toList(),
                                f.chosenPerFamily().values().stream()
                                        .map(ValidateCommand::fmt)
                                        .distinct()
                                        .sorted()
                                        .toList());
            }
        }
        return 0;
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++)
            b.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4g", v[i]));
        return b.append(')').toString();
    }

    static String toJson(ValidationResult r) {
        JsonObject root = new JsonObject();
        JsonArray vs = new JsonArray();
        for (Row row : r.summary()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", row.getString("variant"));
            o.addProperty("hypervisor", row.getString("hypervisor"));
            o.addProperty("rows", row.getInt("rows"));
            o.addProperty("p90_time_pct", row.getDouble("p90_time_pct"));
            o.addProperty("p90_time_s", row.getDouble("p90_time_s"));
            o.addProperty("p90_traffic_mb", row.getDouble("p90_traffic_mb"));
            o.addProperty("p90_downtime_s", row.getDouble("p90_downtime_s"));
            o.addProperty("cross_validated", row.getBoolean("cross_validated"));
            vs.add(o);
        }
        root.add("variants", vs);
        JsonObject match = new JsonObject();
        r.referenceMatch().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> match.addProperty(e.getKey(), e.getValue()));
        root.add("reference_match", match);
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(root);
    }
}
