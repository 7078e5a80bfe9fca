package io.livemig.model;

import io.livemig.profile.DirtyProfile;

/**
 * Xen's skip: W_i = f(E_i, S, S_new, R), the pages of iteration i that are not sent because they were dirtied again
 * before the scan reached them (model-paper.md §2.4). The pre-copy loop clamps the result to [0, V_due]; a function
 * that must respect E_i or D_i clamps itself.
 */
@FunctionalInterface
public interface SkipFunction {

    /**
     * @param iteration            i, 1-based
     * @param duePages             pages due in this iteration before skipping (M for i = 1, else D_{i−1})
     * @param dirtiedPages         D_i, pages dirtied during the (unreduced) iteration
     * @param eligiblePages        E_i = D_{i−1} + D_i − D(T_{i−1} + T_i); for i = 1 all dirtied pages are eligible
     * @param iterationSeconds     the unreduced length of the iteration, V/R
     * @param ratePagesPerSecond   R in pages per second
     * @param profile              the VM's dirty profile (S, S_new, M_w)
     */
    record Context(int iteration, double duePages, double dirtiedPages, double eligiblePages, double iterationSeconds,
                   double ratePagesPerSecond, DirtyProfile profile) {}

    /** W_i in pages, before clamping. */
    double skippedPages(Context c);

    /** No skip at all (KVM, Xen with skip disabled). */
    static SkipFunction none() { return c -> 0; }

    /**
     * The authors' 2014 regression "version A" in pages ({@code with-skip/predict-new.c}):
     * W_1 = 0.7121·D_1 + 4070.4908; W_i = 0.8078·E_i − 215.0473; if W_i &gt; D_i then D_i − 1024.
     */
    static SkipFunction versionA() {
        return c -> {
            double w = c.iteration() == 1 ? 0.7121 * c.dirtiedPages() + 4070.4908 : 0.8078 * c.eligiblePages() - 215.0473;
            if (w > c.dirtiedPages()) w = c.dirtiedPages() - 1024;
            return c.iteration() == 1 ? w : Math.min(w, c.eligiblePages());
        };
    }
}
