package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A port's device clock, read with {@code rte_eth_read_clock}: the clock the PMD stamps received packets with
 * when the rx timestamp offload is on. In DPDK 22.11 only the mlx5 and cnxk PMDs implement it; every other port
 * (net_pcap, memif, ...) answers -ENOTSUP.
 *
 * <p>The out-parameter is allocated once, so a read allocates nothing; a read may come from any thread (the
 * polling thread re-anchors with it).
 */
public final class PortClock implements NicClock.TickSource {
    private static final int ERANGE = 34;

    private final short portId;
    private final MemorySegment clock = Arena.ofAuto().allocate(ValueLayout.JAVA_LONG);

    public PortClock(int portId) {
        this.portId = (short) portId;
    }

    /**
     * @return the raw clock, or a negative errno: DPDK's own (-ENOTSUP: the PMD has no {@code read_clock};
     *         -ENODEV; -EIO: mlx5 lost its clock queue's sync), a positive code some PMDs pass through
     *         {@code rte_eth_read_clock} negated, or -ERANGE for a reading of 2^63 ticks or more (a 1 GHz counter gets
     *         there after 292 years; anything that large is not a tick count this class can map)
     */
    @Override
    public long readTicks() {
        int rc = Dpdk.rte_eth_read_clock(portId, clock);
        if (rc != 0) {
            return -Math.abs((long) rc);
        }
        long ticks = clock.get(ValueLayout.JAVA_LONG, 0);
        return ticks < 0 ? -ERANGE : ticks;
    }

    /** @return e.g. {@code rte_eth_read_clock returned -ENOTSUP: Operation not supported} */
    @Override
    public String describeFailure(long result) {
        int errno = (int) Math.abs(result);
        return "rte_eth_read_clock returned " + errnoName(errno) + ": " + RteErrors.strerror(errno);
    }

    private static String errnoName(int errno) {
        return switch (errno) {
            case 95 -> "-ENOTSUP";
            case 19 -> "-ENODEV";
            case 5 -> "-EIO";
            case 22 -> "-EINVAL";
            case ERANGE -> "-ERANGE";
            default -> "-" + errno;
        };
    }
}
