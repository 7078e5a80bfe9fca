package io.livemig.kernel.magic;

import java.util.List;
import java.util.Locale;

/** {@code %time statement} and {@code %%time}: run the code, print its wall time, return its value. */
final class TimeMagic {
    private TimeMagic() {}

    static Object line(MagicHost kernel, List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("%time: expected a statement to time, e.g. %time predict(web)");
        }
        return timed(kernel, String.join(" ", args));
    }

    static Object cell(MagicHost kernel, List<String> args, String body) {
        return timed(kernel, body);
    }

    private static Object timed(MagicHost kernel, String code) {
        long start = System.nanoTime();
        try {
            return kernel.evalNested(code, "time");
        } finally {
            double millis = (System.nanoTime() - start) / 1e6;
            System.out.println(String.format(Locale.ROOT, "Wall time: %.1f ms", millis));
        }
    }
}
