package io.mdr.replay.tx;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The share of packets the sender sent late enough to be part of a catch-up burst rather than of the paced stream. */
class LateShareTest {
    @Test
    void countsOnlyThePacketsLaterThanTheThreshold() {
        Histogram h = new Histogram(60_000_000_000L, 3);
        h.recordValueWithCount(30, 900);          // on time: 0.03 us late
        h.recordValueWithCount(10_000, 50);       // exactly at the threshold: not late
        h.recordValueWithCount(10_100, 25);       // just past it
        h.recordValueWithCount(2_500_000, 25);    // behind a 2.5 ms preemption
        assertEquals(5.0, ReplayMain.lateShare(h, ReplayMain.LATE_NANOS), 1e-9);
    }

    @Test
    void nothingRecordedIsNothingLate() {
        assertEquals(0.0, ReplayMain.lateShare(new Histogram(60_000_000_000L, 3), ReplayMain.LATE_NANOS), 0.0);
    }

    @Test
    void everyPacketLateIsAHundredPercent() {
        Histogram h = new Histogram(60_000_000_000L, 3);
        h.recordValueWithCount(280_000, 1_000);   // the median packet 280 us late: a sender that cannot keep up
        assertEquals(100.0, ReplayMain.lateShare(h, ReplayMain.LATE_NANOS), 1e-9);
    }
}
