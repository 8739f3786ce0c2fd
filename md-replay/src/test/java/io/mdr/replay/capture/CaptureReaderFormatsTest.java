package io.mdr.replay.capture;

import io.mdr.replay.capture.CaptureBytes.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.mdr.replay.capture.CaptureBytes.assertSamePackets;
import static io.mdr.replay.capture.CaptureBytes.data;
import static io.mdr.replay.capture.CaptureBytes.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pcap (µs and ns, both byte orders) and pcapng files built by hand read back exactly as written. */
class CaptureReaderFormatsTest {
    private static final long T0 = 1_692_710_488_000_059_000L;
    /** Timestamps in whole microseconds, so that every format can carry them exactly. */
    private static final List<Packet> PACKETS = List.of(
            new Packet(T0, data(87, 1)),
            new Packet(T0 + 1_000, data(60, 2)),
            new Packet(T0 + 1_000, data(1, 3)),            // same time, odd length (pcapng pads it)
            new Packet(T0 + 2_000_000_123_000L, data(0, 4)), // empty capture of a packet
            new Packet(T0 + 3_000_000_000_000L, data(64, 5), 1514)); // cut by a snaplen

    @TempDir
    Path dir;

    @Test
    void microsecondPcapInBothByteOrders() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            Path file = write("micros-" + order + ".pcap", CaptureBytes.pcap(order, false, 65535, 1, PACKETS));
            try (CaptureReader reader = CaptureReader.open(file)) {
                assertEquals(CaptureReader.Format.PCAP_MICROS, reader.format());
                assertEquals(1, reader.linkType());
                assertEquals(65535, reader.snapLength());
                assertSamePackets(PACKETS, readAll(reader));
            }
        }
    }

    @Test
    void nanosecondPcapInBothByteOrders() throws IOException {
        List<Packet> packets = new ArrayList<>(PACKETS);
        packets.add(new Packet(T0 + 3_000_000_000_999L, data(20, 6)));
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            Path file = write("nanos-" + order + ".pcap", CaptureBytes.pcap(order, true, 262144, 228, packets));
            try (CaptureReader reader = CaptureReader.open(file)) {
                assertEquals(CaptureReader.Format.PCAP_NANOS, reader.format());
                assertEquals(228, reader.linkType(), "LINKTYPE_IPV4");
                assertSamePackets(packets, readAll(reader));
            }
        }
    }

    @Test
    void pcapLinkTypeIgnoresFcsBits() throws IOException {
        // The top four bits of the link-type field say whether frames carry an FCS (here: 4 bytes of it).
        Path file = write("fcs.pcap", CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, true, 65535, 0xA000_0001, PACKETS));
        try (CaptureReader reader = CaptureReader.open(file)) {
            assertEquals(1, reader.linkType());
        }
    }

    @Test
    void pcapngReadsLikeTheSamePcapInBothByteOrders() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            CaptureBytes.Pcapng pcapng = new CaptureBytes.Pcapng().section(order)
                    .interfaceDescription(1, 65535, null, null); // no if_tsresol: microseconds
            for (int i = 0; i < PACKETS.size(); i++) {
                Packet packet = PACKETS.get(i);
                pcapng.enhancedPacket(0, packet.timestampNanos() / 1_000, packet.data(), packet.originalLength(), i % 2 == 0);
            }
            Path ng = write("same-" + order + ".pcapng", pcapng.bytes());
            Path pcap = write("same-" + order + ".pcap", CaptureBytes.pcap(order, false, 65535, 1, PACKETS));
            try (CaptureReader reader = CaptureReader.open(ng)) {
                assertEquals(CaptureReader.Format.PCAPNG, reader.format());
                assertEquals(1, reader.linkType(), "known from the interface description before the first packet");
                assertEquals(65535, reader.snapLength());
                assertSamePackets(PACKETS, readAll(reader));
            }
            assertSamePackets(readAll(pcap), readAll(ng));
        }
    }

    @Test
    void pcapngTimestampResolutionsAndOffsets() throws IOException {
        long ticks = 1_692_710_488_123_456_789L;
        CaptureBytes.Pcapng pcapng = new CaptureBytes.Pcapng().section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(1, 0, 9, null)              // 0: nanoseconds
                .interfaceDescription(1, 0, 0x80 | 30, null)      // 1: 2^-30 s
                .interfaceDescription(1, 0, 3, 100L)              // 2: milliseconds, +100 s
                .interfaceDescription(1, 0, 12, -5L)              // 3: picoseconds, -5 s
                .interfaceDescription(1, 0, 0x80 | 63, null)      // 4: 2^-63 s
                .interfaceDescription(1, 0, 0, null);             // 5: seconds
        long[] ifTicks = {ticks, 1_692_710_488L << 30 | 987_654_321L, 1_692_710_488_123L, ticks, Long.MAX_VALUE, 1_692_710_488L};
        for (int i = 0; i < ifTicks.length; i++) {
            pcapng.enhancedPacket(i, ifTicks[i], data(10, i), 10, false);
        }
        long[] expected = {
                ticks,
                exactNanos(ifTicks[1], BigInteger.ONE.shiftLeft(30)),
                1_692_710_488_123_000_000L + 100_000_000_000L,
                ticks / 1000 - 5_000_000_000L,
                exactNanos(Long.MAX_VALUE, BigInteger.ONE.shiftLeft(63)),
                1_692_710_488_000_000_000L};
        try (CaptureReader reader = CaptureReader.open(write("resolutions.pcapng", pcapng.bytes()))) {
            for (int i = 0; i < expected.length; i++) {
                assertTrue(reader.next());
                assertEquals(i, reader.interfaceId());
                assertEquals(expected[i], reader.timestampNanos(), "interface " + i);
            }
            assertFalse(reader.next());
        }
    }

    /** floor(ticks * 1e9 / unitsPerSecond), computed independently with BigInteger. */
    private static long exactNanos(long ticks, BigInteger unitsPerSecond) {
        return BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(1_000_000_000L)).divide(unitsPerSecond).longValueExact();
    }

    @Test
    void pcapngSimpleObsoleteAndSkippedBlocksAndSections() throws IOException {
        byte[] a = data(100, 1);
        byte[] b = data(33, 2);
        byte[] c = data(64, 3);
        byte[] d = data(40, 4);
        byte[] e = data(17, 5);
        CaptureBytes.Pcapng pcapng = new CaptureBytes.Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .otherBlock(0x0000000A, 24)                            // decryption secrets before any interface
                .interfaceDescription(1, 64, 9, null)
                .otherBlock(0x00000004, 12)                            // name resolution
                .enhancedPacket(0, 5_000, a, a.length, true)           // 100 bytes although snaplen is 64: allowed
                .simplePacket(java.util.Arrays.copyOf(b, 33), 33)
                .otherBlock(0x00000005, 20)                            // interface statistics
                .simplePacket(java.util.Arrays.copyOf(c, 64), 1500)    // cut to snaplen 64
                .otherBlock(0x00000BAD, 9)                             // custom block
                .obsoletePacket(0, 7_000, d)
                .otherBlock(0x12345678, 0)                             // unknown type
                // A second section in the other byte order: its interfaces replace the first section's.
                .section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(101, 0, 6, null)
                .enhancedPacket(0, 9, e, 18, false);
        try (CaptureReader reader = CaptureReader.open(write("mixed.pcapng", pcapng.bytes()))) {
            assertTrue(reader.next());
            assertArrayEquals(a, bytes(reader));
            assertEquals(5_000, reader.timestampNanos());
            assertEquals(1, reader.linkType());

            assertTrue(reader.next());
            assertArrayEquals(b, bytes(reader));
            assertEquals(33, reader.originalLength());
            assertEquals(5_000, reader.timestampNanos(), "a simple packet block repeats the previous timestamp");

            assertTrue(reader.next());
            assertArrayEquals(c, bytes(reader));
            assertEquals(64, reader.capturedLength(), "min(original length, snaplen)");
            assertEquals(1500, reader.originalLength());

            assertTrue(reader.next());
            assertArrayEquals(d, bytes(reader));
            assertEquals(7_000, reader.timestampNanos());

            assertTrue(reader.next());
            assertArrayEquals(e, bytes(reader));
            assertEquals(18, reader.originalLength());
            assertEquals(9_000, reader.timestampNanos(), "microseconds in the second section");
            assertEquals(101, reader.linkType(), "the second section's interface 0");
            assertFalse(reader.next());
            assertEquals(reader.fileSize(), reader.position());
        }
    }

    @Test
    void pcapngWrittenByEditcap() throws IOException {
        Path file = write("editcap.pcapng", HexFormat.of().parseHex(CaptureBytes.EDITCAP_ORDER_DELETE_PCAPNG));
        try (CaptureReader reader = CaptureReader.open(file)) {
            assertEquals(CaptureReader.Format.PCAPNG, reader.format());
            assertEquals(1, reader.linkType());
            assertEquals(262_144, reader.snapLength());
            assertTrue(reader.next());
            assertEquals(1_692_711_000_000_059_938L, reader.timestampNanos());
            assertEquals(87, reader.capturedLength());
            assertEquals(87, reader.originalLength());
            assertEquals(168, reader.packetOffset());
            assertEquals("01005e360c6f", HexFormat.of().formatHex(bytes(reader), 0, 6), "multicast MAC opens the frame");
            assertFalse(reader.next());
        }
    }

    @Test
    void rewindReplaysTheSamePackets() throws IOException {
        CaptureBytes.Pcapng pcapng = new CaptureBytes.Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(1, 0, 9, null)
                .enhancedPacket(0, 1, data(10, 1), 10, false)
                .section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(1, 0, 6, null)
                .enhancedPacket(0, 2, data(20, 2), 20, false);
        for (Path file : List.of(write("rewind.pcapng", pcapng.bytes()),
                write("rewind.pcap", CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, false, 0, 1, PACKETS)))) {
            try (CaptureReader reader = CaptureReader.open(file)) {
                List<Packet> first = readAll(reader);
                assertFalse(first.isEmpty());
                assertEquals(-1, reader.packetOffset());
                reader.rewind();
                assertSamePackets(first, readAll(reader));
                // Rewinding mid-file, too.
                reader.rewind();
                assertTrue(reader.next());
                reader.rewind();
                assertSamePackets(first, readAll(reader));
            }
        }
    }

    @Test
    void positionTracksProgress() throws IOException {
        Path file = write("progress.pcap", CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, true, 0, 1, PACKETS));
        List<Long> offsets = CaptureBytes.pcapRecordOffsets(PACKETS);
        try (CaptureReader reader = CaptureReader.open(file)) {
            assertEquals(24, reader.position());
            assertEquals(Files.size(file), reader.fileSize());
            for (int i = 0; i < PACKETS.size(); i++) {
                assertTrue(reader.next());
                assertEquals(offsets.get(i) + 16, reader.packetOffset());
                assertEquals(reader.packetOffset() + reader.capturedLength(), reader.position());
                assertEquals(reader.segment().address() + reader.packetOffset(), reader.packetAddress());
            }
            assertFalse(reader.next());
            assertEquals(reader.fileSize(), reader.position());
        }
    }

    @Test
    void countPackets() throws IOException {
        assertEquals(PACKETS.size(), CaptureReader.countPackets(
                write("count.pcap", CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 0, 1, PACKETS))));
        assertEquals(0, CaptureReader.countPackets(
                write("header-only.pcap", CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 0, 1, List.of()))));
        assertEquals(0, CaptureReader.countPackets(
                write("no-packets.pcapng", new CaptureBytes.Pcapng().section(ByteOrder.LITTLE_ENDIAN).bytes())));
    }

    @Test
    void iteratingAllocatesNothing() throws Exception {
        List<Packet> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(new Packet(T0 + i * 1_000L, data(60 + i % 40, i)));
        }
        Path pcap = write("many.pcap", CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, true, 0, 1, many));
        CaptureBytes.Pcapng pcapng = new CaptureBytes.Pcapng().section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(1, 0, 9, null);
        for (Packet packet : many) {
            pcapng.enhancedPacket(0, packet.timestampNanos(), packet.data(), packet.data().length, false);
        }
        Path ng = write("many.pcapng", pcapng.bytes());
        for (Path file : List.of(pcap, ng)) {
            try (CaptureReader reader = CaptureReader.open(file)) {
                long[] checksum = new long[1];
                long bytes = AllocationMeter.bytesAllocated(() -> {
                    reader.rewind();
                    long sum = 0;
                    while (reader.next()) {
                        sum += reader.timestampNanos() + reader.capturedLength() + reader.originalLength()
                                + reader.packetOffset() + reader.packetAddress() + reader.linkType();
                    }
                    checksum[0] = sum;
                });
                assertTrue(bytes < AllocationMeter.NOISE_BYTES, file + ": " + bytes + " bytes allocated for 20,000 packets");
                assertTrue(checksum[0] != 0);
            }
        }
    }

    private static byte[] bytes(CaptureReader reader) {
        return reader.segment().asSlice(reader.packetOffset(), reader.capturedLength())
                .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
