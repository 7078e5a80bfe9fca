/**
 * Migration models: {@link io.livemig.model.MigrationModel#predict} turns a VM, a rate and a policy into a
 * {@link io.livemig.model.Prediction}. {@link io.livemig.model.ProposedModel} is the paper's model; the existing
 * models it is compared with are {@link io.livemig.model.FullCopyModel}, {@link io.livemig.model.GeometricSeriesModel},
 * {@link io.livemig.model.EffectiveRateModel} and {@link io.livemig.model.LiuIterativeModel}. {@link io.livemig.model.Models}
 * lists them.
 */
package io.livemig.model;
