package io.livemig.dsl

import groovy.transform.CompileStatic
import io.livemig.profile.DirtyProfile
import io.livemig.profile.LinearDirtyProfile
import io.livemig.units.DataSize

import java.time.Duration

/**
 * {@code profile { s 8822; sNew 2775, 1559, …; mw 119435 }}: the paper's dirty profile given by hand. S and S_new are
 * pages per unit ({@code unit}, default 100 ms; S_new^T steps of {@code step}, default 1 s); M_w is pages or a size.
 */
@CompileStatic
class ProfileSpec extends Spec {
    static final List<String> KEYWORDS = ['s', 'sNew', 'mw', 'unit', 'step', 'pageSize']
    private final String vmName
    private Double sPages
    private double[] sNewPages
    private Object mwValue
    private Duration unitTime = Duration.ofMillis(100)
    private Duration stepTime = Duration.ofSeconds(1)
    private DataSize pageSizeValue = DataSize.ofBytes(DirtyProfile.DEFAULT_PAGE_SIZE)

    ProfileSpec(Script owner, String vmName) {
        super(owner)
        this.vmName = vmName
    }

    @Override protected String where() { vmName == null ? 'profile' : "vm '$vmName': profile" }

    @Override protected List<String> keywords() { KEYWORDS }

    /** S: unique pages dirtied in one unit. */
    void s(Object pages) { sPages = pagesOf('s', pages) }

    /** S_new^T: new pages per further unit, one value per step of interval length (T = 0…1 s, 1…2 s, …). */
    void sNew(Object... pages) {
        if (pages.length == 0) throw new DslException("${where()}: sNew expects at least one number of pages, got none")
        List<Object> flat = pages.length == 1 && pages[0] instanceof Collection ? new ArrayList<Object>((Collection<?>) pages[0]) : Arrays.asList(pages)
        sNewPages = flat.collect { Object p -> pagesOf('sNew', p) } as double[]
    }

    /** M_w: the maximum writable working set, in pages (a number) or as a size (512.MiB). */
    void mw(Object pagesOrSize) {
        if (!(pagesOrSize instanceof Number) && !(pagesOrSize instanceof DataSize)) {
            throw wrong('mw', 'a number of pages or a size such as 512.MiB', pagesOrSize)
        }
        mwValue = pagesOrSize
    }

    /** The unit of S and S_new (default 100 ms). */
    void unit(Object time) {
        if (!(time instanceof Duration)) throw wrong('unit', 'a time such as 100.ms', time)
        unitTime = (Duration) time
    }

    /** The width of one S_new^T step (default 1 s). */
    void step(Object time) {
        if (!(time instanceof Duration)) throw wrong('step', 'a time such as 1.s', time)
        stepTime = (Duration) time
    }

    void pageSize(Object size) {
        if (!(size instanceof DataSize)) throw wrong('pageSize', 'a size such as 4.KiB', size)
        pageSizeValue = (DataSize) size
    }

    DirtyProfile build() {
        if (sPages == null) throw new DslException("${where()}: s is missing; expected s <pages dirtied per unit>, e.g. s 8822")
        if (sNewPages == null) throw new DslException("${where()}: sNew is missing; expected sNew <pages per unit>, e.g. sNew 2775, 1559")
        if (mwValue == null) throw new DslException("${where()}: mw is missing; expected mw <pages> or a size, e.g. mw 119435")
        int page = (int) pageSizeValue.bytes()
        double mwPages = mwValue instanceof DataSize ? ((DataSize) mwValue).bytes() / (double) page : ((Number) mwValue).doubleValue()
        try {
            return new LinearDirtyProfile(unitTime.toNanos() / 1e9d, sPages, sNewPages, stepTime.toNanos() / 1e9d, mwPages, page)
        } catch (IllegalArgumentException e) {
            throw new DslException("${where()}: ${e.message}")
        }
    }

    private double pagesOf(String keyword, Object v) {
        if (v instanceof Number) return ((Number) v).doubleValue()
        throw wrong(keyword, 'a number of pages', v)
    }
}
