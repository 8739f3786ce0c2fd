package io.mdr.journal;

/**
 * The binary layout of journal excerpts. All integers little-endian (the machine's order); the session is
 * the 10 ASCII bytes of the MoldUDP64 header.
 *
 * <pre>
 * 'C' channel   : type u8 | channel u16 | lines u8 | session[10] | nameLength u8 | name[nameLength]
 * 'M' messages  : type u8 | channel u16 | line u8 | session[10] | firstSequence u64 | rxNanos u64
 *                 | journalNanos u64 | count u16
 *                 | count x (length u16 big-endian | message[length])      (the MoldUDP64 blocks as received)
 *
 * rxNanos: when the packet was received; journalNanos: when the excerpt was completed, just before its
 * commit. Both are CLOCK_MONOTONIC (System.nanoTime) of this host, comparable across its processes.
 * 'G' gap       : type u8 | channel u16 | session[10] | from u64 | to u64 | nanos u64
 * 'E' end of session : type u8 | channel u16 | session[10] | nextSequence u64 | nanos u64
 * </pre>
 */
public final class JournalFormat {
    public static final byte CHANNEL = 'C';
    public static final byte MESSAGES = 'M';
    public static final byte GAP = 'G';
    public static final byte END_OF_SESSION = 'E';

    public static final int TYPE_OFFSET = 0;
    public static final int CHANNEL_OFFSET = 1;
    public static final int SESSION_LENGTH = 10;

    /** 'C': lines, session, name. */
    public static final int CHANNEL_LINES_OFFSET = 3;
    public static final int CHANNEL_SESSION_OFFSET = 4;
    public static final int CHANNEL_NAME_LENGTH_OFFSET = 14;
    public static final int CHANNEL_NAME_OFFSET = 15;

    /** 'M': line, session, first sequence, rx time, count, blocks. */
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
}
