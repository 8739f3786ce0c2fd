package io.mdr.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;

import static io.mdr.config.ConfigKeys.*;

/**
 * Where live figures go: the counters file another process reads, the reporting interval, the latency log.
 *
 * @param intervalMs   milliseconds between two reports, 100..3600000.
 * @param countersFile the memory-mapped counters file.
 * @param histogramLog the HdrHistogram log to append interval histograms to, or null for none.
 * @param exchangeToHandler whether exchange-to-handler latency is recorded from the messages' ITCH timestamps.
 * @param exchangeZone the time zone whose midnight the ITCH timestamps count from.
 */
public record StatsConfig(long intervalMs, Path countersFile, Path histogramLog, boolean exchangeToHandler, ZoneId exchangeZone)
{
    /** Exchange-to-handler latency off, {@link ConfigKeys#LATENCY_EXCHANGE_ZONE_DEFAULT} as its zone. */
    public StatsConfig(final long intervalMs, final Path countersFile, final Path histogramLog)
    {
        this(intervalMs, countersFile, histogramLog, LATENCY_EXCHANGE_TO_HANDLER_DEFAULT,
            ZoneId.of(LATENCY_EXCHANGE_ZONE_DEFAULT));
    }

    /**
     * @throws ConfigException if the interval is out of range or the counters file or histogram log is an empty path.
     */
    public StatsConfig
    {
        Objects.requireNonNull(exchangeZone, "exchangeZone");
        final Problems problems = new Problems();
        Rules.STATS_INTERVAL.check(intervalMs, problems);
        Rules.checkPath(STATS_COUNTERS_FILE, countersFile, problems);
        if (histogramLog != null)
        {
            Rules.checkPath(LATENCY_HISTOGRAM_LOG, histogramLog, problems);
        }
        problems.throwIfAny("StatsConfig");
    }

    /** @return whether latency histograms are logged. */
    public boolean hasHistogramLog()
    {
        return histogramLog != null;
    }
}
