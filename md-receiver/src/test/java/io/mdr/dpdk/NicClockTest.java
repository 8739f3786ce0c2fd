package io.mdr.dpdk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NIC-clock → host-clock mapping against synthetic clocks whose truth is known: rate and offset from the
 * calibration, re-anchoring at most once a second, drift followed, failing, slow and stepping clock reads survived.
 */
class NicClockTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** A 156.25 MHz clock (6.4 ns a tick, a common PTP hardware clock) far from zero; realistic read costs. */
    private static SyntheticClocks ptpClock() {
        return new SyntheticClocks(5 * S, 0.15625, 987_654_321_000L, 20, 300);
    }

    private static NicClock calibrate(SyntheticClocks clocks) {
        return NicClock.calibrate(clocks.tickSource(), clocks::hostNanos, clocks::advance);
    }

    /** |mapped - true| for a packet the NIC stamped at host time {@code h}. */
    private static long error(NicClock clock, SyntheticClocks clocks, long h) {
        return Math.abs(clock.toHostNanos(clocks.ticksAt(h)) - h);
    }

    @Test
    void calibrationFindsTheRateAndTheOffset() {
        SyntheticClocks clocks = ptpClock();
        long start = clocks.now();

        NicClock clock = calibrate(clocks);

        assertTrue(clocks.now() - start >= NicClock.CALIBRATION_NANOS, "waited the calibration interval");
        assertEquals(6.4, clock.nanosPerTick(), 6.4e-6, "ns per tick");
        assertEquals(156.25e6, clock.calibratedHz(), 156.25e6 * 1e-6);
        assertEquals("156.250 MHz", clock.describeFrequency());
        assertTrue(clock.mappable());
        long now = clocks.now();
        for (long h : new long[] {start, now - 50 * MS, now - 1000, now, now + 200 * MS}) {
            // whole ticks only (6.4 ns each): the packet's, the anchor's, and the rate's over 100 ms and 200 ms more
            assertTrue(error(clock, clocks, h) <= 32, "packet at " + (h - now) + " ns from now: off by " + error(clock, clocks, h));
        }
    }

    @Test
    void aGigahertzClockDescribesItself() {
        SyntheticClocks clocks = new SyntheticClocks(0, 1.0, 42, 20, 300);
        NicClock clock = calibrate(clocks);

        assertEquals(1.0, clock.nanosPerTick(), 1e-9);
        assertEquals("1.000 GHz", clock.describeFrequency());
        assertEquals(clocks.now() - 1234, clock.toHostNanos(clocks.ticksAt(clocks.now() - 1234)), 1);
    }

    @Test
    void maintainReadsTheClockAtMostOnceASecond() {
        SyntheticClocks clocks = ptpClock();
        NicClock clock = calibrate(clocks);
        long readsAfterCalibration = clocks.tickReads();
        assertEquals(2L * NicClock.CALIBRATION_TRIES, readsAfterCalibration);

        for (int i = 0; i < 10_050; i++) { // 10.05 s of 1 ms polls
            clocks.advance(MS);
            clock.maintain(clocks.now());
        }

        assertEquals(10, clocks.tickReads() - readsAfterCalibration);
        long anchoredAt = clock.anchorNanos();
        assertTrue(clocks.now() - anchoredAt < S, "the anchor is less than a second old");
        assertEquals(clocks.ticksAt(anchoredAt), clock.anchorTicks(), 1);
    }

    @Test
    void reanchoringFollowsDriftThatCalibrationCouldNotSee() {
        SyntheticClocks clocks = new SyntheticClocks(S, 1.0, 7_000_000_000_000L, 20, 300);
        NicClock frozen = calibrate(clocks);
        NicClock clock = calibrate(clocks);
        clocks.changeRate(1.0 + 50e-6); // the NIC's oscillator warms up: 50 ppm fast from now on

        long worst = 0;
        long worstLate = 0;
        long changedAt = clocks.now();
        while (clocks.now() - changedAt < 100 * S) {
            clocks.advance(MS);
            clock.maintain(clocks.now());
            long packetAt = clocks.now() - 2000; // stamped 2 µs ago
            long e = error(clock, clocks, packetAt);
            worst = Math.max(worst, e);
            if (clocks.now() - changedAt > 70 * S) {
                worstLate = Math.max(worstLate, e);
            }
        }

        // Without re-anchoring the error grows with time: 50 ppm of 100 s.
        long unmaintained = error(frozen, clocks, clocks.now());
        assertTrue(unmaintained > 4_900_000, "without re-anchoring: " + unmaintained + " ns");
        // Re-anchored every second: at most 50 ppm of one second while the rate catches up...
        assertTrue(worst <= 52_000, "worst error " + worst + " ns");
        // ...and once the rate baseline lies wholly after the change, a tick or two.
        assertTrue(worstLate <= 3, "error after 70 s: " + worstLate + " ns");
        assertEquals(1 / (1.0 + 50e-6), clock.nanosPerTick(), 1e-9);
        assertEquals(0, clock.failedReads() + clock.slowReads() + clock.clockSteps());
    }

    @Test
    void aFailingReadKeepsTheMappingUntilItIsTooOldThenRecovers() {
        SyntheticClocks clocks = ptpClock();
        NicClock clock = calibrate(clocks);
        for (int i = 0; i < 3000; i++) {
            clocks.advance(MS);
            clock.maintain(clocks.now());
        }
        long anchor = clock.anchorNanos();

        clocks.failWith(-5); // mlx5: -EIO, clock queue sync lost
        while (clocks.now() - anchor < NicClock.MAX_ANCHOR_AGE_NANOS - 50 * MS) {
            clocks.advance(MS);
            clock.maintain(clocks.now());
            assertTrue(clock.mappable());
        }
        assertEquals(anchor, clock.anchorNanos(), "a failed read does not move the anchor");
        assertEquals(9, clock.failedReads());
        assertEquals(-5, clock.lastFailure());
        // ticks of 6.4 ns: the packet's and the anchor's, and the rate's (two ticks over 3 s) carried over 10 s
        assertTrue(error(clock, clocks, clocks.now()) <= 64, "the old mapping still holds for a clock that did not drift");

        for (int i = 0; i < 1100; i++) {
            clocks.advance(MS);
            clock.maintain(clocks.now());
        }
        assertFalse(clock.mappable(), "no good read for over " + NicClock.MAX_ANCHOR_AGE_NANOS + " ns");

        clocks.failWith(0);
        for (int i = 0; i < 1000; i++) {
            clocks.advance(MS);
            clock.maintain(clocks.now());
        }
        assertTrue(clock.mappable());
        assertTrue(clock.anchorNanos() > anchor);
        assertTrue(error(clock, clocks, clocks.now()) <= 16);
    }

    @Test
    void aReadSlowedByPreemptionIsIgnored() {
        SyntheticClocks clocks = ptpClock();
        NicClock clock = calibrate(clocks);
        assertEquals(NicClock.MIN_BRACKET_LIMIT_NANOS, clock.maxBracketNanos());
        long anchor = clock.anchorNanos();

        clocks.tickReadNanos(2 * MS); // the thread lost its CPU between the two host reads
        clocks.advance(S);
        clock.maintain(clocks.now());

        assertEquals(1, clock.slowReads());
        assertEquals(anchor, clock.anchorNanos());
        assertTrue(clock.mappable());
    }

    @Test
    void aStepOfTheNicClockIsNotTakenForARate() {
        SyntheticClocks clocks = new SyntheticClocks(0, 1.0, 1_000, 20, 300);
        NicClock clock = calibrate(clocks);
        for (int i = 0; i < 5000; i++) {
            clocks.advance(MS);
            clock.maintain(clocks.now());
        }

        clocks.step(S); // e.g. the NIC clock is set: one second forward
        for (int i = 0; i < 1000; i++) {
            clocks.advance(MS);
            clock.maintain(clocks.now());
        }

        assertEquals(1, clock.clockSteps());
        assertEquals(1.0, clock.nanosPerTick(), 1e-6, "the rate survived the step");
        assertTrue(error(clock, clocks, clocks.now()) <= 2, "mapped from the new anchor");
        for (int i = 0; i < 3000; i++) {
            clocks.advance(MS);
            clock.maintain(clocks.now());
        }
        assertEquals(1, clock.clockSteps(), "the baseline restarted after the step");
        assertEquals(1.0, clock.nanosPerTick(), 1e-6);
    }

    @Test
    void calibrationSaysWhyWhenTheClockCannotBeRead() {
        SyntheticClocks clocks = ptpClock();
        clocks.failWith(-95);
        NicClock.TickSource source = new NicClock.TickSource() {
            @Override
            public long readTicks() {
                return clocks.readTicks();
            }

            @Override
            public String describeFailure(long result) {
                return "rte_eth_read_clock returned " + result;
            }
        };

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NicClock.calibrate(source, clocks::hostNanos, clocks::advance));
        assertEquals("rte_eth_read_clock returned -95", e.getMessage());
    }

    @Test
    void calibrationRefusesAClockThatDoesNotAdvance() {
        SyntheticClocks clocks = new SyntheticClocks(0, 0.0, 77, 20, 300);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> calibrate(clocks));
        assertTrue(e.getMessage().startsWith("the NIC clock did not advance: 77 then 77 ticks"), e.getMessage());
    }
}
