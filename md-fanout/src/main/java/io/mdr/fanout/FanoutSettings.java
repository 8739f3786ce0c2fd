package io.mdr.fanout;

import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;

/**
 * What {@code md-fanout} was asked to do.
 *
 * @param queue              the journal
 * @param channel            the channel as given (the position file is named after it)
 * @param publicationChannel the channel published on: {@code channel} with the flow control applied
 * @param streamId           the Aeron stream id
 * @param fromStart          start at the journal's first record (when no position was saved)
 * @param archiveDir         the archive's directory, or null for none
 * @param archiveControl     the archive's control channel
 * @param aeronDir           an external media driver's directory, or null to embed one
 * @param exitWhenIdleNanos  exit after this long with nothing new (0: never)
 * @param positionFile       where the position to resume from is kept
 * @param countersFile       the live counters for md-stat
 * @param idle               the publishing loop's idle strategy
 * @param statsIntervalMs    the stats line's interval (0: none)
 */
public record FanoutSettings(Path queue, String channel, String publicationChannel, int streamId, boolean fromStart,
                             Path archiveDir, String archiveControl, Path aeronDir, long exitWhenIdleNanos,
                             Path positionFile, Path countersFile, IdleStrategy idle, int statsIntervalMs) {
}
