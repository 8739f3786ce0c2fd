package io.mdr.mold;

import io.mdr.feed.Channel;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The flyweight reads its header once, at wrap: the values of the bytes wrapped, until it is wrapped again. */
class MoldUdp64PacketTest {
    @Test
    void theHeaderIsReadAtWrapAndAgainAtTheNextWrap() {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putBytes(4, Channel.padSession("SESSION042"));
        buffer.putLong(4 + MoldUdp64Packet.SEQUENCE_OFFSET, 1_234_567_890_123L, ByteOrder.BIG_ENDIAN);
        buffer.putShort(4 + MoldUdp64Packet.COUNT_OFFSET, (short) 2, ByteOrder.BIG_ENDIAN);
        buffer.putShort(24, (short) 3, ByteOrder.BIG_ENDIAN);
        buffer.putShort(29, (short) 1, ByteOrder.BIG_ENDIAN);
        MoldUdp64Packet packet = new MoldUdp64Packet();
        assertNull(packet.wrap(buffer, 4, 28));
        assertEquals(1_234_567_890_123L, packet.sequenceNumber());
        assertEquals(2, packet.messageCount());
        assertEquals(2, packet.messages());
        assertEquals(buffer.getLong(4, ByteOrder.BIG_ENDIAN), packet.sessionHigh());
        assertEquals(buffer.getShort(12, ByteOrder.BIG_ENDIAN) & 0xFFFF, packet.sessionLow());
        assertEquals("SESSION042", packet.session());

        // Rewritten as a heartbeat: the old values stand until the packet is wrapped again.
        buffer.putLong(4 + MoldUdp64Packet.SEQUENCE_OFFSET, 77L, ByteOrder.BIG_ENDIAN);
        buffer.putShort(4 + MoldUdp64Packet.COUNT_OFFSET, (short) 0, ByteOrder.BIG_ENDIAN);
        assertEquals(1_234_567_890_123L, packet.sequenceNumber());
        assertNull(packet.wrap(buffer, 4, MoldUdp64Packet.HEADER_LENGTH));
        assertEquals(77L, packet.sequenceNumber());
        assertEquals(true, packet.isHeartbeat());
        assertEquals(0, packet.messages());
    }
}
