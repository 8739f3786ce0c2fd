package io.mdr.receiver;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Converts this host's monotonic clock to nanoseconds since midnight, the unit of ITCH timestamps, so the
 * receiver can measure exchange-to-handler latency when md-replay restamps messages with its send time.
 * Both tools use this class with the same zone, so on one host the comparison is exact up to the clocks'
 * skew between processes (none: both read CLOCK_MONOTONIC and CLOCK_REALTIME).
 */
public final class ExchangeClock {
    private final boolean enabled;
    private final long offsetNanos;

    private ExchangeClock(boolean enabled, long offsetNanos) {
        this.enabled = enabled;
        this.offsetNanos = offsetNanos;
    }

    /** Off: exchange-to-handler latency is not recorded. */
    public static ExchangeClock disabled() {
        return new ExchangeClock(false, 0);
    }

    /** Midnight of today in {@code zone}, mapped onto {@code System.nanoTime()}. */
    public static ExchangeClock since(ZoneId zone) {
        // CLOCK_REALTIME to the nanosecond (Instant.now), read between two CLOCK_MONOTONIC reads; the tightest of
        // a few tries bounds the error of the mapping, so two processes agree to well under a microsecond.
        long bestWindow = Long.MAX_VALUE;
        long offset = 0;
        Instant midnight = ZonedDateTime.of(LocalDate.now(zone).atStartOfDay(), zone).toInstant();
        for (int i = 0; i < 64; i++) {
            long before = System.nanoTime();
            Instant wall = Instant.now();
            long after = System.nanoTime();
            if (after - before < bestWindow) {
                bestWindow = after - before;
                long sinceMidnight = (wall.getEpochSecond() - midnight.getEpochSecond()) * 1_000_000_000L + wall.getNano();
                offset = sinceMidnight - (before + (after - before) / 2);
            }
        }
        return new ExchangeClock(true, offset);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Nanoseconds since midnight for a {@code System.nanoTime()} reading. */
    public long nanosSinceMidnight(long monotonicNanos) {
        return monotonicNanos + offsetNanos;
    }
}
