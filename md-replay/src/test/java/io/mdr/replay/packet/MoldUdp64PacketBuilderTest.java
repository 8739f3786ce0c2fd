package io.mdr.replay.packet;

import io.mdr.net.UdpFrameBuilder;
import io.mdr.mold.MoldUdp64PacketBuilder;

import io.mdr.replay.capture.AllocationMeter;
import io.mdr.replay.capture.CaptureReader;
import io.mdr.replay.capture.SharedCaptures;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

import static io.mdr.replay.packet.Checksums.u16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoldUdp64PacketBuilderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String packet(MoldUdp64PacketBuilder builder) {
        byte[] bytes = new byte[builder.length()];
        builder.buffer().getBytes(builder.offset(), bytes);
        return HEX.formatHex(bytes);
    }

    private static UnsafeBuffer message(String hex) {
        return new UnsafeBuffer(HEX.parseHex(hex));
    }

    @Test
    void layoutByteByByte() {
        MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder("ABC", 0x0102030405060708L);
        assertEquals(20, builder.length());
        assertEquals("414243202020202020200102030405060708" + "0000", packet(builder), "empty packet: header only");
        assertTrue(builder.tryAdd(message("ff5300"), 1, 2));     // "S\0" from offset 1
        assertTrue(builder.tryAdd(message("4401020304"), 0, 5));
        assertTrue(builder.tryAdd(message(""), 0, 0));
        String expected = "41424320202020202020"        // session "ABC" padded with spaces to 10 bytes
                + "0102030405060708"                    // sequence number of the first message
                + "0003"                                // message count
                + "0002" + "5300"                       // length + message
                + "0005" + "4401020304"
                + "0000";                               // an empty message is still a block
        assertEquals(expected, packet(builder));
        assertEquals(20 + 4 + 7 + 2, builder.length());
        assertEquals(3, builder.messageCount());
        assertEquals(0x0102030405060708L, builder.sequenceNumber());
        assertEquals(0x0102030405060708L + 3, builder.nextSequence());
    }

    @Test
    void defaultLimitIsTheUdpPayloadOfA1500ByteMtu() {
        assertEquals(1472, MoldUdp64PacketBuilder.DEFAULT_MAX_PAYLOAD_LENGTH);
        assertEquals(1472, MoldUdp64PacketBuilder.maxPayloadForMtu(1500));
        assertEquals(8972, MoldUdp64PacketBuilder.maxPayloadForMtu(9000));
        assertEquals(1472, new MoldUdp64PacketBuilder("S", 1).maxPayloadLength());
    }

    @Test
    void refusesTheMessageThatWouldPassTheLimit() {
        MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder("000010059B", 1);
        UnsafeBuffer delete = new UnsafeBuffer(new byte[19]); // ITCH 'D' is 19 bytes: 21 with its length field
        int added = 0;
        while (builder.tryAdd(delete, 0, 19)) {
            added++;
        }
        assertEquals((1472 - 20) / 21, added);                 // 69 messages, 1469 bytes
        assertEquals(20 + 69 * 21, builder.length());
        String before = packet(builder);
        assertFalse(builder.tryAdd(delete, 0, 19));
        assertEquals(before, packet(builder), "a refused message changes nothing");
        assertEquals(69, builder.messageCount());
        assertTrue(builder.tryAdd(delete, 0, 1), "3 bytes still fit");
        assertEquals(1472, builder.length());
        assertEquals(0, builder.remaining());
        assertFalse(builder.tryAdd(delete, 0, 0), "not even an empty message fits a full packet");
    }

    @Test
    void aPacketFillsExactlyToTheLimit() {
        MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder("S", 1, 100);
        UnsafeBuffer message = new UnsafeBuffer(new byte[100]);
        assertTrue(builder.tryAdd(message, 0, 38));   // 20 + 40
        assertFalse(builder.tryAdd(message, 0, 39));  // would be 101
        assertTrue(builder.tryAdd(message, 0, 38));   // 100
        assertEquals(100, builder.length());
        assertThrows(IllegalArgumentException.class, () -> builder.tryAdd(message, 0, 79),
                "a message longer than an empty packet holds can never be sent");
        builder.clear();
        assertTrue(builder.tryAdd(message, 0, 78), "the largest message that fits an empty packet");
        assertEquals(100, builder.length());
    }

    @Test
    void heartbeatAndEndOfSession() {
        MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder("000010059B", 500);
        assertEquals(20, builder.heartbeat(12345));
        assertEquals("30303030313030353942" + "0000000000003039" + "0000", packet(builder));
        assertEquals(20, builder.endOfSession(0x0000000100000000L));
        assertEquals("30303030313030353942" + "0000000100000000" + "ffff", packet(builder));
        assertEquals(500, builder.nextSequence(), "control packets leave the numbering alone");
        assertEquals(20, builder.heartbeat());
        assertEquals("30303030313030353942" + "00000000000001f4" + "0000", packet(builder));
    }

    @Test
    void sequenceBookkeepingAcrossPackets() {
        MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder("SESSION", 100);
        UnsafeBuffer message = message("41424344");
        for (int i = 0; i < 3; i++) {
            assertTrue(builder.tryAdd(message, 0, 4));
        }
        assertEquals(100, builder.sequenceNumber());
        assertEquals(103, builder.nextSequence());
        assertThrows(IllegalStateException.class, builder::heartbeat, "a heartbeat would overwrite 3 messages");

        builder.clear();
        assertEquals(103, builder.sequenceNumber());
        assertEquals(0, builder.messageCount());
        assertEquals(20, builder.heartbeat());
        assertEquals(103, readSequence(builder));
        // The next message replaces the heartbeat with a data packet that starts at 103.
        assertTrue(builder.tryAdd(message, 0, 4));
        assertEquals(103, readSequence(builder));
        assertEquals(1, u16(bytes(builder), 18));
        assertEquals("53455353494f4e202020", packet(builder).substring(0, 20));

        builder.reset(1);
        assertEquals(1, builder.nextSequence());
        assertTrue(builder.isEmpty());
        assertEquals(1, readSequence(builder));
    }

    @Test
    void sessionMustBeShortPrintableAscii() {
        assertThrows(IllegalArgumentException.class, () -> new MoldUdp64PacketBuilder("ABCDEFGHIJK", 1));
        assertThrows(IllegalArgumentException.class, () -> new MoldUdp64PacketBuilder("Ünïcode", 1));
        assertThrows(IllegalArgumentException.class, () -> new MoldUdp64PacketBuilder("tab\there", 1));
        assertEquals("ABCDEFGHIJ", new MoldUdp64PacketBuilder("ABCDEFGHIJ", 1).session());
        assertEquals("X         ", new MoldUdp64PacketBuilder("X", 1).session());
        assertThrows(IllegalArgumentException.class, () -> new MoldUdp64PacketBuilder("S", 1, 21));
        assertThrows(IllegalArgumentException.class, () -> new MoldUdp64PacketBuilder("S", 1, 65_508));
    }

    @Test
    void buildsStraightIntoAFrame() {
        UdpFrameBuilder frames = new UdpFrameBuilder().srcIp("10.0.0.1").srcPort(5000)
                .dstIp("239.1.1.1").dstPort(6000).vlan(10);
        UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(1600));
        MoldUdp64PacketBuilder mold = new MoldUdp64PacketBuilder("TEST", 7).wrap(frame, frames.headerLength());
        assertThrows(IllegalArgumentException.class, () -> new MoldUdp64PacketBuilder("TEST", 7).wrap(frame, 200));
        assertTrue(mold.tryAdd(message("5300000000000000000000004f"), 0, 12)); // the first 12 bytes: an 'S' message
        int length = frames.buildHeaders(frame, mold.length());
        assertEquals(46 + 20 + 2 + 12, length);
        byte[] bytes = new byte[length];
        frame.getBytes(0, bytes);
        assertTrue(Checksums.ipv4HeaderChecksumValid(bytes, 18));
        assertEquals(20 + 2 + 12 + 8, u16(bytes, 18 + 20 + 4), "UDP length");
        assertEquals("54455354202020202020" + "0000000000000007" + "0001" + "000c" + "530000000000000000000000",
                HEX.formatHex(bytes, 46, length));
    }

    @Test
    void packingAllocatesNothing() throws Exception {
        MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder("000010059B", 1);
        UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        long bytes = AllocationMeter.bytesAllocated(() -> {
            for (int i = 0; i < 20_000; i++) {
                if (!builder.tryAdd(message, 0, 19 + i % 30)) {
                    builder.clear();
                    builder.heartbeat();
                }
            }
            builder.clear();
            builder.endOfSession();
        });
        assertTrue(bytes < AllocationMeter.NOISE_BYTES, bytes + " bytes allocated for 20,000 messages");
        assertTrue(builder.nextSequence() > 20_000);
    }

    /**
     * Repacks the 38 messages of the second packet of Multiple.Packets.pcap: the packet must come out
     * byte for byte as NASDAQ sent it, and 38 messages of these sizes fill it to within the 1472-byte limit.
     */
    @Test
    void repacksARealPacket() throws IOException {
        byte[] frame;
        try (CaptureReader reader = CaptureReader.open(SharedCaptures.require(SharedCaptures.MULTIPLE_PACKETS))) {
            assertTrue(reader.next());
            assertTrue(reader.next());
            frame = reader.segment().asSlice(reader.packetOffset(), reader.capturedLength()).toArray(ValueLayout.JAVA_BYTE);
        }
        byte[] payload = Arrays.copyOfRange(frame, 46, frame.length);
        UnsafeBuffer captured = new UnsafeBuffer(payload);
        String session = new String(payload, 0, 10, java.nio.charset.StandardCharsets.US_ASCII);
        long sequence = captured.getLong(10, ByteOrder.BIG_ENDIAN);
        int count = u16(payload, 18);
        MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(session, sequence);
        int block = 20;
        for (int i = 0; i < count; i++) {
            int length = u16(payload, block);
            assertTrue(builder.tryAdd(captured, block + 2, length), "message " + i);
            block += 2 + length;
        }
        assertEquals(38, builder.messageCount());
        assertEquals(payload.length, builder.length());
        assertArrayEquals(payload, bytes(builder));
        assertFalse(builder.tryAdd(captured, 22, 36), "a 39th 'A' message exceeds 1472 bytes");
        assertEquals(19009117 + 38, builder.nextSequence());
    }

    private static byte[] bytes(MoldUdp64PacketBuilder builder) {
        byte[] bytes = new byte[builder.length()];
        builder.buffer().getBytes(builder.offset(), bytes);
        return bytes;
    }

    private static long readSequence(MoldUdp64PacketBuilder builder) {
        return builder.buffer().getLong(builder.offset() + MoldUdp64PacketBuilder.SEQUENCE_OFFSET, ByteOrder.BIG_ENDIAN);
    }
}
