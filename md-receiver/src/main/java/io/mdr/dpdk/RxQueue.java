package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;
import io.mdr.dpdk.ffi.rte_eth_fp_ops;
import io.mdr.dpdk.ffi.rte_ethdev_qdata;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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
    private final long callbackSlot;

    RxQueue(short portId, short queueId) {
        this.portId = portId;
        this.queueId = queueId;
        MemorySegment ops = Dpdk.rte_eth_fp_ops(Short.toUnsignedLong(portId));
        MemorySegment rxq = rte_eth_fp_ops.rxq(ops);
        this.burstFn = rte_eth_fp_ops.rx_pkt_burst(ops);
        this.queueData = rte_ethdev_qdata.data(rxq).reinterpret(Long.MAX_VALUE)
                .getAtIndex(ValueLayout.ADDRESS, queueId);
        this.callbackSlot = rte_ethdev_qdata.clbk(rxq).address() + (long) queueId * ValueLayout.ADDRESS.byteSize();
        if (burstFn.equals(MemorySegment.NULL) || queueData.equals(MemorySegment.NULL)) {
            throw new DpdkException("rte_eth_fp_ops[" + portId + "]", "rx burst function or queue not set: start the port first");
        }
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
        long callbacks = Mbufs.NATIVE.get(ValueLayout.JAVA_LONG, callbackSlot);
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
