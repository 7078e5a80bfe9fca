package io.livemig.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livemig.dsl.units.UnitExtensions;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Laws of unit arithmetic, checked on the extension methods scripts call. */
class UnitExtensionsProperties {

    @Property
    void sizesAddLikeTheirNumbers(
            @ForAll @IntRange(min = 0, max = 1 << 20) int a, @ForAll @IntRange(min = 0, max = 1 << 20) int b) {
        assertThat(UnitExtensions.getMiB(a).plus(UnitExtensions.getMiB(b))).isEqualTo(UnitExtensions.getMiB(a + b));
    }

    @Property
    void sizeOverRateTimesRateIsTheSize(
            @ForAll @IntRange(min = 1, max = 1 << 16) int mib, @ForAll @IntRange(min = 1, max = 10_000) int mbps) {
        DataSize size = UnitExtensions.getMiB(mib);
        DataRate rate = UnitExtensions.getMBps(mbps);
        Duration t = UnitExtensions.div(size, rate);
        // Duration has nanosecond resolution: the round trip is exact to rate × 1 ns, i.e. a few bytes
        assertThat((double) UnitExtensions.multiply(rate, t).bytes())
                .isCloseTo(size.bytes(), within(rate.bytesPerSecond() * 1e-9 + 1));
    }

    @Property
    void sizeOverTimeIsTheRateThatSendsIt(
            @ForAll @IntRange(min = 1, max = 1 << 16) int mib, @ForAll @IntRange(min = 1, max = 3600) int seconds) {
        DataSize size = UnitExtensions.getMiB(mib);
        DataRate r = UnitExtensions.div(size, UnitExtensions.getS(seconds));
        assertThat(r.secondsFor(size)).isCloseTo(seconds, within(seconds * 1e-12));
    }

    @Property
    void bitsAreAnEighthOfBytes(@ForAll @IntRange(min = 1, max = 100_000) int n) {
        assertThat(UnitExtensions.getMbps(n).bytesPerSecond() * 8)
                .isCloseTo(UnitExtensions.getMBps(n).bytesPerSecond(), within(1e-6));
    }
}
