package io.mdr.replay.tx;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PacingTest {
    @Test
    void originalTimingKeepsTheCapturesGapsDividedByTheSpeed() {
        Pacing twice = Pacing.original(2);
        assertEquals(0, twice.dueNanos(0, 1_000, 1_000));
        assertEquals(5_000, twice.dueNanos(1, 11_000, 1_000));
    }

    @Test
    void aFixedRateIgnoresTimestamps() {
        Pacing rate = Pacing.rate(100_000);
        assertEquals(10_000, rate.dueNanos(1, 0, 0));
        assertEquals(1_000_000_000L, rate.dueNanos(100_000, 7, 0));
    }

    @Test
    void badValuesAreRefusedWithTheFlagsName() {
        assertEquals("--speed must be above 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> Pacing.original(0)).getMessage());
        assertEquals("--pps must be above 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> Pacing.rate(-1)).getMessage());
    }
}
