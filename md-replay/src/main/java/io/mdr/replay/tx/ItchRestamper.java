package io.mdr.replay.tx;

import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.UdpFrame;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Rewrites the 6-byte timestamp of every ITCH message in a MoldUDP64 frame to the send time (nanoseconds
 * since midnight), so that a receiver on the same host can measure exchange-to-handler latency.
 */
public final class ItchRestamper {
    private static final int TIMESTAMP_OFFSET = 5;
    private static final int TIMESTAMP_END = TIMESTAMP_OFFSET + 6;

    private final UdpFrame udp = new UdpFrame();
    private final MoldUdp64Packet mold = new MoldUdp64Packet();

    /** @return messages restamped (0 for a frame that is not a valid MoldUDP64 packet) */
    public int restamp(MutableDirectBuffer frame, int offset, int length, long nanosSinceMidnight) {
        if (udp.parse(frame, offset, length) != null || mold.wrap(frame, udp.payloadOffset(), udp.payloadLength()) != null) {
            return 0;
        }
        int messages = mold.messages();
        int position = mold.firstBlockOffset();
        for (int i = 0; i < messages; i++) {
            int messageLength = frame.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            int message = position + MoldUdp64Packet.BLOCK_HEADER_LENGTH;
            if (messageLength >= TIMESTAMP_END) {
                frame.putShort(message + TIMESTAMP_OFFSET, (short) (nanosSinceMidnight >>> 32), ByteOrder.BIG_ENDIAN);
                frame.putInt(message + TIMESTAMP_OFFSET + 2, (int) nanosSinceMidnight, ByteOrder.BIG_ENDIAN);
            }
            position = message + messageLength;
        }
        return messages;
    }
}
