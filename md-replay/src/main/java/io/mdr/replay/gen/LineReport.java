package io.mdr.replay.gen;

import java.util.List;

/**
 * What one line of a generated feed carried, after impairments.
 *
 * @param name                "A" or "B"
 * @param group               destination of the line
 * @param framesWritten       frames in the line's output: data packets, duplicates and the end-of-session packet
 * @param packetsSent         distinct data packets sent at least once
 * @param messagesSent        messages in those packets
 * @param packetsDropped      data packets lost on this line
 * @param messagesDropped     messages in those packets
 * @param duplicates          packets sent a second time
 * @param reorders            packets sent after the packet that followed them
 * @param lost                sequence ranges missing from this line, adjacent losses merged
 * @param duplicatedSequences first sequence number of each packet that was sent twice, in order
 * @param reorderedSequences  first sequence number of each packet that was sent late, in order
 */
public record LineReport(
        String name,
        UdpEndpoint group,
        long framesWritten,
        long packetsSent,
        long messagesSent,
        long packetsDropped,
        long messagesDropped,
        long duplicates,
        long reorders,
        List<SequenceRange> lost,
        long[] duplicatedSequences,
        long[] reorderedSequences) {

    /** One line of text: what was sent, lost, duplicated and reordered. */
    public String summary() {
        return String.format("line %s %s: %,d frames; sent %,d packets / %,d messages; dropped %,d packets / %,d messages"
                        + " in %,d ranges; %,d duplicated, %,d reordered",
                name, group, framesWritten, packetsSent, messagesSent, packetsDropped, messagesDropped, lost.size(),
                duplicates, reorders);
    }
}
