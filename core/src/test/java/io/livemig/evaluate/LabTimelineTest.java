package io.livemig.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livemig.trace.Trace;
import io.livemig.trace.TraceHeader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** Hand-counted unique pages of a 3-unit period (0.1 s units): {0, 1}, {1, 2, 3}, {0}. */
class LabTimelineTest {
    static final Trace T = Trace.ofPages(
            "t",
            new TraceHeader(4096, 64, 0.1),
            List.of(RoaringBitmap.bitmapOf(0, 1), RoaringBitmap.bitmapOf(1, 2, 3), RoaringBitmap.bitmapOf(0)));

    @Test
    void wholeUnitsCountTheirUnionFromThePhaseTheRunBeganAt() {
        LabTimeline from0 = new LabTimeline(T, 0), from1 = new LabTimeline(T, 1);
        assertThat(from0.dirtiedPages(0, 0.1)).isCloseTo(2, within(1e-9));
        assertThat(from0.dirtiedPages(0, 0.2)).isCloseTo(4, within(1e-9)); // {0,1} ∪ {1,2,3}
        assertThat(from1.dirtiedPages(0, 0.1)).isCloseTo(3, within(1e-9)); // the run began in unit 1
        assertThat(from1.dirtiedPages(0.1, 0.3)).isCloseTo(2, within(1e-9)); // units 2 and 0 (looped): {0} ∪ {0,1}
        assertThat(from0.dirtiedPages(0, 10)).isCloseTo(4, within(1e-9)); // longer than a period: every page
        assertThat(from0.dirtiedPages(0.3, 0.3)).isZero();
    }

    @Test
    void aUnitCoveredInPartCountsItsPagesInThatPartByInclusionExclusion() {
        LabTimeline tl = new LabTimeline(T, 0);
        // inside unit 1: 40 % of its 3 pages
        assertThat(tl.dirtiedPages(0.13, 0.17)).isCloseTo(1.2, within(1e-9));
        // half of unit 0, all of unit 1, a quarter of unit 2: |{1,2,3}| + ½·|{0}| + ¼·|{0}| − ½·¼·|{0}|
        assertThat(tl.dirtiedPages(0.05, 0.225)).isCloseTo(3 + 0.5 + 0.25 - 0.125, within(1e-9));
        // half of unit 0 and half of unit 1, nothing whole between: ½·2 + ½·3 − ¼·|{1}|
        assertThat(tl.dirtiedPages(0.05, 0.15)).isCloseTo(1 + 1.5 - 0.25, within(1e-9));
    }
}
