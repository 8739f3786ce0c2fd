package io.mdr.replay.gen;

import java.util.List;

/**
 * What a generated A/B feed holds: the session's sequence range, each line's figures, and the sequence ranges
 * missing from both lines, which a receiver arbitrating A and B must report as gaps (and nothing else).
 *
 * @param session            MoldUDP64 session
 * @param firstSequence      sequence number of the first message
 * @param lastSequence       sequence number of the last message (the end-of-session packet announces the next)
 * @param messages           messages generated
 * @param packets            data packets the messages were packed into (before impairments)
 * @param maxMessagesPerPacket most messages one packet carried
 * @param lineA              line A's figures
 * @param lineB              line B's figures
 * @param lostOnBothLines    ranges absent from both lines, in order, adjacent ones merged
 * @param mergedFrames       frames in the merged output, 0 if none was written
 */
public record FeedReport(
        String session,
        long firstSequence,
        long lastSequence,
        long messages,
        long packets,
        int maxMessagesPerPacket,
        LineReport lineA,
        LineReport lineB,
        List<SequenceRange> lostOnBothLines,
        long mergedFrames) {

    /** Messages in {@link #lostOnBothLines()}. */
    public long messagesLostOnBothLines() {
        long total = 0;
        for (SequenceRange range : lostOnBothLines) {
            total += range.count();
        }
        return total;
    }

    /** The report for people: several lines, every range lost on both lines included. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("session %s: sequences %,d..%,d, %,d messages in %,d packets (up to %,d a packet)%n",
                session.strip(), firstSequence, lastSequence, messages, packets, maxMessagesPerPacket));
        sb.append(lineA.summary()).append(System.lineSeparator());
        sb.append(lineB.summary()).append(System.lineSeparator());
        if (mergedFrames > 0) {
            sb.append(String.format("merged: %,d frames%n", mergedFrames));
        }
        sb.append(String.format("lost on both lines: %,d messages in %,d ranges", messagesLostOnBothLines(),
                lostOnBothLines.size()));
        if (!lostOnBothLines.isEmpty()) {
            sb.append(':');
            for (SequenceRange range : lostOnBothLines) {
                sb.append(' ').append(range);
            }
        }
        return sb.append(System.lineSeparator()).toString();
    }
}
