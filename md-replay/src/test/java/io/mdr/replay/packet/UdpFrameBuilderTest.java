package io.mdr.replay.packet;

import io.mdr.net.UdpFrameBuilder;
import io.mdr.net.PacketHeaders;

import io.mdr.replay.capture.AllocationMeter;
import io.mdr.replay.capture.CaptureReader;
import io.mdr.replay.capture.SharedCaptures;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.mdr.replay.packet.Checksums.u16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpFrameBuilderTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private static UdpFrameBuilder builder() {
        return new UdpFrameBuilder()
                .srcMac("0a:0b:0c:0d:0e:0f")
                .srcIp("10.1.2.3")
                .srcPort(40000)
                .dstIp("233.54.12.111")
                .dstPort(26477);
    }

    @Test
    void untaggedFrameByteByByte() {
        byte[] frame = new byte[128];
        int length = builder().build(new UnsafeBuffer(frame), new UnsafeBuffer(HELLO), 0, HELLO.length);
        String expected = "01005e360c6f" + "0a0b0c0d0e0f" + "0800"                    // Ethernet
                + "45" + "00" + "0021" + "0000" + "0000" + "40" + "11" + "7923"        // IPv4: 33 bytes, DF off, TTL 64
                + "0a010203" + "e9360c6f"
                + "9c40" + "676d" + "000d" + "0000"                                     // UDP: 13 bytes, no checksum
                + "68656c6c6f";
        assertEquals(expected, HEX.formatHex(frame, 0, length));
        assertEquals(14 + 20 + 8 + 5, length);
        assertTrue(Checksums.ipv4HeaderChecksumValid(frame, 14), "IPv4 header checksum, checked independently");
    }

    @Test
    void taggedFrameByteByByte() {
        byte[] frame = new byte[128];
        UdpFrameBuilder builder = builder().vlan(5, 141);
        assertEquals(46, builder.headerLength());
        int length = builder.build(new UnsafeBuffer(frame), new UnsafeBuffer(HELLO), 0, HELLO.length);
        String expected = "01005e360c6f" + "0a0b0c0d0e0f" + "8100" + "a08d" + "0800"    // 802.1Q: PCP 5, VID 141
                + "45000021000000004011" + "7923" + "0a010203e9360c6f"
                + "9c40676d000d0000" + "68656c6c6f";
        assertEquals(expected, HEX.formatHex(frame, 0, length));
        assertTrue(Checksums.ipv4HeaderChecksumValid(frame, 18));
    }

    @Test
    void identificationIncrementsAndWraps() {
        UdpFrameBuilder builder = builder().identification(0xFFFE);
        byte[] frame = new byte[64];
        UnsafeBuffer buffer = new UnsafeBuffer(frame);
        int[] expected = {0xFFFE, 0xFFFF, 0x0000, 0x0001};
        for (int id : expected) {
            builder.build(buffer, new UnsafeBuffer(HELLO), 0, HELLO.length);
            assertEquals(id, u16(frame, 14 + 4));
            assertTrue(Checksums.ipv4HeaderChecksumValid(frame, 14), "checksum with identification " + id);
        }
        assertEquals(2, builder.identification());
    }

    @Test
    void checksumsAgreeWithAnIndependentImplementation() {
        // Many headers: every field that enters the checksum varies, including carries around the fold.
        byte[] frame = new byte[1600];
        UnsafeBuffer buffer = new UnsafeBuffer(frame);
        java.util.Random random = new java.util.Random(42);
        byte[] payload = new byte[1472];
        for (int i = 0; i < 2_000; i++) {
            random.nextBytes(payload);
            int payloadLength = random.nextInt(payload.length + 1);
            UdpFrameBuilder builder = new UdpFrameBuilder()
                    .srcIp(random.nextInt()).dstIp(random.nextInt())
                    .srcPort(random.nextInt(65536)).dstPort(random.nextInt(65536))
                    .ttl(random.nextInt(256)).dontFragment(random.nextBoolean())
                    .identification(random.nextInt()).udpChecksum(true);
            if (random.nextBoolean()) {
                builder.vlan(random.nextInt(4096));
            }
            int length = builder.build(buffer, new UnsafeBuffer(payload), 0, payloadLength);
            int ip = builder.headerLength() - 28;
            assertEquals(builder.headerLength() + payloadLength, length);
            assertTrue(Checksums.ipv4HeaderChecksumValid(frame, ip), "IPv4 header checksum of frame " + i);
            assertEquals(Checksums.udpChecksum(frame, ip), u16(frame, ip + 20 + 6), "UDP checksum of frame " + i);
        }
    }

    @Test
    void knownIpv4HeaderChecksum() {
        // The worked example of the IPv4 header checksum (192.168.0.1 -> 192.168.0.199, checksum b861).
        byte[] header = HEX.parseHex("450000730000400040110000c0a80001c0a800c7");
        assertEquals(0xB861, PacketHeaders.ipv4HeaderChecksum(new UnsafeBuffer(header), 0));
        byte[] withChecksum = HEX.parseHex("45000073000040004011b861c0a80001c0a800c7");
        assertEquals(0xB861, PacketHeaders.ipv4HeaderChecksum(new UnsafeBuffer(withChecksum), 0),
                "the stored checksum field does not enter the computation");
    }

    @Test
    void udpChecksumKnownAnswer() {
        byte[] frame = new byte[128];
        int length = builder().udpChecksum(true).build(new UnsafeBuffer(frame), new UnsafeBuffer(HELLO), 0, HELLO.length);
        assertEquals(0xB6AA, u16(frame, 14 + 20 + 6), "computed by hand over the pseudo header, header and payload");
        assertEquals(47, length);
    }

    @Test
    void multicastMacIsDerivedFromTheGroup() {
        assertEquals(0x01005E360C6FL, builder().dstMac());
        assertEquals("01:00:5e:7f:ff:ff", PacketHeaders.formatMac(new UdpFrameBuilder().dstIp("239.255.255.255").dstMac()));
        assertEquals("01:00:5e:00:00:01", PacketHeaders.formatMac(new UdpFrameBuilder().dstIp("224.128.0.1").dstMac()),
                "bit 24 of the group is not mapped");
        assertEquals("01:00:5e:36:0c:6f", PacketHeaders.formatMac(
                new UdpFrameBuilder().dstMac("aa:bb:cc:dd:ee:ff").dstIp("233.54.12.111").dstMac()),
                "a group always maps to its MAC");
    }

    @Test
    void unicastDestinationUsesTheConfiguredMac() {
        UdpFrameBuilder builder = builder().dstIp("192.168.1.20");
        assertEquals(PacketHeaders.BROADCAST_MAC, builder.dstMac(), "broadcast until set");
        builder.dstMac("00:11:22:33:44:55");
        byte[] frame = new byte[64];
        builder.build(new UnsafeBuffer(frame), new UnsafeBuffer(HELLO), 0, HELLO.length);
        assertEquals("001122334455", HEX.formatHex(frame, 0, 6));
        assertEquals("c0a80114", HEX.formatHex(frame, 14 + 16, 14 + 20));
    }

    @Test
    void headersOnlyAroundAPayloadAlreadyInPlace() {
        UdpFrameBuilder copying = builder().vlan(7);
        UdpFrameBuilder inPlace = builder().vlan(7);
        byte[] copied = new byte[200];
        byte[] placed = new byte[200];
        byte[] payload = HEX.parseHex("303030303130303539420000000000e12f5a0000");
        int copiedLength = copying.build(new UnsafeBuffer(copied), new UnsafeBuffer(payload), 0, payload.length);
        System.arraycopy(payload, 0, placed, inPlace.headerLength(), payload.length);
        int placedLength = inPlace.buildHeaders(new UnsafeBuffer(placed), payload.length);
        assertEquals(copiedLength, placedLength);
        assertArrayEquals(copied, placed);
    }

    @Test
    void refusesFramesThatDoNotFit() {
        UdpFrameBuilder builder = builder();
        UnsafeBuffer small = new UnsafeBuffer(new byte[46]);
        assertThrows(IllegalArgumentException.class, () -> builder.build(small, new UnsafeBuffer(HELLO), 0, 5));
        assertEquals(46, builder.build(small, new UnsafeBuffer(HELLO), 0, 4));
        UnsafeBuffer big = new UnsafeBuffer(new byte[70_000]);
        assertThrows(IllegalArgumentException.class, () -> builder.buildHeaders(big, 65_508));
        assertEquals(65_549, builder.buildHeaders(big, 65_507), "largest IPv4 datagram: total length 65535");
        assertEquals(0xFFFF, u16(big.byteArray(), 14 + 2));
    }

    @Test
    void refusesBadSettings() {
        UdpFrameBuilder builder = new UdpFrameBuilder();
        assertThrows(IllegalArgumentException.class, () -> builder.srcPort(65536));
        assertThrows(IllegalArgumentException.class, () -> builder.dstPort(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.vlan(4096));
        assertThrows(IllegalArgumentException.class, () -> builder.vlan(8, 1));
        assertThrows(IllegalArgumentException.class, () -> builder.ttl(256));
        assertThrows(IllegalArgumentException.class, () -> builder.srcMac(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> builder.srcIp("10.0.0.256"));
        assertFalse(builder.hasVlan());
        assertEquals(42, builder.headerLength());
    }

    @Test
    void buildingAllocatesNothing() throws Exception {
        UdpFrameBuilder builder = builder().vlan(141).udpChecksum(true);
        UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(1600));
        UnsafeBuffer payload = new UnsafeBuffer(ByteBuffer.allocateDirect(1472));
        long bytes = AllocationMeter.bytesAllocated(() -> {
            for (int i = 0; i < 10_000; i++) {
                builder.build(frame, payload, 0, 100 + i % 1000);
                builder.buildHeaders(frame, 200);
            }
        });
        assertTrue(bytes < AllocationMeter.NOISE_BYTES, bytes + " bytes allocated for 20,000 frames");
    }

    /**
     * Rebuilds every frame of the real captures from its UDP payload, with the capture's addresses, ports,
     * VLAN, TTL, identification and DF flag: the result must match byte for byte, which checks the IPv4
     * header checksum and the UDP checksum against what the exchange's network stack computed.
     */
    @Test
    void rebuildsTheRealCapturesByteForByte() throws IOException {
        SharedCaptures.requireDir();
        List<Path> files;
        try (Stream<Path> list = Files.list(SharedCaptures.dir())) {
            files = list.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        int frames = 0;
        for (Path file : files) {
            try (CaptureReader reader = CaptureReader.open(file)) {
                while (reader.next()) {
                    byte[] captured = reader.segment().asSlice(reader.packetOffset(), reader.capturedLength())
                            .toArray(ValueLayout.JAVA_BYTE);
                    assertEquals(0x8100, u16(captured, 12));
                    int ip = 18;
                    UdpFrameBuilder builder = new UdpFrameBuilder()
                            .srcMac(PacketHeaders.getMac(new UnsafeBuffer(captured), 6))
                            .vlan(u16(captured, 14) >>> 13, u16(captured, 14) & 0x0FFF)
                            .identification(u16(captured, ip + 4))
                            .dontFragment((u16(captured, ip + 6) & 0x4000) != 0)
                            .ttl(captured[ip + 8] & 0xFF)
                            .srcIp(new UnsafeBuffer(captured).getInt(ip + 12, java.nio.ByteOrder.BIG_ENDIAN))
                            .dstIp(new UnsafeBuffer(captured).getInt(ip + 16, java.nio.ByteOrder.BIG_ENDIAN))
                            .srcPort(u16(captured, ip + 20))
                            .dstPort(u16(captured, ip + 22))
                            .udpChecksum(true);
                    int payload = ip + 28;
                    byte[] rebuilt = new byte[captured.length + 16];
                    int length = builder.build(new UnsafeBuffer(rebuilt), new UnsafeBuffer(captured), payload,
                            captured.length - payload);
                    assertEquals(HEX.formatHex(captured), HEX.formatHex(rebuilt, 0, length), file + " frame rebuilt");
                    assertArrayEquals(captured, Arrays.copyOf(rebuilt, length));
                    frames++;
                }
            }
        }
        assertEquals(9, frames);
    }
}
