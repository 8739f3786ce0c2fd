package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;
import io.mdr.dpdk.ffi.eth_rx_burst_t;
import io.mdr.dpdk.ffi.eth_tx_burst_t;
import io.mdr.dpdk.ffi.rte_mempool_dequeue_t;

import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles for the per-burst calls, built once from the generated descriptors.
 *
 * <p>jextract cannot add {@link Linker.Option#critical}; these calls are short, never block and never call
 * back into Java, so they skip the thread-state transition (measured a little faster on this path). The
 * function-pointer handles take the target address as their first argument, so one static handle serves
 * every port and pool.
 */
final class HotCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    /** {@code uint16_t (*rx_pkt_burst)(void *rxq, struct rte_mbuf **pkts, uint16_t n)}. */
    static final MethodHandle RX_BURST = LINKER.downcallHandle(eth_rx_burst_t.descriptor(), CRITICAL);

    /** {@code uint16_t (*tx_pkt_burst)(void *txq, struct rte_mbuf **pkts, uint16_t n)}. */
    static final MethodHandle TX_BURST = LINKER.downcallHandle(eth_tx_burst_t.descriptor(), CRITICAL);

    /** {@code int (*dequeue)(struct rte_mempool *mp, void **obj_table, unsigned int n)}. */
    static final MethodHandle MEMPOOL_DEQUEUE = LINKER.downcallHandle(rte_mempool_dequeue_t.descriptor(), CRITICAL);

    /** {@code void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count)}. */
    static final MethodHandle FREE_BULK = LINKER.downcallHandle(
            Dpdk.rte_pktmbuf_free_bulk$address(), Dpdk.rte_pktmbuf_free_bulk$descriptor(), CRITICAL);

    private HotCalls() {
    }

    static void freeBulk(MemorySegment mbufs, int count) {
        try {
            FREE_BULK.invokeExact(mbufs, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
