package io.livemig.kernel.channel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * A shell/control channel that blocks in {@code poll} instead of jjava's "poll(0), then sleep 50 ms" loop, so a
 * request is handled as soon as it arrives, and that survives a message with a bad signature: jjava lets that
 * {@link SecurityException} escape and kill the channel thread; here the message is dropped and logged.
 */
final class EventShellChannel extends ShellChannel {

    /** How long one poll blocks; it bounds how late a shutdown is noticed, not request latency. */
    private static final long POLL_MILLIS = 200;

    private final JupyterConnection connection;
    private final boolean control;
    private volatile Thread loop;
    private volatile boolean running;

    EventShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean control, JupyterConnection connection) {
        super(context, hmac, control, connection);
        this.connection = connection;
        this.control = control;
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        if (loop != null) {
            throw new IllegalStateException((control ? "control" : "shell") + " channel already bound");
        }
        int port = control ? props.getControlPort() : props.getShellPort();
        super.bind(props.getTransport() + "://" + props.getIp() + ":" + port);
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        running = true;
        loop = new Thread(() -> serve(poller), control ? "livemig-control" : "livemig-shell");
        loop.start();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void serve(ZMQ.Poller poller) {
        while (running) {
            int events;
            try {
                events = poller.poll(POLL_MILLIS);
            } catch (RuntimeException closed) {
                break;
            }
            if (events <= 0 || !running) {
                continue;
            }
            Message<?> message;
            try {
                message = readMessage();
            } catch (SecurityException badSignature) {
                logger.warn("refused a message: {}", badSignature.getMessage());
                continue;
            } catch (RuntimeException unreadable) {
                logger.warn("dropped an unreadable message: {}", unreadable.toString());
                continue;
            }
            if (message == null) {
                break;
            }
            ShellHandler handler = connection.getHandler(message.getHeader().getType());
            if (handler == null) {
                logger.warn(
                        "Unhandled message: {}", message.getHeader().getType().getName());
                continue;
            }
            ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
            try {
                handler.handle(env, message);
            } catch (Exception e) {
                logger.warn(
                        "Unhandled exception handling {}: {}",
                        message.getHeader().getType().getName(),
                        e.toString());
            } finally {
                env.resolveDeferrals();
            }
            if (env.isMarkedForShutdown()) {
                running = false;
                connection.close();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Thread t = loop;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
