package io.livemig.kernel.process;

import io.livemig.kernel.Evaluators;
import io.livemig.kernel.GroovyKernel;
import io.livemig.kernel.channel.KernelConnection;
import io.livemig.kernel.magic.Magics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the kernel on a Jupyter connection file and returns when it shuts down. The kernelspec runs
 * {@link #main} directly rather than {@code livemig kernel run}: the command line's picocli start loads Groovy's
 * runtime before the first reply, which costs about half a second of cold start.
 */
public final class KernelLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(KernelLauncher.class);

    private KernelLauncher() {}

    /** {@code java -cp livemig-all.jar io.livemig.kernel.process.KernelLauncher CONNECTION_FILE}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelLauncher CONNECTION_FILE");
            System.exit(2);
        }
        run(Path.of(args[0]));
        System.exit(0);
    }

    public static void run(Path connectionFile) throws IOException, GeneralSecurityException {
        if (System.getenv("LIVEMIG_KERNEL_LOG") == null) {
            // jjava logs every loop start and stop at INFO on stderr, which Jupyter shows in its console
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
        GroovyKernel kernel = Magics.registerAll(GroovyKernel.builder())
                .name("livemig")
                .version(
                        KernelLauncher.class.getPackage().getImplementationVersion() == null
                                ? "0.1.0"
                                : KernelLauncher.class.getPackage().getImplementationVersion())
                .evaluator(Evaluators::livemig)
                .build();
        KernelConnection connection = new KernelConnection(props);
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        ParentWatchdog.start(System.getenv("JPY_PARENT_PID"), () -> {
            LOG.warn("parent process is gone; the kernel exits");
            Runtime.getRuntime().halt(0);
        });
        connection.waitUntilClose();
        LOG.info("kernel shut down");
    }
}
