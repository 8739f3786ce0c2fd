package io.mdr.replay.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real NASDAQ captures (nanosecond pcap, 802.1Q, IPv4, UDP, MoldUDP64) read as their README describes
 * them: packet counts, MoldUDP64 sequence numbers and message counts, lengths and timestamps.
 */
class CaptureReaderRealCapturesTest {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int ETH_VLAN_HEADER = 18;
    private static final int IP_UDP_HEADERS = 28;
    private static final int MOLD = ETH_VLAN_HEADER + IP_UDP_HEADERS;
    private static final Map<Character, Integer> ITCH_LENGTHS = Map.of('A', 36, 'F', 40, 'D', 19, 'E', 31,
            'U', 35, 'H', 25, 'L', 26, 'I', 50);

    @ParameterizedTest
    @CsvSource({
            "AddOrderNoMpidAttributionMessage.pcap, 14757721, A",
            "MarketParticipantPositionMessage.pcap, 17861990, L",
            "NetOrderImbalanceIndicatorMessage.pcap, 14757919, I",
            "OrderDeleteMessage.pcap, 14757722, D",
            "OrderExecutedMessage.pcap, 14757745, E",
            "OrderReplaceMessage.pcap, 14757701, U",
            "StockTradingActionMessage.pcap, 34147961, H"})
    void singleMessageCaptures(String name, long sequence, char type) throws IOException {
        Path file = SharedCaptures.require(name);
        List<Frame> frames = frames(file);
        assertEquals(1, frames.size());
        Frame frame = frames.getFirst();
        assertEquals(sequence, frame.sequence());
        assertEquals(Map.of(type, 1), frame.messageTypes());
        assertEquals(1, CaptureReader.countPackets(file));
    }

    @Test
    void multiplePackets() throws IOException {
        Path file = SharedCaptures.require(SharedCaptures.MULTIPLE_PACKETS);
        List<Frame> frames = frames(file);
        assertEquals(2, frames.size());
        assertEquals(14764496, frames.get(0).sequence());
        assertEquals(Map.of('D', 1), frames.get(0).messageTypes());
        assertEquals(19009117, frames.get(1).sequence());
        assertEquals(Map.of('A', 36, 'F', 2), frames.get(1).messageTypes());
        assertTrue(frames.get(1).timestampNanos() >= frames.get(0).timestampNanos(), "timestamps in order");
    }

    @Test
    void orderDeleteTimestampAndLayout() throws IOException {
        Path file = SharedCaptures.require(SharedCaptures.ORDER_DELETE);
        try (CaptureReader reader = CaptureReader.open(file)) {
            assertEquals(CaptureReader.Format.PCAP_NANOS, reader.format());
            assertEquals(1, reader.linkType());
            assertEquals(262_144, reader.snapLength());
            assertTrue(reader.next());
            // ts_sec 0x64e4b858, ts_nsec 0x0000ea22 in the record header
            assertEquals(1_692_711_000_000_059_938L, reader.timestampNanos());
            assertEquals(87, reader.capturedLength());
            assertEquals(87, reader.originalLength());
            assertEquals(40, reader.packetOffset());
            assertFalse(reader.next());
            assertEquals(reader.fileSize(), reader.position());
        }
    }

    @Test
    void editcapPcapngOfOrderDeleteReadsLikeThePcap(@TempDir Path dir) throws IOException {
        Path pcap = SharedCaptures.require(SharedCaptures.ORDER_DELETE);
        Path pcapng = Files.write(dir.resolve("editcap.pcapng"), HexFormat.of().parseHex(CaptureBytes.EDITCAP_ORDER_DELETE_PCAPNG));
        CaptureBytes.assertSamePackets(CaptureBytes.readAll(pcap), CaptureBytes.readAll(pcapng));
    }

    @Test
    void everySharedCaptureIsConsistent() throws IOException {
        SharedCaptures.requireDir();
        List<Path> files;
        try (Stream<Path> list = Files.list(SharedCaptures.dir())) {
            files = list.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        assertEquals(8, files.size(), "captures listed in the README");
        long total = 0;
        for (Path file : files) {
            List<Frame> frames = frames(file);
            long previous = Long.MIN_VALUE;
            for (Frame frame : frames) {
                assertTrue(frame.timestampNanos() >= previous, file + ": timestamps must not go back");
                previous = frame.timestampNanos();
            }
            try (CaptureReader reader = CaptureReader.open(file)) {
                List<CaptureBytes.Packet> first = CaptureBytes.readAll(reader);
                reader.rewind();
                CaptureBytes.assertSamePackets(first, CaptureBytes.readAll(reader));
            }
            total += frames.size();
        }
        assertEquals(9, total);
    }

    /** What a test checks of one captured frame. */
    record Frame(long timestampNanos, long sequence, Map<Character, Integer> messageTypes) {
    }

    /** Reads every frame, checking its lengths against its IPv4, UDP and MoldUDP64 headers on the way. */
    private static List<Frame> frames(Path file) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(file)) {
            while (reader.next()) {
                assertEquals(reader.originalLength(), reader.capturedLength(), "whole frames were captured");
                MemorySegment frame = reader.segment().asSlice(reader.packetOffset(), reader.capturedLength());
                assertEquals((short) 0x8100, frame.get(U16, 12), "802.1Q tag");
                assertEquals((short) 0x0800, frame.get(U16, 16), "IPv4");
                int ipTotalLength = Short.toUnsignedInt(frame.get(U16, ETH_VLAN_HEADER + 2));
                assertEquals(ETH_VLAN_HEADER + ipTotalLength, reader.capturedLength(), "IPv4 total length");
                int udpLength = Short.toUnsignedInt(frame.get(U16, ETH_VLAN_HEADER + 24));
                assertEquals(ipTotalLength - 20, udpLength, "UDP length");
                assertEquals(0xE9360C6F, frame.get(U32, ETH_VLAN_HEADER + 16), "233.54.12.111");
                String session = new String(frame.asSlice(MOLD, 10).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
                assertEquals("000010059B", session);
                long sequence = frame.get(U64, MOLD + 10);
                int count = Short.toUnsignedInt(frame.get(U16, MOLD + 18));
                Map<Character, Integer> types = new TreeMap<>();
                long block = MOLD + 20;
                for (int i = 0; i < count; i++) {
                    int length = Short.toUnsignedInt(frame.get(U16, block));
                    char type = (char) frame.get(ValueLayout.JAVA_BYTE, block + 2);
                    assertEquals(ITCH_LENGTHS.get(type), length, "ITCH 5.0 length of a '" + type + "' message");
                    types.merge(type, 1, Integer::sum);
                    block += 2 + length;
                }
                assertEquals(reader.capturedLength(), block, "message blocks fill the frame exactly");
                frames.add(new Frame(reader.timestampNanos(), sequence, types));
            }
        }
        return frames;
    }
}
