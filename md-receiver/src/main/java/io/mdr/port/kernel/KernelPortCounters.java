package io.mdr.port.kernel;

import io.mdr.metrics.ReceiverCounters;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A kernel port's own figures, written by the polling thread (and a socket port's line readers) with plain ordered
 * stores, read by the receiver's thread: datagrams received (ipackets), datagrams cut by a too small buffer (ierrors),
 * provided buffers that ran out (rx_nombuf, io_uring), and the kernel's drops on the sockets (imissed), from
 * /proc/net/udp at most every 100 ms.
 */
public final class KernelPortCounters {
    private static final long DROPS_READ_INTERVAL_NANOS = 100_000_000L;

    /** Datagrams received by the port. */
    public final AtomicLong datagrams = new AtomicLong();
    /** Datagrams longer than {@code port.maxDatagramBytes} (cut by the kernel, dropped here) and failed receives. */
    public final AtomicLong errors = new AtomicLong();
    /** Receives that found no free buffer (io_uring's provided buffers ran out; the datagram waited in the socket). */
    public final AtomicLong noBuffer = new AtomicLong();
    private final UdpSocketDrops socketDrops;
    private final long dropsAtOpen;
    private long lastDropsRead = Long.MIN_VALUE / 2;
    private long drops;

    public KernelPortCounters(List<KernelLine> lines) {
        socketDrops = new UdpSocketDrops(lines);
        dropsAtOpen = Math.max(0, socketDrops.read());
    }

    /** Into the receiver's port counters; called from the receiver's thread (not the polling thread). */
    public void update(ReceiverCounters counters) {
        long now = System.nanoTime();
        if (now - lastDropsRead >= DROPS_READ_INTERVAL_NANOS) {
            lastDropsRead = now;
            long read = socketDrops.read();
            if (read >= 0) {
                drops = Math.max(drops, read - dropsAtOpen);
            }
        }
        counters.portIpackets.setRelease(datagrams.get());
        counters.portImissed.setRelease(drops);
        counters.portRxNoMbuf.setRelease(noBuffer.get());
        counters.portIerrors.setRelease(errors.get());
    }
}
