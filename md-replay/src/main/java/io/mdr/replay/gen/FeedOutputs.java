package io.mdr.replay.gen;

import java.nio.file.Path;

/**
 * The pcap files a {@link FeedPcapWriter} writes; any may be null, not all.
 *
 * @param lineA  line A alone, or null
 * @param lineB  line B alone, or null
 * @param merged both lines interleaved in time order, as one port that receives both groups sees them, or null
 * @param full   every packet of line A with no impairment, what the exchange's retransmission server holds
 *               ({@code md-request-server} serves it), or null
 */
public record FeedOutputs(Path lineA, Path lineB, Path merged, Path full) {

    public FeedOutputs {
        if (lineA == null && lineB == null && merged == null && full == null) {
            throw new IllegalArgumentException("no output: give line A, line B, a merged file or the full session");
        }
        if (same(lineA, lineB) || same(lineA, merged) || same(lineB, merged)
                || same(full, lineA) || same(full, lineB) || same(full, merged)) {
            throw new IllegalArgumentException("two outputs name the same file: " + lineA + ", " + lineB + ", " + merged
                    + ", " + full);
        }
    }

    public FeedOutputs(Path lineA, Path lineB, Path merged) {
        this(lineA, lineB, merged, null);
    }

    /** The same outputs, plus the unimpaired session of line A in {@code file}. */
    public FeedOutputs withFull(Path file) {
        return new FeedOutputs(lineA, lineB, merged, file);
    }

    /** One file per line. */
    public static FeedOutputs lines(Path lineA, Path lineB) {
        return new FeedOutputs(lineA, lineB, null);
    }

    /** One file with both lines. */
    public static FeedOutputs merged(Path merged) {
        return new FeedOutputs(null, null, merged);
    }

    private static boolean same(Path one, Path other) {
        return one != null && other != null && one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
    }
}
