/**
 * Validation of the models against measured migrations: {@link io.livemig.validate.Dataset} loads the
 * {@code nathan-socc15} dataset into Tablesaw tables; the reference variants reproduce the authors' own predictions
 * with the conventions each of their scripts used; error tables and 90th percentiles compare predictions with the
 * measurements; coefficients fitted on the data are reported with leave-one-workload-out cross-validation.
 */
package io.livemig.validate;
