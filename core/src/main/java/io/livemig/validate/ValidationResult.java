package io.livemig.validate;

import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * What {@link Validation#run} found.
 *
 * @param variants       the variants run
 * @param errors         one row per (variant, measured run): predictions, measurements, errors, reference values
 * @param summary        one row per (variant, row set 361 or 371): nearest-rank 90th percentiles
 * @param referenceMatch per reference variant, the largest relative difference from the authors' predictions over
 *                       the rows not allow-listed (0 when every row is within the absolute tolerances)
 */
public record ValidationResult(
        List<Variant> variants, Table errors, Table summary, Map<String, Double> referenceMatch) {
    public ValidationResult {
        variants = List.copyOf(variants);
        referenceMatch = Map.copyOf(referenceMatch);
    }

    /** The summary: p90 errors per variant and row set. */
    public Table toTable() {
        return summary;
    }

    /** Rows of the reference variants that do not match the authors' predictions. */
    public Table mismatches() {
        return errors.where(errors.booleanColumn("ref_match").isFalse());
    }
}
