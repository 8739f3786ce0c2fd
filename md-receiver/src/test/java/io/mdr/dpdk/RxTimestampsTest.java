package io.mdr.dpdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-packet choice between a packet's NIC timestamp and the burst time, on mbuf-shaped memory filled here
 * (no EAL): the flag decides, the field is read at the registered offset, the mapping applies, and a mapped time
 * after the burst or an unmappable clock falls back to the burst time. Nothing is allocated per packet.
 */
class RxTimestampsTest {
    /** Where a PMD might have registered the field (the real offset is looked up at run time; see the EAL test). */
    private static final long FIELD_OFFSET = 120;
    private static final int FLAG_BIT = 40;
    private static final long FLAG = 1L << FLAG_BIT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private final Arena arena = Arena.ofConfined();
    private final long mbuf = arena.allocate(256, 64).address();
    private final SyntheticClocks clocks = new SyntheticClocks(1_000_000_000L, 1.0, 5_000_000_000_000L, 20, 300);
    private final NicClock clock = NicClock.calibrate(clocks.tickSource(), clocks::hostNanos, clocks::advance);
    private final RxTimestamps nic = RxTimestamps.fromNic(FIELD_OFFSET, FLAG, clock);

    @AfterEach
    void close() {
        arena.close();
    }

    private void stamp(long ticks, long olFlags) {
        Mbufs.NATIVE.set(LONG, mbuf + FIELD_OFFSET, ticks);
        Mbufs.NATIVE.set(LONG, mbuf + Mbufs.OL_FLAGS, olFlags);
    }

    @Test
    void aStampedPacketGetsItsNicTimeOnTheHostClock() {
        long arrived = clocks.now() - 3_000;
        stamp(clocks.ticksAt(arrived), FLAG | 1L << 3);
        long burst = clocks.now();

        assertTrue(nic.stamped(mbuf));
        assertEquals(clocks.ticksAt(arrived), nic.nicTicks(mbuf));
        assertEquals(arrived, nic.rxNanos(mbuf, burst), 2);
        assertTrue(nic.nic());
        assertNull(nic.burstReason());
        assertEquals("NIC (1.000 GHz clock)", nic.description());
        assertEquals("rx timestamps: NIC (1.000 GHz clock)", nic.toString());
    }

    @Test
    void aPacketWithoutTheFlagGetsTheBurstTime() {
        stamp(clocks.ticksAt(clocks.now() - 3_000), ~FLAG);

        assertFalse(nic.stamped(mbuf));
        assertEquals(clocks.now(), nic.rxNanos(mbuf, clocks.now()));
    }

    @Test
    void burstTimeIgnoresWhatThePmdWrote() {
        RxTimestamps burst = RxTimestamps.burstTime("port offers no timestamp offload");
        stamp(clocks.ticksAt(clocks.now() - 3_000), -1L);

        assertFalse(burst.stamped(mbuf));
        assertEquals(777, burst.rxNanos(mbuf, 777));
        burst.maintain(clocks.now()); // nothing to maintain
        assertFalse(burst.nic());
        assertNull(burst.clock());
        assertEquals("port offers no timestamp offload", burst.burstReason());
        assertEquals("rx_burst time (port offers no timestamp offload)", burst.description());
    }

    @Test
    void aMappedTimeAfterTheBurstIsCutToTheBurst() {
        long burst = clocks.now();
        stamp(clocks.ticksAt(burst + 5_000), FLAG);

        assertEquals(burst, nic.rxNanos(mbuf, burst));
    }

    @Test
    void anUnmappableClockFallsBackToTheBurstTime() {
        clocks.failWith(-5);
        for (int i = 0; i < 11_000; i++) {
            clocks.advance(1_000_000);
            nic.maintain(clocks.now());
        }
        long arrived = clocks.now() - 3_000;
        stamp(clocks.ticksAt(arrived), FLAG);

        assertFalse(clock.mappable());
        assertEquals(clocks.now(), nic.rxNanos(mbuf, clocks.now()));

        clocks.failWith(0);
        clocks.advance(1_000_000_000);
        nic.maintain(clocks.now());
        assertTrue(clock.mappable());
        assertEquals(arrived, nic.rxNanos(mbuf, clocks.now()), 2);
    }

    @Test
    void fieldAndFlagMustBeReal() {
        assertThrows(IllegalArgumentException.class, () -> RxTimestamps.fromNic(-1, FLAG, clock));
        assertThrows(IllegalArgumentException.class, () -> RxTimestamps.fromNic(FIELD_OFFSET, 0, clock));
        assertThrows(IllegalArgumentException.class, () -> RxTimestamps.fromNic(FIELD_OFFSET, 3, clock));
    }

    @Test
    void thePerPacketPathAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long burst = clocks.now();
        stamp(clocks.ticksAt(burst - 3_000), FLAG);
        long sum = 0;
        // Several calls, so that the loop is compiled normally, not only on-stack-replaced, before measuring.
        for (int chunk = 0; chunk < 20; chunk++) {
            sum += packets(burst, 20_000);
        }
        threads.getCurrentThreadAllocatedBytes();
        long before = threads.getCurrentThreadAllocatedBytes();
        sum += packets(burst, 1_000_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // The meter's own noise is a few hundred bytes at most; one object per packet would be 16 MB.
        assertTrue(allocated < 1024, allocated + " bytes allocated over 1M packets (sum " + sum + ")");
    }

    /** What the polling loop does per burst (maintain) and per packet (rxNanos), {@code count} times. */
    private long packets(long burst, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            nic.maintain(burst);
            sum += nic.rxNanos(mbuf, burst + i);
        }
        return sum;
    }
}
