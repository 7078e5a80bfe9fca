package io.livemig.bench;

import io.livemig.validate.CrossValidation;
import io.livemig.validate.Dataset;
import io.livemig.validate.MeasuredRun;
import io.livemig.validate.ReferenceRow;
import io.livemig.validate.Validation;
import io.livemig.validate.ValidationResult;
import io.livemig.validate.Variant;
import io.livemig.validate.Variants;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole validation run: the ten reference variants over the dataset, errors, p90 tables and the reference match
 * (goal: at most 200 ms after warm-up); and the fitted variants' cross-validation, the bulk of {@code livemig
 * validate} (four grids, 10 874 points in all, each fold's choice and the held-out predictions). The CSV files are read
 * once in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ValidationBenchmark {
    List<MeasuredRun> runs;
    Map<String, Map<String, ReferenceRow>> refs;
    List<Variant> variants;

    @Setup
    public void load() {
        Dataset d = Dataset.load();
        runs = d.runs();
        refs = d.references();
        variants = Variants.reference();
    }

    @Benchmark
    public ValidationResult referenceVariants() {
        return Validation.run(runs, refs, variants, Validation.allowList().keySet());
    }

    @Benchmark
    public List<CrossValidation.Fit> fittedVariants() {
        return Variants.fitted(runs);
    }
}
