package io.mdr.replay.pipeline;

import io.mdr.itch.AddOrderEncoder;
import io.mdr.itch.OrderDeleteEncoder;
import io.mdr.mold.MoldUdp64PacketBuilder;
import io.mdr.net.UdpFrameBuilder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Valid ITCH-over-MoldUDP64 frames for tests that drive the receiver's pipeline in process.
 */
final class FeedFrames {
    static final String GROUP = "233.54.12.111";
    static final int PORT = 26477;
    static final String SESSION = "TESTSESS01";

    private FeedFrames() {
    }

    /** {@code packets} frames from sequence {@code first}, {@code perPacket} messages each (adds and deletes). */
    static List<byte[]> frames(long first, int packets, int perPacket, int vlanTags) {
        UdpFrameBuilder frame = new UdpFrameBuilder().srcIp("10.1.1.1").srcPort(49653).dstIp(GROUP).dstPort(PORT);
        if (vlanTags == 1) {
            frame.vlan(100);
        }
        MoldUdp64PacketBuilder mold = new MoldUdp64PacketBuilder(SESSION, first);
        UnsafeBuffer payload = new UnsafeBuffer(new byte[1500]);
        UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        UnsafeBuffer out = new UnsafeBuffer(new byte[2048]);
        AddOrderEncoder add = new AddOrderEncoder();
        OrderDeleteEncoder delete = new OrderDeleteEncoder();
        List<byte[]> frames = new ArrayList<>(packets);
        long sequence = first;
        for (int p = 0; p < packets; p++) {
            mold.wrap(payload, 0);
            for (int m = 0; m < perPacket; m++, sequence++) {
                int length;
                if (sequence % 3 == 0) {
                    delete.wrap(message, 0).stockLocate(7).trackingNumber(1).timestamp(34_200_000_000_000L + sequence)
                            .orderReferenceNumber(sequence - 1);
                    length = OrderDeleteEncoder.LENGTH;
                } else {
                    add.wrap(message, 0).stockLocate(7).trackingNumber(1).timestamp(34_200_000_000_000L + sequence)
                            .orderReferenceNumber(sequence).buySellIndicator('B').shares(100).stock("AAPL").price(1_900_000);
                    length = AddOrderEncoder.LENGTH;
                }
                if (!mold.tryAdd(message, 0, length)) {
                    throw new IllegalStateException("packet full");
                }
            }
            int length = frame.build(out, payload, 0, mold.length());
            if (vlanTags == 2) {
                length = addOuterTag(out, length);
            }
            byte[] bytes = new byte[length];
            out.getBytes(0, bytes);
            frames.add(bytes);
        }
        return frames;
    }

    /** Inserts an 802.1ad tag in front of the existing one (Q-in-Q). */
    private static int addOuterTag(UnsafeBuffer frame, int length) {
        byte[] bytes = new byte[length];
        frame.getBytes(0, bytes);
        frame.putBytes(0, bytes, 0, 12);
        frame.putShort(12, (short) 0x88A8, java.nio.ByteOrder.BIG_ENDIAN);
        frame.putShort(14, (short) 200, java.nio.ByteOrder.BIG_ENDIAN);
        frame.putBytes(16, bytes, 12, length - 12);
        return length + 4;
    }
}
