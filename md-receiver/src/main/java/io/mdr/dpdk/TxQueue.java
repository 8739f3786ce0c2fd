package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;

import java.lang.foreign.MemorySegment;

/**
 * The transmit fast path of one queue: {@code rte_eth_tx_burst} (static inline in DPDK) through the PMD's
 * function pointer in {@code rte_eth_fp_ops[port]}. Same lifetime rule as {@link RxQueue}.
 */
public final class TxQueue {
    private final short portId;
    private final short queueId;
    private final MemorySegment burstFn;
    private final MemorySegment queueData;
    private final FastPathEntry entry;

    TxQueue(short portId, short queueId) {
        this.portId = portId;
        this.queueId = queueId;
        this.entry = FastPathEntry.tx(portId, queueId);
        this.burstFn = entry.burstFn();
        this.queueData = entry.queueData();
    }

    /**
     * Hands up to {@code count} mbufs to the NIC. The PMD frees those it sent; the caller keeps the rest
     * ({@code mbufs[sent..count)}) and must retry or free them.
     *
     * @return the number the PMD accepted
     */
    public int txBurst(MemorySegment mbufs, int count) {
        int n = count;
        long callbacks = entry.callbacks();
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
