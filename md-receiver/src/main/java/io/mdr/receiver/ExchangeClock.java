package io.mdr.receiver;

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
        long wallNanos = System.currentTimeMillis() * 1_000_000L;
        long monotonic = System.nanoTime();
        long midnight = ZonedDateTime.of(LocalDate.now(zone).atStartOfDay(), zone).toInstant().toEpochMilli() * 1_000_000L;
        return new ExchangeClock(true, (wallNanos - midnight) - monotonic);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Nanoseconds since midnight for a {@code System.nanoTime()} reading. */
    public long nanosSinceMidnight(long monotonicNanos) {
        return monotonicNanos + offsetNanos;
    }
}
