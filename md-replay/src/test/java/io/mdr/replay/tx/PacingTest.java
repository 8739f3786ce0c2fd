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

    @Test
    void burstsSendTheirPacketsAtOnceEveryPeriod() {
        Pacing bursts = Pacing.parseBursts("64/200");
        assertEquals(Pacing.Mode.BURSTS, bursts.mode());
        assertEquals(0, bursts.dueNanos(0, 123, 0));
        assertEquals(0, bursts.dueNanos(63, 456, 0), "the 64th packet goes with the first");
        assertEquals(200_000, bursts.dueNanos(64, 0, 0));
        assertEquals(400_000, bursts.dueNanos(191, 0, 0));
        assertEquals(320_000.0, bursts.meanPps(), 1e-6);
        assertEquals("bursts of 64 packets every 200.0 us (320000 pps)", bursts.toString());
        assertEquals(2_500_000, Pacing.parseBursts("10/2500.5").periodNanos() - 500);
    }

    @Test
    void aMalformedBurstPatternNamesTheFlagAndTheForm() {
        for (String bad : new String[] {"64", "64/", "/200", "0/200", "64/0", "x/200", "64/-1"}) {
            assertEquals("--bursts " + bad + ": expected PACKETS/MICROSECONDS, e.g. 64/200",
                    assertThrows(IllegalArgumentException.class, () -> Pacing.parseBursts(bad)).getMessage(), bad);
        }
    }
}
