package io.livemig.kernel.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.junit.jupiter.api.Test;

class BatchedStreamTest {
    private final List<String> sent = new ArrayList<>();
    private final BatchedStream stream = new BatchedStream((env, text) -> {
        synchronized (sent) {
            sent.add(text);
        }
    });

    private String all() {
        synchronized (sent) {
            return String.join("", sent);
        }
    }

    @Test
    void everyLineArrivesInOrderInFewBatches() {
        stream.attach(dummyEnv());
        PrintStream out = new PrintStream(stream, false, StandardCharsets.UTF_8);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            out.println("line " + i);
            expected.append("line ").append(i).append('\n');
        }
        out.flush();
        stream.detach(dummyEnv);
        assertThat(all()).isEqualTo(expected.toString());
        // 1.1 MB in 64 KiB batches (plus whatever the timer sent meanwhile), never one message per line
        assertThat(sent.size()).isBetween(17, 5_000);
    }

    @Test
    void aBatchNeverSplitsACharacter() {
        stream.attach(dummyEnv());
        // 'é' is 2 bytes in UTF-8: a string of them crosses the 64 KiB boundary inside a character
        String text = "x" + "é".repeat(BatchedStream.MAX_BATCH_BYTES);
        stream.write(text.getBytes(StandardCharsets.UTF_8), 0, text.getBytes(StandardCharsets.UTF_8).length);
        stream.detach(dummyEnv);
        assertThat(all()).isEqualTo(text);
        assertThat(sent).allSatisfy(batch -> assertThat(batch).doesNotContain("\uFFFD"));
    }

    @Test
    void outputWithoutARequestIsDiscarded() {
        stream.write("lost\n".getBytes(StandardCharsets.UTF_8), 0, 5);
        stream.drain();
        assertThat(sent).isEmpty();
    }

    /** A stand-in request environment: the stream only compares it and hands it to the sender. */
    private final ShellReplyEnvironment dummyEnv = new ShellReplyEnvironment(null, null, null, null) {};

    private ShellReplyEnvironment dummyEnv() {
        return dummyEnv;
    }
}
