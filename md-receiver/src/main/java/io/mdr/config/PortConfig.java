package io.mdr.config;

import java.util.List;
import java.util.Objects;

import static io.mdr.config.ConfigKeys.*;

/**
 * The DPDK port and its receive resources.
 *
 * @param device        {@link ConfigKeys#PORT_DEVICE}: a vdev spec ({@code net_...}) or a PCI address, with optional devargs.
 * @param rxRingSize    receive descriptors, a power of two in 64..32768.
 * @param txRingSize    transmit descriptors, a power of two in 64..32768.
 * @param mbufPoolSize  mbufs in the pool, at least {@link #minimumMbufPoolSize(int, int)}.
 * @param mbufCacheSize per-lcore cache of the pool, 0..512 and at most 2/3 of the pool.
 * @param burstSize     packets asked for per {@code rx_pkt_burst}, 1..512.
 * @param promiscuous   whether the port is put in promiscuous mode.
 * @param rxTimestamp   where each packet's rx timestamp comes from: the NIC, the rx_burst time, or the NIC when it can.
 */
public record PortConfig(
    String device,
    int rxRingSize,
    int txRingSize,
    int mbufPoolSize,
    int mbufCacheSize,
    int burstSize,
    boolean promiscuous,
    RxTimestampSource rxTimestamp)
{
    /**
     * @throws ConfigException naming every component that is not accepted, including the pool-size relations.
     */
    public PortConfig
    {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(rxTimestamp, "rxTimestamp");
        final Problems problems = new Problems();
        Rules.checkDevice(PORT_DEVICE, device, problems);
        final boolean sizesAccepted =
            Rules.RX_RING_SIZE.check(rxRingSize, problems) &
            Rules.TX_RING_SIZE.check(txRingSize, problems) &
            Rules.MBUF_POOL_SIZE.check(mbufPoolSize, problems) &
            Rules.MBUF_CACHE_SIZE.check(mbufCacheSize, problems) &
            Rules.BURST_SIZE.check(burstSize, problems);
        if (sizesAccepted)
        {
            checkPoolRelations(rxRingSize, mbufPoolSize, mbufCacheSize, burstSize, problems);
        }
        problems.throwIfAny("PortConfig");
    }

    /**
     * The fewest mbufs that keep the port receiving: a full rx ring, two bursts on their way through the receive
     * loop, and {@link ConfigKeys#MBUF_POOL_HEADROOM} for per-lcore caches and mbufs not yet freed.
     *
     * @param rxRingSize {@link #rxRingSize()}.
     * @param burstSize  {@link #burstSize()}.
     * @return {@code rxRingSize + 2 * burstSize + 512}.
     */
    public static int minimumMbufPoolSize(final int rxRingSize, final int burstSize)
    {
        return rxRingSize + 2 * burstSize + MBUF_POOL_HEADROOM;
    }

    /**
     * The largest cache DPDK accepts for a pool: {@code rte_mempool_create} refuses a cache whose flush threshold,
     * 1.5 x the cache size, exceeds the pool, and any cache above RTE_MEMPOOL_CACHE_MAX_SIZE.
     *
     * @param mbufPoolSize {@link #mbufPoolSize()}.
     * @return the largest accepted {@link #mbufCacheSize()}.
     */
    public static int maximumMbufCacheSize(final int mbufPoolSize)
    {
        return (int)Math.min(MBUF_CACHE_SIZE_MAX, (2L * mbufPoolSize + 1) / 3);
    }

    static void checkPoolRelations(
        final int rxRingSize, final int mbufPoolSize, final int mbufCacheSize, final int burstSize, final Problems problems)
    {
        final int minimumPool = minimumMbufPoolSize(rxRingSize, burstSize);
        if (mbufPoolSize < minimumPool)
        {
            problems.reject(PORT_MBUF_POOL_SIZE, Integer.toString(mbufPoolSize),
                "at least " + PORT_RX_RING_SIZE + " + 2 * " + PORT_BURST_SIZE + " + " + MBUF_POOL_HEADROOM + " = " +
                rxRingSize + " + 2 * " + burstSize + " + " + MBUF_POOL_HEADROOM + " = " + minimumPool +
                " (a full rx ring, two bursts in flight and headroom for caches)");
        }
        final int maximumCache = maximumMbufCacheSize(mbufPoolSize);
        if (mbufCacheSize > maximumCache)
        {
            problems.reject(PORT_MBUF_CACHE_SIZE, Integer.toString(mbufCacheSize),
                "at most " + maximumCache + " with " + PORT_MBUF_POOL_SIZE + " = " + mbufPoolSize +
                " (DPDK refuses a pool smaller than 1.5 x its per-lcore cache)");
        }
    }

    /** @return whether the port is a DPDK virtual device ({@code net_...}) rather than a PCI NIC. */
    public boolean isVirtual()
    {
        return Rules.isVirtualDevice(device);
    }

    /** @return the vdev name before the first comma (e.g. {@code net_memif0}), or the PCI address. */
    public String portName()
    {
        return Rules.deviceName(device);
    }

    /** @return the EAL arguments that make the port exist: {@code --vdev=<spec>} or {@code -a <pci>[,devargs]}. */
    public String ealDeviceArgs()
    {
        return String.join(" ", ealDeviceArgList());
    }

    /** @return {@link #ealDeviceArgs()} as separate argv entries, safe to hand to {@code rte_eal_init} as they are. */
    public List<String> ealDeviceArgList()
    {
        return isVirtual() ? List.of("--vdev=" + device) : List.of("-a", device);
    }
}
