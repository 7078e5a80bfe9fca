package io.livemig.model;

/**
 * How the pre-copy loop counts the pages sent so far, which Xen's traffic cap (more than 3·M sent) compares
 * against.
 */
public enum TrafficAccounting {
    /** Every page counts: the default. */
    EXACT,
    /**
     * The authors' C programs ({@code predict*.c}, {@code hpdc-skip.c}) add each iteration's MB to an {@code int},
     * which drops the fraction every iteration; the traffic cap then fires one iteration later on some runs. Only
     * for reproducing their predictions.
     */
    WHOLE_MIB_TRUNCATED
}
