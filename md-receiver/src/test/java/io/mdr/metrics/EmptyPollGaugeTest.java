package io.mdr.metrics;

import org.junit.jupiter.api.Test;

import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stats line's gauge of the polling core's speed: the mean time of an empty poll over the interval. */
class EmptyPollGaugeTest {
    @Test
    void theGaugeIsTheTimeNotBusyOverTheEmptyPolls() {
        assertEquals(", empty poll 63 ns", StatsReporter.emptyPoll(1e9, 15_873_016));
        assertEquals(", empty poll 125 ns", StatsReporter.emptyPoll(0.5e9, 4_000_000));
        assertEquals("", StatsReporter.emptyPoll(1e9, 0), "a kernel port that waits counts no empty poll");
        assertEquals("", StatsReporter.emptyPoll(0, 10), "an interval busy throughout");
    }

    @Test
    void eachIntervalLineGaugesItsOwnPolls() {
        ReceiverCounters counters = ReceiverCounters.inMemory();
        try (StatsReporter stats = new StatsReporter(counters, new LatencyRecorders(), null)) {
            stats.intervalLine();
            assertFalse(stats.intervalLine().contains("empty poll"), "no empty poll counted yet");

            counters.emptyPolls.getAndAddRelease(1_000_000);
            LockSupport.parkNanos(200_000_000);
            long first = gauge(stats.intervalLine());
            // 1,000,000 empty polls in an interval of at least 200 ms, none of it busy: at least 200 ns each.
            assertTrue(first >= 200 && first < 2_000, "mean of the interval's empty polls: " + first);

            counters.emptyPolls.getAndAddRelease(10_000_000);
            LockSupport.parkNanos(200_000_000);
            long second = gauge(stats.intervalLine());
            assertTrue(second >= 20 && second < first, "only this interval's polls count: " + second + " after " + first);
        }
    }

    private static long gauge(String line) {
        Matcher m = Pattern.compile(", empty poll ([0-9]+) ns").matcher(line);
        assertTrue(m.find(), line);
        return Long.parseLong(m.group(1));
    }
}
