package io.livemig.kernel.channel;

import java.lang.reflect.Field;
import java.security.GeneralSecurityException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.zeromq.ZMQ;

/**
 * jjava's connection with its shell and control channels replaced by {@link EventShellChannel}s. jjava builds
 * its channels in the constructor and keeps them in final fields with no factory method, so the replacement
 * is done once, before binding, through reflection on those two fields.
 *
 * <p>The IOPub socket gets no send limit: ZeroMQ's PUB socket silently drops messages beyond its high-water mark
 * (1000 by default), and a dropped {@code idle} status leaves a front end waiting for ever. Stream output is
 * batched ({@link BatchedStream}), so the queue stays short in practice.
 */
public final class KernelConnection extends JupyterConnection {

    public KernelConnection(KernelConnectionProperties props) throws GeneralSecurityException {
        super(props);
        try {
            ZMQ.Context context =
                    (ZMQ.Context) field(JupyterConnection.class, "ctx").get(this);
            var hmac = props.createHMACGenerator();
            replace(
                    "shell",
                    (ShellChannel) field(JupyterConnection.class, "shell").get(this),
                    new EventShellChannel(context, hmac, false, this));
            replace(
                    "control",
                    (ShellChannel) field(JupyterConnection.class, "control").get(this),
                    new EventShellChannel(context, hmac, true, this));
            iopub.setSndHWM(0);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "jjava-jupyter's JupyterConnection changed shape; expected fields ctx, shell, control", e);
        }
    }

    private void replace(String name, ShellChannel old, ShellChannel replacement) throws ReflectiveOperationException {
        field(JupyterConnection.class, name).set(this, replacement);
        old.close();
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
