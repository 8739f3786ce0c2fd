package io.mdr.recovery;

import io.mdr.mold.MoldUdp64Packet;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Answers the requests of a {@link RecoveryRings} in process, on the calling thread, with synthetic messages, and
 * gives some up: the receiver's warm-up uses it so that the polling thread's side of recovery (requests out, answers
 * and give-ups back, packets held and drained) is compiled before the first real hole. No socket, no thread.
 */
public final class InlineRequestServer {
    private final RecoveryRings rings;
    private final UnsafeBuffer message;
    private final int messageLength;
    private final int giveUpEvery;
    private final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
    private final MessageHandler handler = this::onRequest;
    private long requests;

    /**
     * @param message     the bytes of the one message every answer repeats
     * @param giveUpEvery every how many requests one is given up instead of answered (0 = never)
     */
    public InlineRequestServer(RecoveryRings rings, byte[] message, int giveUpEvery) {
        this.rings = rings;
        this.message = new UnsafeBuffer(message.clone());
        this.messageLength = message.length;
        this.giveUpEvery = giveUpEvery;
    }

    /** Answers (or gives up) every request waiting in the ring; returns how many. */
    public int serve() {
        return rings.readRequests(handler, 256);
    }

    private void onRequest(int type, MutableDirectBuffer buffer, int index, int length) {
        if (type != RecoveryRings.REQUEST) {
            return;
        }
        int channelId = buffer.getInt(index + RecoveryRings.CHANNEL_OFFSET);
        int sessionLow = buffer.getInt(index + RecoveryRings.SESSION_LOW_OFFSET);
        long sessionHigh = buffer.getLong(index + RecoveryRings.SESSION_HIGH_OFFSET);
        long from = buffer.getLong(index + RecoveryRings.FROM_OFFSET);
        long to = buffer.getLong(index + RecoveryRings.TO_OFFSET);
        if (giveUpEvery > 0 && ++requests % giveUpEvery == 0) {
            rings.offerGiveUp(channelId, sessionHigh, sessionLow, from, to);
            return;
        }
        int perPacket = Math.max(1, (packet.capacity() - MoldUdp64Packet.HEADER_LENGTH) / (2 + messageLength));
        for (long next = from; next < to; ) {
            int count = (int) Math.min(perPacket, to - next);
            packet.putLong(MoldUdp64Packet.SESSION_OFFSET, sessionHigh, ByteOrder.BIG_ENDIAN);
            packet.putShort(MoldUdp64Packet.SESSION_OFFSET + 8, (short) sessionLow, ByteOrder.BIG_ENDIAN);
            packet.putLong(MoldUdp64Packet.SEQUENCE_OFFSET, next, ByteOrder.BIG_ENDIAN);
            packet.putShort(MoldUdp64Packet.COUNT_OFFSET, (short) count, ByteOrder.BIG_ENDIAN);
            int position = MoldUdp64Packet.HEADER_LENGTH;
            for (int i = 0; i < count; i++) {
                packet.putShort(position, (short) messageLength, ByteOrder.BIG_ENDIAN);
                packet.putBytes(position + 2, message, 0, messageLength);
                position += 2 + messageLength;
            }
            if (!rings.offerAnswer(channelId, 0, packet, 0, position)) {
                return;
            }
            next += count;
        }
    }
}
