package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A packet's rx timestamp on the host's {@code System.nanoTime()} clock: the NIC's hardware timestamp when the port
 * gives one, otherwise the time {@code rx_burst} returned.
 *
 * <p>With the rx timestamp offload on, a PMD writes its device clock into the mbuf's dynamic field
 * {@value #TIMESTAMP_FIELD_NAME} and sets the dynamic flag {@value #RX_TIMESTAMP_FLAG_NAME} in {@code ol_flags}
 * (rte_mbuf_dyn.h). Both are registered at run time, so their offset and bit are looked up once the port has
 * started, and the per-packet read is two loads at absolute addresses through {@link Mbufs#NATIVE}. The ticks are
 * mapped onto the host clock by a {@link NicClock}; a packet without the flag keeps the burst time.
 *
 * <p>{@link #rxNanos} and {@link #maintain} run on the polling thread; neither allocates, locks or logs.
 */
public final class RxTimestamps {
    /** RTE_MBUF_DYNFIELD_TIMESTAMP_NAME: the dynamic mbuf field (a {@code uint64_t}) holding the rx timestamp. */
    public static final String TIMESTAMP_FIELD_NAME = "rte_dynfield_timestamp";
    /** RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME: the {@code ol_flags} bit saying the PMD filled that field. */
    public static final String RX_TIMESTAMP_FLAG_NAME = "rte_dynflag_rx_timestamp";

    private static final ValueLayout.OfLong TIMESTAMP = ValueLayout.JAVA_LONG_UNALIGNED;

    /** 0 when NIC timestamps are not in effect: no packet then passes the flag test. */
    private final long flagMask;
    private final long fieldOffset;
    private final NicClock clock;
    private final String description;
    private final String burstReason;

    private RxTimestamps(long flagMask, long fieldOffset, NicClock clock, String description, String burstReason) {
        this.flagMask = flagMask;
        this.fieldOffset = fieldOffset;
        this.clock = clock;
        this.description = description;
        this.burstReason = burstReason;
    }

    /** Every packet gets the time {@code rx_burst} returned; {@code reason} says why (shown at start-up). */
    public static RxTimestamps burstTime(String reason) {
        return new RxTimestamps(0, 0, null, "rx_burst time (" + reason + ")", reason);
    }

    /**
     * NIC timestamps read from a field and flag already looked up, mapped by {@code clock}.
     *
     * @param fieldOffset offset of {@value #TIMESTAMP_FIELD_NAME} in the mbuf
     * @param flagMask    {@code 1L << bit} of {@value #RX_TIMESTAMP_FLAG_NAME}
     */
    public static RxTimestamps fromNic(long fieldOffset, long flagMask, NicClock clock) {
        if (fieldOffset <= 0 || Long.bitCount(flagMask) != 1) {
            throw new IllegalArgumentException("field offset " + fieldOffset + ", flag mask 0x" + Long.toHexString(flagMask));
        }
        return new RxTimestamps(flagMask, fieldOffset, clock, "NIC (" + clock.describeFrequency() + " clock)", null);
    }

    /**
     * NIC timestamps if the started {@code port} can give them, else the rx_burst time with every reason it
     * cannot: the offload not offered or not enabled, the dynamic field or flag not registered,
     * {@code rte_eth_read_clock} failing, the calibration failing. Blocks about 100 ms to calibrate.
     */
    public static RxTimestamps preferNic(EthPort port) {
        return preferNic(port, new PortClock(port.portId()), System::nanoTime, RxTimestamps::sleepNanos);
    }

    static RxTimestamps preferNic(EthPort port, NicClock.TickSource ticks, LongSupplier hostNanos, LongConsumer pause) {
        List<String> missing = new ArrayList<>();
        int field = -1;
        int bit = -1;
        if (!port.rxTimestampEnabled()) {
            missing.add(port.rxTimestampOffered() ? "the timestamp offload was not enabled"
                    : "port offers no timestamp offload: no RTE_ETH_RX_OFFLOAD_TIMESTAMP in its rx_offload_capa");
        } else {
            field = timestampFieldOffset();
            bit = rxTimestampFlagBit();
            if (field < 0) {
                missing.add("the PMD registered no " + TIMESTAMP_FIELD_NAME + " mbuf field");
            }
            if (bit < 0) {
                missing.add("the PMD registered no " + RX_TIMESTAMP_FLAG_NAME + " mbuf flag");
            }
        }
        long probe = ticks.readTicks();
        if (probe < 0) {
            missing.add(ticks.describeFailure(probe));
        }
        if (!missing.isEmpty()) {
            return burstTime(String.join("; ", missing));
        }
        try {
            return fromNic(field, 1L << bit, NicClock.calibrate(ticks, hostNanos, pause));
        } catch (IllegalStateException e) {
            return burstTime("calibrating the NIC clock failed: " + e.getMessage());
        }
    }

    /** {@code rte_mbuf_dynfield_lookup(TIMESTAMP_FIELD_NAME, NULL)}: the field's offset, or -1 if not registered. */
    static int timestampFieldOffset() {
        try (Arena arena = Arena.ofConfined()) {
            return Dpdk.rte_mbuf_dynfield_lookup(arena.allocateFrom(TIMESTAMP_FIELD_NAME), MemorySegment.NULL);
        }
    }

    /**
     * {@code rte_mbuf_dynflag_lookup(RX_TIMESTAMP_FLAG_NAME, NULL)}: the flag's bit number (not a mask, whatever
     * rte_mbuf_dyn.h's comment says: rte_mbuf_dyn.c returns {@code bitnum}), or -1 if not registered.
     */
    static int rxTimestampFlagBit() {
        try (Arena arena = Arena.ofConfined()) {
            return Dpdk.rte_mbuf_dynflag_lookup(arena.allocateFrom(RX_TIMESTAMP_FLAG_NAME), MemorySegment.NULL);
        }
    }

    /**
     * The packet's rx time: its NIC timestamp mapped onto the host clock if the PMD stamped it (and the clock is
     * mappable), else {@code burstNanos}. A mapped time later than {@code burstNanos} is mapping error (the NIC
     * stamped the packet before rx_burst handed it over) and is cut to {@code burstNanos}.
     *
     * @param mbuf       the mbuf's address
     * @param burstNanos {@code System.nanoTime()} read when rx_burst returned
     */
    public long rxNanos(long mbuf, long burstNanos) {
        if ((Mbufs.offloadFlags(mbuf) & flagMask) == 0 || !clock.mappable()) {
            return burstNanos;
        }
        return Math.min(clock.toHostNanos(Mbufs.NATIVE.get(TIMESTAMP, mbuf + fieldOffset)), burstNanos);
    }

    /** Re-anchors the NIC clock mapping at most once a second; call once per poll, never per packet. */
    public void maintain(long nowNanos) {
        if (clock != null) {
            clock.maintain(nowNanos);
        }
    }

    /** @return whether the PMD stamped this packet (diagnostics and tests; false unless NIC timestamps are in effect) */
    public boolean stamped(long mbuf) {
        return (Mbufs.offloadFlags(mbuf) & flagMask) != 0;
    }

    /** @return the raw {@value #TIMESTAMP_FIELD_NAME} of a packet, in NIC ticks (meaningful when {@link #stamped}) */
    public long nicTicks(long mbuf) {
        return Mbufs.NATIVE.get(TIMESTAMP, mbuf + fieldOffset);
    }

    /** @return whether packets get NIC timestamps */
    public boolean nic() {
        return clock != null;
    }

    /** @return why packets get the rx_burst time, or null when they get NIC timestamps */
    public String burstReason() {
        return burstReason;
    }

    /** @return the NIC clock mapping, or null with the rx_burst time */
    public NicClock clock() {
        return clock;
    }

    /** @return e.g. {@code NIC (1.000 GHz clock)} or {@code rx_burst time (port offers no timestamp offload ...)} */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "rx timestamps: " + description;
    }

    private static void sleepNanos(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
