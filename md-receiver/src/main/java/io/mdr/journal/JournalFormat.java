package io.mdr.journal;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The binary layout of journal records. An excerpt (one Chronicle document) holds one or more records back
 * to back: the receiver commits one excerpt per {@code rx_burst}, with every record that burst produced, in
 * order. Each record's length follows from its type and contents ({@link #recordLength}). All integers
 * little-endian (the machine's order); the session is the 10 ASCII bytes of the MoldUDP64 header.
 *
 * <pre>
 * 'C' channel   : type u8 | channel u16 | lines u8 | session[10] | nameLength u8 | name[nameLength]
 * 'M' messages  : type u8 | channel u16 | line u8 | session[10] | firstSequence u64 | rxNanos u64
 *                 | journalNanos u64 | count u16
 *                 | count x (length u16 big-endian | message[length])      (the MoldUDP64 blocks as received)
 *
 * A messages record holds consecutive messages of one line received at one rx time: one packet's, or the run of
 * in-sequence packets one rx_burst brought on that line (one-message packets then share one 40-byte header).
 *
 * line: where the messages came from: 0 = line A, 1 = line B (the multicast line whose copy arrived first),
 * 2 = recovered from the MoldUDP64 retransmission (request) server after a hole that neither line filled
 * (io.mdr.feed.Line.RECOVERY; JournalMessage.recovered()).
 * rxNanos: when the packet (for line 2: the server's answer) was received; journalNanos: when its excerpt was
 * completed, just before the commit (the same for every record of an excerpt). Both are CLOCK_MONOTONIC
 * (System.nanoTime) of this host, comparable across its processes.
 * 'G' gap       : type u8 | channel u16 | session[10] | from u64 | to u64 | nanos u64
 * 'E' end of session : type u8 | channel u16 | session[10] | nextSequence u64 | nanos u64
 * 'U' raw payload : type u8 | rxNanos u64 | journalNanos u64 | length u16 | payload[length]
 *                 (receiver.mode=journal-raw only, the journal's floor in benchmarks: a packet's UDP payload,
 *                 unparsed; readers skip the rest of an excerpt that holds one, as for any unknown type)
 * </pre>
 */
public final class JournalFormat {
    public static final byte CHANNEL = 'C';
    public static final byte MESSAGES = 'M';
    public static final byte GAP = 'G';
    public static final byte END_OF_SESSION = 'E';
    /** A packet's UDP payload, unparsed (receiver.mode=journal-raw); not a type {@link #recordLength} accepts. */
    public static final byte RAW = 'U';
    public static final int RAW_RX_NANOS_OFFSET = 1;
    public static final int RAW_JOURNAL_NANOS_OFFSET = 9;
    public static final int RAW_LENGTH_OFFSET = 17;
    public static final int RAW_PAYLOAD_OFFSET = 19;

    public static final int TYPE_OFFSET = 0;
    public static final int CHANNEL_OFFSET = 1;
    public static final int SESSION_LENGTH = 10;

    /** 'C': lines, session, name. */
    public static final int CHANNEL_LINES_OFFSET = 3;
    public static final int CHANNEL_SESSION_OFFSET = 4;
    public static final int CHANNEL_NAME_LENGTH_OFFSET = 14;
    public static final int CHANNEL_NAME_OFFSET = 15;

    /** 'M': line (0 A, 1 B, 2 recovered), session, first sequence, rx time, count, blocks. */
    public static final int MESSAGES_LINE_OFFSET = 3;
    public static final int MESSAGES_SESSION_OFFSET = 4;
    public static final int MESSAGES_FIRST_SEQUENCE_OFFSET = 14;
    public static final int MESSAGES_RX_NANOS_OFFSET = 22;
    public static final int MESSAGES_JOURNAL_NANOS_OFFSET = 30;
    public static final int MESSAGES_COUNT_OFFSET = 38;
    public static final int MESSAGES_BLOCKS_OFFSET = 40;

    /** 'G': session, from, to, time. */
    public static final int GAP_SESSION_OFFSET = 3;
    public static final int GAP_FROM_OFFSET = 13;
    public static final int GAP_TO_OFFSET = 21;
    public static final int GAP_NANOS_OFFSET = 29;
    public static final int GAP_LENGTH = 37;

    /** 'E': session, next sequence, time. */
    public static final int EOS_SESSION_OFFSET = 3;
    public static final int EOS_NEXT_SEQUENCE_OFFSET = 13;
    public static final int EOS_NANOS_OFFSET = 21;
    public static final int EOS_LENGTH = 29;

    private JournalFormat() {
    }

    /**
     * The length of the record at {@code offset}, which must lie within {@code [offset, limit)} of
     * {@code buffer}; -1 when the record is of an unknown type or does not fit (a reader stops at that
     * excerpt's end).
     */
    public static int recordLength(DirectBuffer buffer, int offset, int limit) {
        int available = limit - offset;
        if (available < 1) {
            return -1;
        }
        int length;
        switch (buffer.getByte(offset + TYPE_OFFSET)) {
            case CHANNEL -> length = available > CHANNEL_NAME_LENGTH_OFFSET
                    ? CHANNEL_NAME_OFFSET + (buffer.getByte(offset + CHANNEL_NAME_LENGTH_OFFSET) & 0xFF)
                    : -1;
            case MESSAGES -> length = messagesLength(buffer, offset, limit);
            case GAP -> length = GAP_LENGTH;
            case END_OF_SESSION -> length = EOS_LENGTH;
            default -> length = -1;
        }
        return length <= available ? length : -1;
    }

    private static int messagesLength(DirectBuffer buffer, int offset, int limit) {
        if (limit - offset < MESSAGES_BLOCKS_OFFSET) {
            return -1;
        }
        int count = buffer.getShort(offset + MESSAGES_COUNT_OFFSET) & 0xFFFF;
        int position = offset + MESSAGES_BLOCKS_OFFSET;
        for (int i = 0; i < count; i++) {
            if (limit - position < 2) {
                return -1;
            }
            position += 2 + (buffer.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF);
        }
        return position - offset;
    }
}
