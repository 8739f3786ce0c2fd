package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;
import io.mdr.dpdk.ffi.rte_eth_fp_ops;
import io.mdr.dpdk.ffi.rte_ethdev_qdata;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One queue's entry in {@code rte_eth_fp_ops[port]}, read once after {@code rte_eth_dev_start}: the PMD's
 * burst function, the queue's data pointer, and the address of its callback-list slot.
 *
 * @param burstFn      {@code rx_pkt_burst} or {@code tx_pkt_burst}
 * @param queueData    {@code rxq.data[queue]} or {@code txq.data[queue]}
 * @param callbackSlot address of {@code rxq.clbk[queue]} or {@code txq.clbk[queue]} (read per burst)
 */
record FastPathEntry(MemorySegment burstFn, MemorySegment queueData, long callbackSlot) {

    static FastPathEntry rx(short portId, short queueId) {
        MemorySegment ops = Dpdk.rte_eth_fp_ops(Short.toUnsignedLong(portId));
        return of("rx", portId, queueId, rte_eth_fp_ops.rx_pkt_burst(ops), rte_eth_fp_ops.rxq(ops));
    }

    static FastPathEntry tx(short portId, short queueId) {
        MemorySegment ops = Dpdk.rte_eth_fp_ops(Short.toUnsignedLong(portId));
        return of("tx", portId, queueId, rte_eth_fp_ops.tx_pkt_burst(ops), rte_eth_fp_ops.txq(ops));
    }

    private static FastPathEntry of(String direction, short portId, short queueId, MemorySegment burstFn, MemorySegment qdata) {
        MemorySegment queueData = rte_ethdev_qdata.data(qdata).reinterpret(Long.MAX_VALUE)
                .getAtIndex(ValueLayout.ADDRESS, queueId);
        long callbackSlot = rte_ethdev_qdata.clbk(qdata).address() + (long) queueId * ValueLayout.ADDRESS.byteSize();
        if (burstFn.equals(MemorySegment.NULL) || queueData.equals(MemorySegment.NULL)) {
            throw new DpdkException("rte_eth_fp_ops[" + portId + "]",
                    direction + " burst function or queue not set: start the port first");
        }
        return new FastPathEntry(burstFn, queueData, callbackSlot);
    }

    /** The queue's callback list, or 0 when none is installed (the usual case). */
    long callbacks() {
        return Mbufs.NATIVE.get(ValueLayout.JAVA_LONG, callbackSlot);
    }
}
