package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** The one place a failed command becomes one line: I/O errors with their reason, running out of memory, bugs not hidden. */
class MainMessagesTest {
    @Test
    void ioErrorsSayTheReasonInOneLine() {
        assertThat(Main.userMessage(new AccessDeniedException("/data/out.csv")))
                .isEqualTo("/data/out.csv: permission denied");
        assertThat(Main.userMessage(new FileSystemException("/data/x", null, "No space left on device")))
                .isEqualTo("/data/x: No space left on device");
        assertThat(Main.userMessage(new FileSystemException("/data", null, "Is a directory")))
                .isEqualTo("/data: is a folder");
        assertThat(Main.userMessage(
                        new UncheckedIOException("out.csv: write failed", new IOException("No space left on device"))))
                .isEqualTo("out.csv: write failed (no space left on device)");
    }

    @Test
    void outOfMemoryIsOneLineWithWhatToDo() {
        String m = Main.userMessage(new OutOfMemoryError("Java heap space"));
        assertThat(m)
                .startsWith("out of memory (Java heap space, heap limit ")
                .contains("LIVEMIG_JAVA_OPTS=-Xmx4g")
                .doesNotContain("\n");
    }

    @Test
    void aBugIsNotDisguisedAsAUserError() {
        assertThat(Main.userMessage(new NullPointerException())).isNull();
        assertThat(Main.userMessage(new IllegalStateException("x"))).isNull();
    }

    @Test
    void anUnknownOptionIsNamedBeforeTheMissingOnes() {
        Cli.Result r = Cli.run("predict", "--sped", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().trim()).startsWith("livemig predict: unknown option --sped; ");
    }
}
