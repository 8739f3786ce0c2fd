package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;
import io.mdr.dpdk.ffi.rte_eth_fp_ops;
import io.mdr.dpdk.ffi.rte_ethdev_qdata;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The transmit fast path of one queue: {@code rte_eth_tx_burst} (static inline in DPDK) through the PMD's
 * function pointer in {@code rte_eth_fp_ops[port]}. Same lifetime rule as {@link RxQueue}.
 */
public final class TxQueue {
    private final short portId;
    private final short queueId;
    private final MemorySegment burstFn;
    private final MemorySegment queueData;
    private final long callbackSlot;

    TxQueue(short portId, short queueId) {
        this.portId = portId;
        this.queueId = queueId;
        MemorySegment ops = Dpdk.rte_eth_fp_ops(Short.toUnsignedLong(portId));
        MemorySegment txq = rte_eth_fp_ops.txq(ops);
        this.burstFn = rte_eth_fp_ops.tx_pkt_burst(ops);
        this.queueData = rte_ethdev_qdata.data(txq).reinterpret(Long.MAX_VALUE)
                .getAtIndex(ValueLayout.ADDRESS, queueId);
        this.callbackSlot = rte_ethdev_qdata.clbk(txq).address() + (long) queueId * ValueLayout.ADDRESS.byteSize();
        if (burstFn.equals(MemorySegment.NULL) || queueData.equals(MemorySegment.NULL)) {
            throw new DpdkException("rte_eth_fp_ops[" + portId + "]", "tx burst function or queue not set: start the port first");
        }
    }

    /**
     * Hands up to {@code count} mbufs to the NIC. The PMD frees those it sent; the caller keeps the rest
     * ({@code mbufs[sent..count)}) and must retry or free them.
     *
     * @return the number the PMD accepted
     */
    public int txBurst(MemorySegment mbufs, int count) {
        int n = count;
        long callbacks = Mbufs.NATIVE.get(ValueLayout.JAVA_LONG, callbackSlot);
        if (callbacks != 0L) {
            n = Short.toUnsignedInt(Dpdk.rte_eth_call_tx_callbacks(portId, queueId, mbufs, (short) n,
                    MemorySegment.ofAddress(callbacks)));
        }
        try {
            return Short.toUnsignedInt((short) HotCalls.TX_BURST.invokeExact(burstFn, queueData, mbufs, (short) n));
        } catch (Throwable t) {
            throw HotCalls.rethrow(t);
        }
    }

    public int portId() {
        return Short.toUnsignedInt(portId);
    }
}
