package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;

import java.lang.foreign.MemorySegment;

/**
 * The receive fast path of one queue: {@code rte_eth_rx_burst}, which is static inline in DPDK, done from
 * Java through the PMD's function pointer in {@code rte_eth_fp_ops[port]}.
 *
 * <p>The function pointer and queue data are read once here: {@code rte_eth_dev_start} fills them and they
 * stay put until {@code rte_eth_dev_stop}, so an {@code RxQueue} must not be polled after its port stops.
 * Rx callbacks (as installed by {@code dpdk-pdump}) are honoured as the inline function does.
 */
public final class RxQueue {
    private final short portId;
    private final short queueId;
    private final MemorySegment burstFn;
    private final MemorySegment queueData;
    private final FastPathEntry entry;

    RxQueue(short portId, short queueId) {
        this.portId = portId;
        this.queueId = queueId;
        this.entry = FastPathEntry.rx(portId, queueId);
        this.burstFn = entry.burstFn();
        this.queueData = entry.queueData();
    }

    /**
     * Receives up to {@code max} packets, writing their mbuf addresses into {@code mbufs}.
     *
     * @param mbufs native array of at least {@code max} pointers
     * @return the number received; the caller owns (and must free) those mbufs
     */
    public int rxBurst(MemorySegment mbufs, int max) {
        int received;
        try {
            received = Short.toUnsignedInt((short) HotCalls.RX_BURST.invokeExact(burstFn, queueData, mbufs, (short) max));
        } catch (Throwable t) {
            throw HotCalls.rethrow(t);
        }
        long callbacks = entry.callbacks();
        if (callbacks != 0L) {
            received = Short.toUnsignedInt(Dpdk.rte_eth_call_rx_callbacks(portId, queueId, mbufs,
                    (short) received, (short) max, MemorySegment.ofAddress(callbacks)));
        }
        return received;
    }

    public int portId() {
        return Short.toUnsignedInt(portId);
    }

    public int queueId() {
        return Short.toUnsignedInt(queueId);
    }
}
