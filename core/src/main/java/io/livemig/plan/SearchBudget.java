package io.livemig.plan;

import io.livemig.Check;

/**
 * How much work a planner query may do, so every query ends in bounded time.
 *
 * @param gridPoints      rates tried on the geometric grid of a rate search (≥ 2)
 * @param bisectionSteps  bisection steps after the grid, each halving the bracket (≥ 0)
 * @param maxSubsets      subsets of VMs a selection may enumerate exactly; above it, a greedy choice is made and
 *                        the result says so
 */
public record SearchBudget(int gridPoints, int bisectionSteps, long maxSubsets) {
    public SearchBudget {
        Check.that(gridPoints >= 2, "search budget: grid points must be >= 2, got " + gridPoints);
        Check.that(bisectionSteps >= 0, "search budget: bisection steps must be >= 0, got " + bisectionSteps);
        Check.that(maxSubsets >= 1, "search budget: max subsets must be >= 1, got " + maxSubsets);
    }

    /** 200 grid rates, 40 bisection steps (a bracket 2^40 times narrower), 2^20 subsets (20 VMs exactly). */
    public static SearchBudget defaults() {
        return new SearchBudget(200, 40, 1L << 20);
    }

    /** The most model evaluations a rate search with this budget makes. */
    public int maxRateEvaluations() {
        return gridPoints + bisectionSteps;
    }
}
