package io.mdr.replay.capture;

import io.mdr.replay.capture.CaptureBytes.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.mdr.replay.capture.CaptureBytes.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Truncated and corrupt captures fail loudly, naming the file, the offset and the problem. */
// A reader that lost its place could loop for ever: fail instead of hanging the build.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CaptureReaderCorruptionTest {
    private static final List<Packet> PACKETS = List.of(
            new Packet(1_000_000_000L, data(60, 1)),
            new Packet(2_000_000_000L, data(13, 2)),
            new Packet(3_000_000_000L, data(0, 3)),
            new Packet(4_000_000_000L, data(87, 4)));

    @TempDir
    Path dir;

    @Test
    void emptyFile() throws IOException {
        Path file = write("empty.pcap", new byte[0]);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.open(file));
        assertEquals(0, e.offset());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void badMagic() throws IOException {
        Path file = write("text.pcap", "this is not a capture\n".getBytes(StandardCharsets.US_ASCII));
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.open(file));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("bad magic 0x74686973"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void everyCutOfAPcapFailsAtTheRecordItCuts() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            byte[] whole = CaptureBytes.pcap(order, order == ByteOrder.BIG_ENDIAN, 65535, 1, PACKETS);
            List<Long> records = CaptureBytes.pcapRecordOffsets(PACKETS);
            for (int cut = 1; cut < whole.length; cut++) {
                Path file = write("cut-" + order + "-" + cut + ".pcap", Arrays.copyOf(whole, cut));
                long expectedOffset = 0;
                int packetsBefore = 0;
                for (int i = 0; i < records.size(); i++) {
                    long start = records.get(i);
                    long end = start + 16 + PACKETS.get(i).data().length;
                    if (end <= cut) {
                        packetsBefore++;
                    } else if (start < cut) {
                        expectedOffset = start;
                    }
                }
                final int at = cut;
                boolean atBoundary = cut == 24 || records.stream().anyMatch(r -> r == at);
                checkCut(file, cut, atBoundary, packetsBefore, expectedOffset);
            }
        }
    }

    @Test
    void everyCutOfAPcapngFailsAtTheBlockItCuts() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            CaptureBytes.Pcapng pcapng = new CaptureBytes.Pcapng().section(order)
                    .interfaceDescription(1, 0, 9, null)
                    .enhancedPacket(0, 10, data(60, 1), 60, true)
                    .otherBlock(0x00000005, 16)
                    .simplePacket(data(13, 2), 13)
                    .enhancedPacket(0, 30, data(0, 3), 0, false)
                    .section(order == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                    .interfaceDescription(1, 0, 6, null)
                    .enhancedPacket(0, 40, data(87, 4), 87, false);
            byte[] whole = pcapng.bytes();
            List<Long> blocks = pcapng.blockOffsets();
            // Which blocks hold packets, to know how many packets precede a cut.
            boolean[] packet = {false, false, true, false, true, true, false, false, true};
            assertEquals(packet.length, blocks.size());
            for (int cut = 1; cut < whole.length; cut++) {
                Path file = write("cut-" + order + "-" + cut + ".pcapng", Arrays.copyOf(whole, cut));
                long expectedOffset = 0;
                int packetsBefore = 0;
                boolean atBoundary = false;
                for (int b = 0; b < blocks.size(); b++) {
                    if (blocks.get(b) == cut) {
                        atBoundary = true;
                    }
                    if (blocks.get(b) < cut) {
                        expectedOffset = blocks.get(b);
                        long end = b + 1 < blocks.size() ? blocks.get(b + 1) : whole.length;
                        if (packet[b] && end <= cut) {
                            packetsBefore++;
                        }
                    }
                }
                checkCut(file, cut, atBoundary, packetsBefore, expectedOffset);
            }
        }
    }

    /**
     * A cut at a record or block boundary leaves a shorter valid file; any other cut reads the packets
     * before it, then fails at the offset of the record or block it cuts.
     */
    private static void checkCut(Path file, int cut, boolean atBoundary, int packetsBefore, long expectedOffset)
            throws IOException {
        int read = 0;
        try (CaptureReader reader = CaptureReader.open(file)) {
            while (reader.next()) {
                read++;
            }
            if (!atBoundary) {
                fail("cut at " + cut + " read " + read + " packets without an error");
            }
            assertEquals(packetsBefore, read, "packets before a cut at " + cut);
        } catch (CaptureFormatException e) {
            if (atBoundary) {
                fail("cut at boundary " + cut + " is a valid file", e);
            }
            assertEquals(packetsBefore, read, "packets read before the error for a cut at " + cut + ": " + e.getMessage());
            assertEquals(expectedOffset, e.offset(), "cut at " + cut + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertTrue(e.getMessage().endsWith(" at offset " + expectedOffset), e.getMessage());
        }
    }

    @Test
    void truncatedFinalRecordIsNotASilentEnd() throws IOException {
        byte[] whole = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, true, 65535, 1, PACKETS);
        long last = CaptureBytes.pcapRecordOffsets(PACKETS).get(3);
        Path headerCut = write("header-cut.pcap", Arrays.copyOf(whole, (int) last + 5));
        Path dataCut = write("data-cut.pcap", Arrays.copyOf(whole, whole.length - 1));
        try (CaptureReader reader = CaptureReader.open(headerCut)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(reader.next());
            }
            CaptureFormatException e = assertThrows(CaptureFormatException.class, reader::next);
            assertEquals(headerCut + ": record header truncated (5 of 16 bytes present) at offset " + last, e.getMessage());
        }
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.countPackets(dataCut));
        assertEquals(dataCut + ": captured length 87 exceeds the 86 bytes remaining after the record header at offset "
                + last, e.getMessage());
    }

    @Test
    void truncatedFileHeader() throws IOException {
        byte[] whole = CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, false, 65535, 1, PACKETS);
        Path file = write("short-header.pcap", Arrays.copyOf(whole, 20));
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.open(file));
        assertEquals(file + ": pcap file header truncated (20 of 24 bytes present) at offset 0", e.getMessage());
        Path three = write("three.pcap", Arrays.copyOf(whole, 3));
        e = assertThrows(CaptureFormatException.class, () -> CaptureReader.open(three));
        assertTrue(e.getMessage().contains("too short to hold a magic number (3 bytes)"), e.getMessage());
    }

    @Test
    void capturedLengthAboveSnaplen() throws IOException {
        byte[] bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, true, 64, 1, PACKETS); // packet 3 has 87 bytes
        Path file = write("snaplen.pcap", bytes);
        long record = CaptureBytes.pcapRecordOffsets(PACKETS).get(3);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.countPackets(file));
        assertEquals(file + ": captured length 87 exceeds snaplen 64 at offset " + record, e.getMessage());
    }

    @Test
    void hugeCapturedLengthWithoutSnaplen() throws IOException {
        byte[] bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, true, 0, 1, PACKETS);
        long record = CaptureBytes.pcapRecordOffsets(PACKETS).get(1);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) record + 8, 0xFFFF_FFF0);
        Path file = write("huge.pcap", bytes);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.countPackets(file));
        assertEquals(record, e.offset());
        assertTrue(e.getMessage().contains("captured length 4294967280 exceeds the"), e.getMessage());
    }

    @Test
    void blockLengthMismatch() throws IOException {
        CaptureBytes.Pcapng pcapng = validPcapng(ByteOrder.BIG_ENDIAN);
        byte[] bytes = pcapng.bytes();
        long epb = pcapng.blockOffsets().get(2);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int length = buffer.getInt((int) epb + 4);
        buffer.putInt((int) epb + length - 4, length + 4);
        Path file = write("mismatch.pcapng", bytes);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.countPackets(file));
        assertEquals(file + ": block length mismatch: leading total length " + length + ", trailing total length "
                + (length + 4) + " (block type 0x6) at offset " + epb, e.getMessage());
    }

    @Test
    void blockLengthNotAMultipleOfFour() throws IOException {
        CaptureBytes.Pcapng pcapng = validPcapng(ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = pcapng.bytes();
        long idb = pcapng.blockOffsets().get(1);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) idb + 4, 21);
        Path file = write("odd.pcapng", bytes);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.countPackets(file));
        assertEquals(idb, e.offset());
        assertTrue(e.problem().startsWith("invalid block total length 21"), e.getMessage());
    }

    @Test
    void enhancedPacketLongerThanItsBlock() throws IOException {
        CaptureBytes.Pcapng pcapng = validPcapng(ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = pcapng.bytes();
        long epb = pcapng.blockOffsets().get(2);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) epb + 20, 61);
        Path file = write("epb-caplen.pcapng", bytes);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.countPackets(file));
        assertEquals(epb, e.offset());
        assertTrue(e.problem().startsWith("captured length 61 exceeds the 60 bytes of packet data"), e.getMessage());
    }

    @Test
    void packetOfAnUnknownInterface() throws IOException {
        CaptureBytes.Pcapng pcapng = new CaptureBytes.Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(1, 0, 9, null)
                .enhancedPacket(1, 10, data(20, 1), 20, false);
        Path file = write("interface.pcapng", pcapng.bytes());
        try (CaptureReader reader = CaptureReader.open(file)) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class, reader::next);
            assertEquals(pcapng.blockOffsets().get(2), e.offset());
            assertTrue(e.problem().contains("refers to interface 1 but its section describes 1"), e.getMessage());
        }
        CaptureBytes.Pcapng noInterface = new CaptureBytes.Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .simplePacket(data(20, 1), 20);
        Path spb = write("no-interface.pcapng", noInterface.bytes());
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.countPackets(spb));
        assertTrue(e.problem().contains("before any interface description"), e.getMessage());
    }

    @Test
    void badSectionHeader() throws IOException {
        byte[] bytes = validPcapng(ByteOrder.LITTLE_ENDIAN).bytes();
        byte[] badMagic = bytes.clone();
        ByteBuffer.wrap(badMagic).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x11223344);
        Path magic = write("bom.pcapng", badMagic);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.open(magic));
        assertEquals(magic + ": section header block has bad byte-order magic 0x44332211 at offset 0", e.getMessage());

        byte[] version = bytes.clone();
        ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) 2);
        Path v2 = write("v2.pcapng", version);
        e = assertThrows(CaptureFormatException.class, () -> CaptureReader.open(v2));
        assertTrue(e.problem().equals("unsupported pcapng version 2.0"), e.getMessage());
    }

    @Test
    void interfaceOptionOverrunningItsBlock() throws IOException {
        CaptureBytes.Pcapng pcapng = new CaptureBytes.Pcapng().section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(1, 0, 9, null);
        byte[] bytes = pcapng.bytes();
        long idb = pcapng.blockOffsets().get(1);
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).putShort((int) idb + 18, (short) 200);
        Path file = write("option.pcapng", bytes);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureReader.open(file));
        assertEquals(idb + 16, e.offset());
        assertTrue(e.problem().contains("option 9 of length 200 overruns its block"), e.getMessage());
    }

    private static CaptureBytes.Pcapng validPcapng(ByteOrder order) {
        return new CaptureBytes.Pcapng().section(order)
                .interfaceDescription(1, 0, 9, null)
                .enhancedPacket(0, 10, data(60, 1), 60, false)
                .enhancedPacket(0, 20, data(30, 2), 30, false);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
