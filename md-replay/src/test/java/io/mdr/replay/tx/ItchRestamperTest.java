package io.mdr.replay.tx;

import io.mdr.itch.AddOrderEncoder;
import io.mdr.itch.SystemEventEncoder;
import io.mdr.mold.MoldUdp64PacketBuilder;
import io.mdr.net.UdpFrameBuilder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ItchRestamperTest {

    @Test
    void everyMessageOfTheFrameGetsTheSendTimeAndNothingElseChanges() {
        MoldUdp64PacketBuilder mold = new MoldUdp64PacketBuilder("S", 1);
        UnsafeBuffer payload = new UnsafeBuffer(new byte[1500]);
        UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        mold.wrap(payload, 0);
        new SystemEventEncoder().wrap(message, 0).timestamp(5).eventCode('O');
        mold.tryAdd(message, 0, SystemEventEncoder.LENGTH);
        new AddOrderEncoder().wrap(message, 0).timestamp(6).orderReferenceNumber(42).shares(100).stock("IBM").price(1);
        mold.tryAdd(message, 0, AddOrderEncoder.LENGTH);
        UnsafeBuffer frame = new UnsafeBuffer(new byte[2048]);
        int length = new UdpFrameBuilder().dstIp("233.1.1.1").dstPort(1000).vlan(5).build(frame, payload, 0, mold.length());
        byte[] before = new byte[length];
        frame.getBytes(0, before);

        long stamp = 0x0000_1234_5678_9ABCL;
        assertEquals(2, new ItchRestamper().restamp(frame, 0, length, stamp));

        int first = 18 + 20 + 8 + 20 + 2;                                     // Ethernet+VLAN, IPv4, UDP, Mold, length
        int second = first + SystemEventEncoder.LENGTH + 2;
        for (int m : new int[] {first, second}) {
            long ts = ((frame.getShort(m + 5, ByteOrder.BIG_ENDIAN) & 0xFFFFL) << 32)
                    | (frame.getInt(m + 7, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL);
            assertEquals(stamp, ts);
        }
        assertEquals(42, frame.getLong(second + 11, ByteOrder.BIG_ENDIAN), "other fields untouched");
        int changed = 0;
        for (int i = 0; i < length; i++) {
            if (frame.getByte(i) != before[i]) {
                changed++;
            }
        }
        assertEquals(true, changed <= 12, "only the two 6-byte timestamps changed: " + changed);
    }

    @Test
    void aFrameThatIsNotMoldUdp64IsLeftAlone() {
        UnsafeBuffer frame = new UnsafeBuffer(new byte[60]);
        assertEquals(0, new ItchRestamper().restamp(frame, 0, 60, 1));
    }
}
