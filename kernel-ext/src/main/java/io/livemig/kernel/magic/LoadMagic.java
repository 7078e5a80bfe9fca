package io.livemig.kernel.magic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code %load file.groovy}: runs a Groovy file in the notebook's binding and returns its last value. */
final class LoadMagic {
    private LoadMagic() {}

    static Object eval(MagicHost kernel, List<String> args) throws IOException {
        if (args.size() != 1) {
            throw new IllegalArgumentException("%load: expected one .groovy file, got " + args.size() + " arguments");
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("%load: no such file " + file.toAbsolutePath());
        }
        String name = file.getFileName().toString().replaceFirst("\\.groovy$", "");
        return kernel.evalNested(Files.readString(file), name);
    }
}
