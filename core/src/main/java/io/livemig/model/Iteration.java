package io.livemig.model;

/**
 * One pre-copy iteration (or the final stop-and-copy, {@code stopAndCopy = true}). Page counts are fluid (double).
 *
 * @param number         1-based iteration number
 * @param sentPages      V_i, pages sent
 * @param durationSeconds T_i = V_i / R
 * @param dirtiedPages   D_i, unique pages dirtied during the iteration (0 for stop-and-copy: the VM is paused)
 * @param eligiblePages  E_i, pages eligible for skipping (Xen with skip; 0 otherwise)
 * @param skippedPages   W_i, pages skipped (Xen with skip; 0 otherwise)
 * @param stopAndCopy    true for the last set, sent with the VM paused
 */
public record Iteration(
        int number,
        double sentPages,
        double durationSeconds,
        double dirtiedPages,
        double eligiblePages,
        double skippedPages,
        boolean stopAndCopy) {

    public static Iteration live(int number, double sent, double seconds, double dirtied) {
        return new Iteration(number, sent, seconds, dirtied, 0, 0, false);
    }

    public static Iteration stopAndCopy(int number, double sent, double seconds) {
        return new Iteration(number, sent, seconds, 0, 0, 0, true);
    }
}
