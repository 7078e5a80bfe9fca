package io.livemig.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jupyter_kernel_test's conformance suite, then the kernel's own promises, through a real jupyter_client. */
class KernelConformanceIT {

    @Test
    void passesTheJupyterKernelConformanceSuite(@TempDir Path tmp) throws Exception {
        JupyterClients.requireModules("jupyter_client", "jupyter_kernel_test");
        String out = JupyterClients.run(
                JupyterClients.kernelspecHome(tmp), tmp, 300, "-m", "unittest", "-v", "test_conformance");
        assertThat(out).contains("OK").doesNotContain("FAILED");
    }

    @Test
    void losesNoOutputSurvivesExitAndHelpsWithDisplayInspectionCompletionAndErrors(@TempDir Path tmp) throws Exception {
        JupyterClients.requireModules("jupyter_client");
        String out = JupyterClients.run(
                JupyterClients.kernelspecHome(tmp), tmp, 600, "-m", "unittest", "-v", "test_kernel_robustness");
        assertThat(out).contains("OK").doesNotContain("FAILED");
    }

    @Test
    void keepsStateInterruptsRunsMagicsTrimsErrorsAndLeavesNoOrphan(@TempDir Path tmp) throws Exception {
        JupyterClients.requireModules("jupyter_client", "zmq");
        String out = JupyterClients.run(
                JupyterClients.kernelspecHome(tmp), tmp, 600, "-m", "unittest", "-v", "test_kernel_behaviour");
        assertThat(out).contains("OK").doesNotContain("FAILED");
    }
}
