package io.mdr.receiver;

import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGINT and SIGTERM as a request to stop, so that the process shuts down in its own order and exits 0.
 *
 * <p>Agrona's {@code ShutdownSignalBarrier} lets the JVM's own shutdown start on the signal (exit status
 * 130/143) and merely holds it until the barrier closes; a receiver that was asked to stop and did so
 * cleanly should exit 0, so the handlers here replace the JVM's. A second signal while stopping halts at once.
 */
public final class ShutdownSignals {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicInteger received = new AtomicInteger();

    private ShutdownSignals() {
    }

    /** Installs the handlers for INT and TERM. */
    public static ShutdownSignals install(String program) {
        ShutdownSignals signals = new ShutdownSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                signals.requested.set(true);
                if (signals.received.incrementAndGet() > 1) {
                    System.err.println(program + ": second SIG" + signal.getName() + " while stopping: halting now");
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
            });
        }
        return signals;
    }

    /** True once SIGINT or SIGTERM has arrived. */
    public boolean stopRequested() {
        return requested.get();
    }
}
