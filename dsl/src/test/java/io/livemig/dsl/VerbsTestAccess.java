package io.livemig.dsl;

import java.nio.file.Path;

/** Lets tests in other packages write the small seeded trace of {@link VerbsTest}. */
public final class VerbsTestAccess {
    private VerbsTestAccess() {}

    public static Path writeTrace(Path file) {
        return VerbsTest.writeTrace(file);
    }
}
