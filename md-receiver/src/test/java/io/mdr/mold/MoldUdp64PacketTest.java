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

    @Test
    void wrapCountsMessagesOfAnUnknownTypeOrTheWrongLengthAgainstItsTable() {
        int[] lengths = new int[256];
        lengths['A'] = 3;
        lengths['B'] = 2;
        // blocks: A(3) B(2) A(2: wrong length) Z(1: unknown type)
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putBytes(0, Channel.padSession("SESSION042"));
        buffer.putLong(MoldUdp64Packet.SEQUENCE_OFFSET, 7, ByteOrder.BIG_ENDIAN);
        buffer.putShort(MoldUdp64Packet.COUNT_OFFSET, (short) 4, ByteOrder.BIG_ENDIAN);
        int position = MoldUdp64Packet.HEADER_LENGTH;
        for (byte[] message : new byte[][] {{'A', 0, 0}, {'B', 0}, {'A', 0}, {'Z'}}) {
            buffer.putShort(position, (short) message.length, ByteOrder.BIG_ENDIAN);
            buffer.putBytes(position + 2, message);
            position += 2 + message.length;
        }
        MoldUdp64Packet checked = new MoldUdp64Packet(lengths);
        assertNull(checked.wrap(buffer, 0, position));
        assertEquals(2, checked.irregularMessages());

        MoldUdp64Packet unchecked = new MoldUdp64Packet();
        assertNull(unchecked.wrap(buffer, 0, position));
        assertEquals(-1, unchecked.irregularMessages(), "a packet without a table does not check");

        // Only regular messages: A(3) B(2) A(3) B(2)
        position = MoldUdp64Packet.HEADER_LENGTH;
        for (byte[] message : new byte[][] {{'A', 0, 0}, {'B', 0}, {'A', 1, 1}, {'B', 1}}) {
            buffer.putShort(position, (short) message.length, ByteOrder.BIG_ENDIAN);
            buffer.putBytes(position + 2, message);
            position += 2 + message.length;
        }
        assertNull(checked.wrap(buffer, 0, position));
        assertEquals(0, checked.irregularMessages());

        // A heartbeat carries none; a truncated packet is not checked.
        buffer.putShort(MoldUdp64Packet.COUNT_OFFSET, (short) 0, ByteOrder.BIG_ENDIAN);
        assertNull(checked.wrap(buffer, 0, MoldUdp64Packet.HEADER_LENGTH));
        assertEquals(0, checked.irregularMessages());
        assertEquals(io.mdr.net.DropReason.MOLD_TRUNCATED, checked.wrap(buffer, 0, 10));
        assertEquals(-1, checked.irregularMessages());
    }

    @Test
    void aLengthTableMustCoverEveryFirstByte() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MoldUdp64Packet(new int[255]));
        assertEquals("a length for each of the 256 first bytes, got 255", e.getMessage());
    }
}
