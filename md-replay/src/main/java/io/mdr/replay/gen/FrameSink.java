package io.mdr.replay.gen;

import org.agrona.DirectBuffer;

import java.io.IOException;

/**
 * Where a generated line's frames go, in time order: a pcap file, a merge of both lines, a test's list. The frame
 * is only valid during the call.
 */
@FunctionalInterface
public interface FrameSink {
    /**
     * Takes one Ethernet frame.
     *
     * @param timestampNanos when the frame is on the wire, Unix time in nanoseconds; never less than the previous
     *                       frame's on the same line
     */
    void onFrame(long timestampNanos, DirectBuffer frame, int offset, int length) throws IOException;
}
