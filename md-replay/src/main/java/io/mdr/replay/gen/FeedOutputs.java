package io.mdr.replay.gen;

import java.nio.file.Path;

/**
 * The pcap files a {@link FeedPcapWriter} writes; any may be null, not all.
 *
 * @param lineA  line A alone, or null
 * @param lineB  line B alone, or null
 * @param merged both lines interleaved in time order, as one port that receives both groups sees them, or null
 */
public record FeedOutputs(Path lineA, Path lineB, Path merged) {

    public FeedOutputs {
        if (lineA == null && lineB == null && merged == null) {
            throw new IllegalArgumentException("no output: give line A, line B or a merged file");
        }
        if (same(lineA, lineB) || same(lineA, merged) || same(lineB, merged)) {
            throw new IllegalArgumentException("two outputs name the same file: " + lineA + ", " + lineB + ", " + merged);
        }
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
