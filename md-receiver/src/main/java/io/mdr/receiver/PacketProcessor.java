package io.mdr.receiver;

import io.mdr.feed.ChannelArbiter;
import io.mdr.feed.ChannelRouter;
import io.mdr.feed.RecoveryAnswers;
import io.mdr.itch.ItchMessageType;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.DropReason;
import io.mdr.net.UdpFrame;
import io.mdr.port.PacketSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One packet's way through the receiver: Ethernet/IPv4/UDP (for a frame; a kernel port hands the UDP payload with
 * its line), channel and line, MoldUDP64 validation, then arbitration. Reads the packet where it lies (an mbuf's
 * data or a kernel port's receive buffer, wrapped without a copy). Every packet that does not make it is a counted
 * drop with its reason.
 */
public final class PacketProcessor implements PacketSink {
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final UdpFrame udp = new UdpFrame();
    /** Checks each message's type and length as it validates the blocks: the pipeline need not walk them again. */
    private final MoldUdp64Packet mold = new MoldUdp64Packet(ItchMessageType.lengthByType());
    private final ChannelRouter router;
    private final ReceiverCounters counters;
    private final RecoveryAnswers recoveryAnswers;
    /**
     * Packets and bytes taken since the counters were last brought up to date: they are published once a burst
     * ({@link #endOfBurst}, {@link #idle}, {@link #flush}), not with a store per packet on the way to the commit.
     */
    private long unpublishedPackets;
    private long unpublishedBytes;

    public PacketProcessor(ChannelRouter router, ReceiverCounters counters) {
        this(router, counters, RecoveryAnswers.NONE);
    }

    /** @param recoveryAnswers where the recovery thread's answers come back from ({@link #pollRecovery}) */
    public PacketProcessor(ChannelRouter router, ReceiverCounters counters, RecoveryAnswers recoveryAnswers) {
        this.router = router;
        this.counters = counters;
        this.recoveryAnswers = recoveryAnswers;
    }

    /** A frame in native memory (an mbuf's data). */
    @Override
    public void onFrame(long address, int length, long rxNanos) {
        frame.wrap(address, length);
        onFrame(frame, 0, length, rxNanos);
    }

    /** A frame in any buffer. */
    public void onFrame(DirectBuffer buffer, int offset, int length, long rxNanos) {
        unpublishedPackets++;
        unpublishedBytes += length;
        DropReason reason = udp.parse(buffer, offset, length);
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        onUdpPayload(buffer, udp.payloadOffset(), udp.payloadLength(), udp.destinationAddress(), udp.destinationPort(),
                udp.sourceAddress(), rxNanos);
    }

    /** A UDP payload in native memory that a kernel socket received for the line {@code destination:port}. */
    @Override
    public void onDatagram(long address, int length, int destinationAddress, int destinationPort, int sourceAddress,
                           long rxNanos) {
        unpublishedPackets++;
        unpublishedBytes += length;
        frame.wrap(address, length);
        onUdpPayload(frame, 0, length, destinationAddress, destinationPort, sourceAddress, rxNanos);
    }

    private void onUdpPayload(DirectBuffer buffer, int offset, int length, int destinationAddress, int destinationPort,
                              int sourceAddress, long rxNanos) {
        ChannelArbiter arbiter = null;
        if (!router.isAutomatic()) {
            arbiter = router.route(destinationAddress, destinationPort, sourceAddress, null);
            if (arbiter == null) {
                counters.drop(DropReason.UNKNOWN_DESTINATION);
                return;
            }
        }
        DropReason reason = mold.wrap(buffer, offset, length);
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        if (arbiter == null) {
            arbiter = router.route(destinationAddress, destinationPort, sourceAddress, mold);
            if (arbiter == null) {
                counters.drop(DropReason.TOO_MANY_CHANNELS);
                return;
            }
        }
        arbiter.onPacket(router.line(), mold, rxNanos);
    }

    /** Counts a frame dropped before parsing (e.g. a multi-segment mbuf). */
    @Override
    public void drop(DropReason reason) {
        unpublishedPackets++;
        counters.drop(reason);
    }

    /** The burst's frames are done: what they journaled is committed (one excerpt per burst). */
    public void endOfBurst(long nowNanos) {
        router.endOfBurst(nowNanos);
        publishCounters();
    }

    /** Brings the packet and byte counters up to date with what this processor has taken. */
    public void publishCounters() {
        if (unpublishedPackets != 0) {
            counters.packets.getAndAddRelease(unpublishedPackets);
            counters.bytes.getAndAddRelease(unpublishedBytes);
            unpublishedPackets = 0;
            unpublishedBytes = 0;
        }
    }

    /**
     * Hands the retransmission server's answers (and the ranges given up) that the recovery thread passed back to the
     * arbiters: recovered messages are journaled in their place and what was held behind them drains. Committed with
     * the burst (or the idle poll) that follows.
     *
     * @return answers and give-ups handled
     */
    public int pollRecovery(long nowNanos) {
        return recoveryAnswers.poll(router, nowNanos);
    }

    /** Lets timed-out holes become gaps (or requests) while the line is quiet. */
    public void idle(long nowNanos) {
        router.poll(nowNanos);
        publishCounters();
    }

    /** End of input or shutdown. */
    public void flush(long nowNanos) {
        router.flush(nowNanos);
        publishCounters();
    }

    public ChannelRouter router() {
        return router;
    }
}
