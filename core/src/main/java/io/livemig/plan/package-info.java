/**
 * Questions asked of a model: the lowest rate that meets a migration-time or downtime target
 * ({@link io.livemig.plan.Planner#minimumRate}) and which VMs to migrate to free memory
 * ({@link io.livemig.plan.Planner#select}). Every search has an explicit {@link io.livemig.plan.SearchBudget};
 * an impossible request is a result that says why ({@code feasible() == false}), never an exception.
 */
package io.livemig.plan;
