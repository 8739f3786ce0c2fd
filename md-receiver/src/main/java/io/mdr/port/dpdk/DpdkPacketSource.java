package io.mdr.port.dpdk;

import io.mdr.dpdk.EthPort;
import io.mdr.dpdk.LcoreThreads;
import io.mdr.dpdk.MbufPool;
import io.mdr.dpdk.Mbufs;
import io.mdr.dpdk.PortStats;
import io.mdr.dpdk.RxQueue;
import io.mdr.dpdk.RxTimestamps;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.net.DropReason;
import io.mdr.port.PacketSink;
import io.mdr.port.PacketSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The DPDK receive loop's body: {@code rx_burst} on a thread registered with EAL and pinned to its core, each frame
 * to the sink where it lies in the mbuf, the burst freed in bulk. In rx-only mode it only receives and frees.
 */
public final class DpdkPacketSource implements PacketSource {
    private final EthPort port;
    private final RxQueue rxQueue;
    private final MbufPool pool;
    private final PacketSink sink;
    private final int burstSize;
    private final boolean rxOnly;
    private final RxTimestamps timestamps;
    private final MemorySegment mbufs;
    private final PortStats stats = new PortStats();
    private long pollNanos;
    private boolean countersWentBack;
    private volatile int osThreadId;

    DpdkPacketSource(EthPort port, MbufPool pool, PacketSink sink, int burstSize, boolean rxOnly, RxTimestamps timestamps) {
        this.port = port;
        this.rxQueue = port.rxQueue();
        this.pool = pool;
        this.sink = sink;
        this.burstSize = burstSize;
        this.rxOnly = rxOnly;
        this.timestamps = timestamps;
        this.mbufs = Arena.global().allocate(ValueLayout.ADDRESS, burstSize);
    }

    @Override
    public void onStart(int cpu) {
        LcoreThreads.registerAndPin(cpu);
        osThreadId = LcoreThreads.osThreadId();
    }

    @Override
    public int poll() {
        int received = rxQueue.rxBurst(mbufs, burstSize);
        long now = System.nanoTime();
        pollNanos = now;
        timestamps.maintain(now);
        if (received == 0) {
            return 0;
        }
        try {
            if (!rxOnly) {
                handOver(mbufs, received, sink, timestamps, now);
            }
        } finally {
            // Every mbuf of the burst goes back, whether its processing finished or failed.
            MbufPool.freeBulk(mbufs, received);
        }
        return received;
    }

    /**
     * Hands each frame of a burst to {@code sink} where it lies in its mbuf, with its rx time; a chained
     * (multi-segment) mbuf is a counted drop. Public so that the receiver's warm-up runs this very code on
     * synthetic mbufs before the port starts: the live poll, compiled while the port was idle, calls it rather than
     * reaching a loop body it never ran (whose mbuf reads then ran in the interpreter for the first packets).
     *
     * @param mbufs      {@code received} mbuf addresses
     * @param burstNanos {@code System.nanoTime()} read when rx_burst returned
     */
    public static void handOver(MemorySegment mbufs, int received, PacketSink sink, RxTimestamps timestamps,
                                long burstNanos) {
        for (int i = 0; i < received; i++) {
            long mbuf = mbufs.getAtIndex(ValueLayout.JAVA_LONG, i);
            if (Mbufs.segmentCount(mbuf) != 1) {
                sink.drop(DropReason.MULTI_SEGMENT);
            } else {
                sink.onFrame(Mbufs.dataAddress(mbuf), Mbufs.dataLength(mbuf), timestamps.rxNanos(mbuf, burstNanos));
            }
        }
    }

    @Override
    public int burstCapacity() {
        return burstSize;
    }

    @Override
    public long pollNanos() {
        return pollNanos;
    }

    @Override
    public void onClose() {
        LcoreThreads.unregister();
    }

    /**
     * Copies the port's counters, keeping the highest value each has shown: a PMD may report less later. DPDK
     * 22.11's net_memif sums its per-queue counters over the rings of the live connection only, so once the peer
     * has disconnected (md-replay has finished) every counter reads 0 (memif_stats_get, drivers/net/memif); the
     * receiver reads them every 10 ms while the link is up, and the summary says when a port went back. Also
     * samples the pool's free mbufs.
     */
    @Override
    public void updateCounters(ReceiverCounters counters) {
        port.readStats(stats);
        countersWentBack |= stats.ipackets() < counters.portIpackets.get();
        counters.portIpackets.proposeMaxRelease(stats.ipackets());
        counters.portImissed.proposeMaxRelease(stats.imissed());
        counters.portRxNoMbuf.proposeMaxRelease(stats.rxNoMbuf());
        counters.portIerrors.proposeMaxRelease(stats.ierrors());
        counters.poolAvailable.setRelease(pool.available());
    }

    @Override
    public String summary() {
        if (!countersWentBack) {
            return "";
        }
        String why = port.driver().contains("memif")
                ? "DPDK 22.11's memif PMD counts over the rings of the live connection only, and its peer has disconnected"
                : "the PMD reset or stopped counting";
        return "port counters: the highest the port reported; it reports less now (" + why + ")";
    }

    @Override
    public int osThreadId() {
        return osThreadId;
    }

    @Override
    public String describe() {
        return port + ", mac " + port.macAddress() + ", pool " + pool.capacity() + " mbufs";
    }

    @Override
    public String rxTimestamps() {
        return timestamps.toString();
    }

    @Override
    public void close() {
        port.close();
    }
}
