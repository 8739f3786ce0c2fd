package io.mdr.feed;

import org.agrona.DirectBuffer;

/**
 * What the arbiter hands on: messages in sequence order, each exactly once, and gaps.
 */
public interface FeedListener {
    /**
     * A run of consecutive messages from one packet, starting at sequence number {@code firstSequence}.
     * The MoldUDP64 blocks (2-byte length, then the message) lie at {@code [blocksOffset, blocksOffset +
     * blocksLength)} of {@code buffer}, which is only valid during the call. They are those of a packet that
     * {@link io.mdr.mold.MoldUdp64Packet#wrap} accepted: {@code count} blocks, each inside the range, so a listener
     * may walk them with unchecked reads ({@link io.mdr.net.FrameReads}). {@code regular} is true when
     * {@code wrap} also found every message of the packet to be of a known type and of that type's length
     * ({@link io.mdr.mold.MoldUdp64Packet#irregularMessages()} 0), so that a listener need not check each again.
     */
    void onMessages(Channel channel, int line, long firstSequence, int count,
                    DirectBuffer buffer, int blocksOffset, int blocksLength, boolean regular, long rxNanos);

    /**
     * Messages {@code from..to} (inclusive) were lost on every line and not recovered (or, for a late join, sent
     * before the receiver listened).
     */
    void onGap(Channel channel, long from, long to, long nowNanos);

    /** The channel's MoldUDP64 session changed (or was first seen); sequence numbers start again. */
    default void onSession(Channel channel, long nowNanos) {
    }

    /** The session's end-of-session packet arrived. */
    default void onEndOfSession(Channel channel, long nextSequence, long nowNanos) {
    }

    /**
     * A hole asked of the retransmission server is filled: {@code from..to-1} were missing since {@code openedNanos}
     * (when the hole opened) and the stream is whole again at {@code nowNanos}.
     */
    default void onHoleHealed(Channel channel, long from, long to, long openedNanos, long nowNanos) {
    }

    /**
     * The receiver finished a burst of packets (or an idle poll, or a flush): what was delivered since the
     * last call can be made visible downstream in one go (the journal commits its excerpt here).
     */
    default void onBurstEnd(long nowNanos) {
    }
}
