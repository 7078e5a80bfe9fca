package io.livemig.validate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The authors' bc scripts for the closed-form existing models (the {@code predict-pre-copy-time.sh} scripts,
 * docs/model.md §3.2), with their arithmetic: every value is cut (not rounded) to {@code scale=3} decimals after
 * each operation (10 for the downtime), and the caps compare against {@code sz/r} evaluated at bc's default
 * {@code scale=0}, i.e. an integer. These conventions are reproduced here, for validation only; the models in
 * {@code io.livemig.model} use plain double arithmetic.
 */
final class BcScripts {
    private BcScripts() {}

    /** Pre-copy time and downtime in s; NaN when bc failed (S/R cut to 3 decimals equals 1: log 1 = 0 divides). */
    record Times(double precopySeconds, double downtimeSeconds, int iterations) {
        static final Times BROKEN = new Times(Double.NaN, Double.NaN, 0);
    }

    private static final BigDecimal THREE = BigDecimal.valueOf(3);

    static BigDecimal cut(BigDecimal v, int scale) {
        return v.setScale(scale, RoundingMode.DOWN);
    }

    /** α = 50 pages / M, cut to 6 decimals (alpha.sh: .000190, .000325, .000127 for 1024, 600, 1536 MB). */
    static double alpha(double memoryMb) {
        return cut(BigDecimal.valueOf(50.0 / (memoryMb * 256)), 6).doubleValue();
    }

    /**
     * The geometric ("infocom") model: λ = S/R cut to 3 decimals, n = ⌊|ln α / ln λ|⌋ capped at 29,
     * T_pre = (M/R)(1 − λ^n)/(1 − λ), T_down = (M/R)·λ^{n+1} (sic: n+1), with the caps described above.
     */
    static Times geometric(double memoryMb, double rateMbS, double sMbS) {
        BigDecimal sz = BigDecimal.valueOf(memoryMb), r = BigDecimal.valueOf(rateMbS), s = BigDecimal.valueOf(sMbS);
        BigDecimal sr = s.divide(r, 3, RoundingMode.DOWN);
        if (sr.signum() <= 0 || sr.compareTo(BigDecimal.ONE) == 0) return Times.BROKEN;
        double ito = Math.log(alpha(memoryMb)) / Math.log(sr.doubleValue());
        int it = (int) Math.min(29, Math.floor(Math.abs(ito)));
        BigDecimal szr3 = sz.divide(r, 3, RoundingMode.DOWN);
        BigDecimal szr0 = sz.divide(r, 0, RoundingMode.DOWN);
        BigDecimal pow = cut(sr.pow(it), 3);
        BigDecimal ratio = BigDecimal.ONE.subtract(pow).divide(BigDecimal.ONE.subtract(sr), 3, RoundingMode.DOWN);
        BigDecimal pt = cut(szr3.multiply(ratio), 3);
        if (pt.compareTo(THREE.multiply(szr0)) > 0) pt = cut(THREE.multiply(szr3), 3);
        BigDecimal szr10 = sz.divide(r, 10, RoundingMode.DOWN);
        BigDecimal pow1 = cut(sr.pow(it + 1), Math.min(3 * (it + 1), 10));
        BigDecimal down = cut(szr10.multiply(pow1), 10);
        if (down.compareTo(szr0) > 0) down = szr3;
        return new Times(pt.doubleValue(), down.doubleValue(), it);
    }

    /**
     * The effective-rate model: T_pre = M/(R − S) when ⌊rate_mbps/8⌋ − S &gt; 1 (the script's test, at scale 0),
     * else 3·M/R; capped at 3·M/R; no downtime.
     */
    static Times effectiveRate(double memoryMb, double rateMbS, double rateMbps, double sMbS) {
        BigDecimal sz = BigDecimal.valueOf(memoryMb), r = BigDecimal.valueOf(rateMbS), s = BigDecimal.valueOf(sMbS);
        BigDecimal szr3 = sz.divide(r, 3, RoundingMode.DOWN);
        BigDecimal szr0 = sz.divide(r, 0, RoundingMode.DOWN);
        BigDecimal capped = cut(THREE.multiply(szr3), 3);
        BigDecimal ratemOver8 = BigDecimal.valueOf(rateMbps).divide(BigDecimal.valueOf(8), 0, RoundingMode.DOWN);
        BigDecimal pt;
        if (ratemOver8.subtract(s).compareTo(BigDecimal.ONE) > 0) {
            pt = sz.divide(r.subtract(s), 3, RoundingMode.DOWN);
            if (pt.compareTo(THREE.multiply(szr0)) > 0) pt = capped;
        } else {
            pt = capped;
        }
        return new Times(pt.doubleValue(), 0, 1);
    }

    /** {@code scale=3} cut of a dirty-rate expression, as {@code s=`echo "scale=3; $dr" | bc`} did. */
    static double cut3(double v) {
        return cut(new BigDecimal(v), 3).doubleValue();
    }
}
