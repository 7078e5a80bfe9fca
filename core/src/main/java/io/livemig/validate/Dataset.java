package io.livemig.validate;

import io.livemig.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The measured dataset {@code nathan-socc15} (Nathan, Bellur, Kulkarni, SoCC 2015) as Tablesaw tables:
 * {@code measured.csv} (770 measured migrations), {@code params.csv} (55 workloads' model inputs) and
 * {@code reference_errors.csv} (the authors' own predictions, 10 variants). Its README explains every column.
 *
 * @param dir             where it was read from
 * @param measured        one row per (workload, memory, rate, skip)
 * @param params          one row per workload
 * @param referenceErrors one row per (variant, measured row)
 */
public record Dataset(Path dir, Table measured, Table params, Table referenceErrors) {
    /** Environment variable that points at the dataset directory. */
    public static final String ENV = "LIVEMIG_DATASET";
    /** System property holding the repository root (set by the launcher and by surefire). */
    public static final String ROOT_PROPERTY = "livemig.root";

    static final List<String> MEASURED_COLUMNS = List.of(
            "workload",
            "memory_mb",
            "rate_mbps",
            "rate_mb_s",
            "skip",
            "iterations",
            "precopy_s",
            "last_iteration_mb",
            "in_paper_set",
            "in_repo_361");
    static final List<String> PARAMS_COLUMNS = List.of(
            "workload",
            "memory_mb",
            "u_pages_per_100ms",
            "u_new_t0",
            "u_new_t9",
            "s_1s",
            "s_new_1_2",
            "s_new_gt2",
            "u_old_pages_per_100ms",
            "u_new_old_pages_per_100ms",
            "m_w_pages",
            "pacer10_pages_s");
    static final List<String> REFERENCE_COLUMNS = List.of(
            "variant",
            "workload",
            "rate_mbps",
            "repo_s_column",
            "pred_precopy_s",
            "pred_downtime_s",
            "pred_traffic_mb");

    /**
     * Reads the three CSV files of {@code dir}.
     *
     * @throws DatasetFormatException naming the file when one is missing, unreadable or lacks a needed column
     */
    public static Dataset load(Path dir) {
        Check.notNull("dataset directory", dir);
        if (!Files.isDirectory(dir)) {
            throw new DatasetFormatException(
                    "dataset: " + dir + " is not a directory; expected the nathan-socc15 folder " + "(set $" + ENV
                            + " or pass --dataset)");
        }
        return new Dataset(
                dir,
                read(dir.resolve("measured.csv"), MEASURED_COLUMNS),
                read(dir.resolve("params.csv"), PARAMS_COLUMNS),
                read(dir.resolve("reference_errors.csv"), REFERENCE_COLUMNS));
    }

    /** {@link #load(Path)} of {@link #defaultLocation()}. */
    public static Dataset load() {
        return load(defaultLocation());
    }

    /**
     * {@code $LIVEMIG_DATASET} when set, else {@code <repo root>/../shared/datasets/nathan-socc15}; the repo root is
     * the system property {@code livemig.root} when set, else the nearest directory at or above the working
     * directory holding {@code pom.xml} and {@code core/}, else the working directory.
     */
    public static Path defaultLocation() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) return Path.of(env);
        return repoRoot()
                .resolve("..")
                .resolve("shared")
                .resolve("datasets")
                .resolve("nathan-socc15")
                .normalize();
    }

    static Path repoRoot() {
        String prop = System.getProperty(ROOT_PROPERTY);
        if (prop != null && !prop.isBlank()) return Path.of(prop).toAbsolutePath();
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("core"))) return p;
        }
        return cwd;
    }

    private static Table read(Path file, List<String> required) {
        if (!Files.isRegularFile(file)) throw new DatasetFormatException("dataset: " + file + ": file not found");
        Table t;
        try {
            // Columns whose every value is a whole number would be read as INTEGER; read every number as DOUBLE so
            // that the code reading it never depends on how one file happened to print.
            t = Table.read()
                    // the files are ASCII: naming the charset spares Tablesaw detecting it with ICU
                    .usingOptions(CsvReadOptions.builder(
                                    new tech.tablesaw.io.Source(file.toFile(), java.nio.charset.StandardCharsets.UTF_8))
                            .tableName(file.getFileName().toString())
                            .columnTypesToDetect(List.of(ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.STRING))
                            .build());
        } catch (RuntimeException e) {
            throw new DatasetFormatException("dataset: " + file + ": cannot read as CSV: " + e.getMessage(), e);
        }
        for (String c : required) {
            if (!t.columnNames().contains(c)) {
                throw new DatasetFormatException(
                        "dataset: " + file + ": column '" + c + "' missing; got " + t.columnNames());
            }
        }
        return t;
    }

    /**
     * The VM of a workload of the dataset, with the paper's profile (S, S_new^T, M_w from params.csv) and the memory
     * of its first measured run: what {@code workload 'dacapo-eclipse'} gives a script.
     * @throws IllegalArgumentException naming the workload and a few known ones when it is not in the dataset
     */
    public io.livemig.profile.Vm workloadVm(String workload) {
        List<MeasuredRun> all = runs();
        for (MeasuredRun run : all) {
            if (run.workload().equals(workload)) return Variants.vm(run, Variants.paperProfile(run.params()));
        }
        List<String> names = all.stream().map(MeasuredRun::workload).distinct().toList();
        throw new IllegalArgumentException("unknown workload '" + workload + "'; expected one of "
                + String.join(", ", names.subList(0, Math.min(8, names.size()))) + ", … (" + names.size() + " in all)");
    }

    /** Every measured run joined with its workload's inputs, in file order. */
    public List<MeasuredRun> runs() {
        Map<String, WorkloadParams> byName = new HashMap<>();
        for (Row r : params) {
            double[] uNew = new double[10];
            for (int k = 0; k < 10; k++) uNew[k] = num(r, "u_new_t" + k, "params.csv");
            double hnh = num(r, "hnh10_th09_beta", "params.csv") * num(r, "hnh10_th09_S_h_pages_s", "params.csv")
                    + (1 - num(r, "hnh10_th09_beta", "params.csv")) * num(r, "hnh10_th09_S_nh_pages_s", "params.csv");
            byName.put(
                    r.getString("workload"),
                    new WorkloadParams(
                            r.getString("workload"),
                            num(r, "u_pages_per_100ms", "params.csv"),
                            uNew,
                            num(r, "s_1s", "params.csv"),
                            num(r, "s_new_1_2", "params.csv"),
                            num(r, "s_new_gt2", "params.csv"),
                            num(r, "u_old_pages_per_100ms", "params.csv"),
                            num(r, "u_new_old_pages_per_100ms", "params.csv"),
                            num(r, "m_w_pages", "params.csv"),
                            num(r, "pacer10_pages_s", "params.csv"),
                            hnh));
        }
        List<MeasuredRun> out = new ArrayList<>(measured.rowCount());
        for (Row r : measured) {
            String w = r.getString("workload");
            WorkloadParams p = byName.get(w);
            if (p == null)
                throw new DatasetFormatException("dataset: " + dir.resolve("measured.csv") + ": row "
                        + (r.getRowNumber() + 2) + ": workload '" + w + "' has no row in params.csv");
            out.add(new MeasuredRun(
                    w,
                    r.getString("family"),
                    num(r, "memory_mb", "measured.csv"),
                    num(r, "rate_mbps", "measured.csv"),
                    num(r, "rate_mb_s", "measured.csv"),
                    r.getBoolean("skip"),
                    num(r, "iterations", "measured.csv"),
                    num(r, "precopy_s", "measured.csv"),
                    num(r, "last_iteration_mb", "measured.csv"),
                    r.getBoolean("in_paper_set"),
                    r.getBoolean("in_repo_361"),
                    p));
        }
        return out;
    }

    /** The authors' predictions, by variant name and then by {@link ReferenceRow#key()}. */
    public Map<String, Map<String, ReferenceRow>> references() {
        Map<String, Map<String, ReferenceRow>> out = new HashMap<>();
        for (Row r : referenceErrors) {
            ReferenceRow ref = new ReferenceRow(
                    r.getString("variant"),
                    r.getString("workload"),
                    num(r, "rate_mbps", "reference_errors.csv"),
                    opt(r, "repo_s_column"),
                    opt(r, "pred_precopy_s"),
                    opt(r, "pred_downtime_s"),
                    opt(r, "pred_traffic_mb"));
            out.computeIfAbsent(ref.variant(), k -> new HashMap<>()).put(ref.key(), ref);
        }
        return out;
    }

    private double num(Row r, String column, String file) {
        double v = r.getNumber(column);
        if (Double.isNaN(v)) {
            throw new DatasetFormatException("dataset: " + dir.resolve(file) + ": row " + (r.getRowNumber() + 2)
                    + ": column '" + column + "' is empty; expected a number");
        }
        return v;
    }

    private static double opt(Row r, String column) {
        return r.isMissing(column) ? Double.NaN : r.getNumber(column);
    }
}
