package io.mdr.journal;

import io.mdr.feed.Line;
import io.mdr.itch.ItchDecoders;
import io.mdr.itch.ItchMessageDecoder;
import org.agrona.DirectBuffer;

/**
 * One journaled message as a tailer hands it over: where it came from, and its bytes with typed ITCH
 * flyweights. Reused for every message: valid only during the handler call.
 */
public final class JournalMessage {
    private final ItchDecoders decoders = new ItchDecoders();
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int channelId;
    private String channelName;
    private long sessionHigh;
    private int sessionLow;
    private long sequence;
    private int line;
    private long rxNanos;
    private long journalNanos;

    void set(int channelId, String channelName, long sessionHigh, int sessionLow, long sequence, int line, long rxNanos,
             long journalNanos, DirectBuffer buffer, int offset, int length) {
        this.journalNanos = journalNanos;
        this.channelId = channelId;
        this.channelName = channelName;
        this.sessionHigh = sessionHigh;
        this.sessionLow = sessionLow;
        this.sequence = sequence;
        this.line = line;
        this.rxNanos = rxNanos;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** The channel's id in this journal. */
    public int channelId() {
        return channelId;
    }

    /** The channel's name (configured, or destination/session for automatic channels). */
    public String channelName() {
        return channelName;
    }

    /** The MoldUDP64 session, trimmed (allocates: for tools). */
    public String session() {
        return JournalTailer.sessionText(sessionHigh, sessionLow);
    }

    public long sessionHigh() {
        return sessionHigh;
    }

    public int sessionLow() {
        return sessionLow;
    }

    /** MoldUDP64 sequence number. */
    public long sequence() {
        return sequence;
    }

    /**
     * Where it came from: {@link Line#A} (0) or {@link Line#B} (1), the multicast line it was first received on,
     * or {@link Line#RECOVERY} (2) when it was recovered from the retransmission server after a hole.
     */
    public int line() {
        return line;
    }

    /**
     * True when the message came from the MoldUDP64 retransmission (request) server rather than a multicast line:
     * it is in its place in the sequence, but it arrived later than the messages after it were received.
     */
    public boolean recovered() {
        return line == Line.RECOVERY;
    }

    /**
     * When its packet was received (CLOCK_MONOTONIC ns, as System.nanoTime on this host); for a {@link #recovered()}
     * message, when the retransmission server's answer was received.
     */
    public long rxNanos() {
        return rxNanos;
    }

    /** When its excerpt was completed in the journal, just before the commit (CLOCK_MONOTONIC ns, this host). */
    public long journalNanos() {
        return journalNanos;
    }

    /** The buffer holding the message bytes (type byte first). */
    public DirectBuffer buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** The ITCH message type byte. */
    public byte messageType() {
        return buffer.getByte(offset);
    }

    /**
     * The message wrapped in its typed flyweight ({@code if (m.itch() instanceof AddOrderDecoder add) ...}),
     * or null for an unknown type or a message shorter than its type's length.
     */
    public ItchMessageDecoder itch() {
        ItchMessageDecoder decoder = decoders.decoderFor(messageType());
        if (decoder == null || length < decoder.length()) {
            return null;
        }
        return decoder.wrap(buffer, offset);
    }
}
