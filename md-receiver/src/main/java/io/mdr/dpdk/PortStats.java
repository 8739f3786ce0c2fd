package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;
import io.mdr.dpdk.ffi.rte_eth_stats;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A reusable {@code struct rte_eth_stats}: the port's own counters, including the two that say a packet
 * was lost before software saw it ({@code imissed}: the rx ring was full; {@code rx_nombuf}: the pool was
 * empty).
 */
public final class PortStats {
    private final MemorySegment stats = rte_eth_stats.allocate(Arena.ofAuto());

    void read(short portId) {
        RteErrors.check("rte_eth_stats_get", Dpdk.rte_eth_stats_get(portId, stats));
    }

    /** Packets received. */
    public long ipackets() {
        return rte_eth_stats.ipackets(stats);
    }

    /** Bytes received. */
    public long ibytes() {
        return rte_eth_stats.ibytes(stats);
    }

    /** Packets dropped by the NIC because the rx ring was full. */
    public long imissed() {
        return rte_eth_stats.imissed(stats);
    }

    /** Erroneous received packets. */
    public long ierrors() {
        return rte_eth_stats.ierrors(stats);
    }

    /** Receive allocation failures: the mbuf pool was empty. */
    public long rxNoMbuf() {
        return rte_eth_stats.rx_nombuf(stats);
    }

    /** Packets sent. */
    public long opackets() {
        return rte_eth_stats.opackets(stats);
    }

    /** Bytes sent. */
    public long obytes() {
        return rte_eth_stats.obytes(stats);
    }

    /** Packets that failed to send. */
    public long oerrors() {
        return rte_eth_stats.oerrors(stats);
    }
}
