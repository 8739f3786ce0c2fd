package io.mdr.replay.gen;

import io.mdr.replay.capture.CaptureReader;
import io.mdr.replay.gen.CapturedFeed.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedPcapWriterTest {
    private static final GeneratorSettings GENERATOR = GeneratorSettings.defaults().withMessageCount(100_000);
    private static final FeedSettings FEED = FeedSettings.defaults();

    @TempDir
    Path dir;

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        FeedImpairments impairments = new FeedImpairments(0.01, 0.01, 0.005, 0.01, 0.01, 0.002, 4);
        FeedSettings feed = FEED.toBuilder().impairments(impairments).build();
        write(GENERATOR, feed, "one");
        write(GENERATOR, feed, "two");
        write(GENERATOR.withSeed(99), feed, "other");
        for (String file : new String[] {"a.pcap", "b.pcap", "m.pcap"}) {
            byte[] one = Files.readAllBytes(dir.resolve("one").resolve(file));
            assertArrayEquals(one, Files.readAllBytes(dir.resolve("two").resolve(file)), file);
            assertFalse(java.util.Arrays.equals(one, Files.readAllBytes(dir.resolve("other").resolve(file))), file);
        }
    }

    @Test
    void unimpairedLinesCarryEverySequenceOnceInOrderWithinTheMtu() throws IOException {
        FeedReport report = write(GENERATOR, FEED, "clean");
        assertEquals(1, report.firstSequence());
        assertEquals(100_000, report.lastSequence());
        assertEquals(100_000, report.messages());
        assertTrue(report.lostOnBothLines().isEmpty());
        for (String line : new String[] {"a", "b"}) {
            List<Packet> packets = CapturedFeed.read(dir.resolve("clean").resolve(line + ".pcap"));
            LineReport lineReport = line.equals("a") ? report.lineA() : report.lineB();
            UdpEndpoint group = line.equals("a") ? FeedSettings.DEFAULT_GROUP_A : FeedSettings.DEFAULT_GROUP_B;
            assertEquals(lineReport.framesWritten(), packets.size());
            assertEquals(report.packets() + 1, packets.size(), "data packets and the end of session");
            long expected = 1;
            long previousTimestamp = 0;
            for (Packet packet : packets) {
                assertEquals("MDGEN00001", packet.session());
                assertEquals(group.address(), packet.destination());
                assertEquals(group.port(), packet.destinationPort());
                assertEquals(FeedSettings.DEFAULT_SOURCE.address(), packet.source());
                assertEquals(FeedSettings.DEFAULT_SOURCE.port(), packet.sourcePort());
                assertEquals(0, packet.vlanTags());
                assertTrue(packet.payload().length <= 1500 - 28, "UDP payload within the MTU");
                assertTrue(packet.frameLength() - 14 <= 1500, "IP packet within the MTU");
                assertEquals(expected, packet.sequence(), "contiguous sequence numbers");
                assertTrue(packet.timestampNanos() >= previousTimestamp);
                previousTimestamp = packet.timestampNanos();
                expected += packet.messages();
            }
            assertTrue(packets.getLast().isEndOfSession());
            assertEquals(100_001, packets.getLast().sequence(), "end of session announces the next sequence");
            assertEquals(0, lineReport.packetsDropped() + lineReport.duplicates() + lineReport.reorders());
        }
    }

    @Test
    void packetsArePacedAndLineBTrailsLineA() throws IOException {
        FeedReport report = write(GENERATOR, FEED, "paced");
        List<Packet> a = CapturedFeed.read(dir.resolve("paced/a.pcap"));
        List<Packet> b = CapturedFeed.read(dir.resolve("paced/b.pcap"));
        long open = FeedSettings.DEFAULT_MIDNIGHT_EPOCH_NANOS + GeneratorSettings.MARKET_OPEN_NANOS;
        assertEquals(1_735_828_200_000_000_000L, open, "2025-01-02 09:30 New York");
        for (int i = 0; i < report.packets(); i++) {
            assertEquals(open + i * 10_000L, a.get(i).timestampNanos(), "100,000 packets a second");
            assertEquals(a.get(i).timestampNanos() + 2_000, b.get(i).timestampNanos(), "B 2 µs behind A");
        }
    }

    @Test
    void burstsKeepTheAverageRate() throws IOException {
        FeedSettings feed = FEED.toBuilder().burstPackets(10).packetsPerSecond(1_000).build();
        write(GENERATOR.withMessageCount(20_000), feed, "bursty");
        List<Packet> a = CapturedFeed.read(dir.resolve("bursty/a.pcap"));
        long open = FeedSettings.DEFAULT_MIDNIGHT_EPOCH_NANOS + GeneratorSettings.MARKET_OPEN_NANOS;
        for (int i = 0; i + 1 < a.size(); i++) {
            long gap = a.get(i + 1).timestampNanos() - a.get(i).timestampNanos();
            if ((i + 1) % 10 == 0) {
                assertEquals(open + (i + 1) * 1_000_000L, a.get(i + 1).timestampNanos(), "a burst starts on its slot");
            } else {
                assertEquals(FeedLine.wireNanos(a.get(i).frameLength()), gap, "back to back at 10 Gb/s");
            }
        }
    }

    @Test
    void onePacketPerMessageWhenAsked() throws IOException {
        FeedSettings feed = FEED.toBuilder().messagesPerPacket(1).build();
        FeedReport report = write(GENERATOR.withMessageCount(5_000), feed, "single");
        assertEquals(5_000, report.packets());
        assertEquals(1, report.maxMessagesPerPacket());
        List<Packet> packets = CapturedFeed.read(dir.resolve("single/a.pcap"));
        for (int i = 0; i < 5_000; i++) {
            assertEquals(1, packets.get(i).messageCount());
            assertEquals(i + 1, packets.get(i).sequence());
        }
    }

    @Test
    void smallMtuVlanAndOtherAddressesAreHonoured() throws IOException {
        FeedSettings feed = FEED.toBuilder()
                .mtu(200)
                .vlanId(100)
                .session("TEST")
                .firstSequence(1_000)
                .groupA(UdpEndpoint.parse("239.1.1.1:5000"))
                .groupB(UdpEndpoint.parse("239.1.1.2:5001"))
                .source(UdpEndpoint.parse("192.168.0.7:6000"))
                .build();
        FeedReport report = write(GENERATOR.withMessageCount(20_000), feed, "small");
        assertEquals(1_000, report.firstSequence());
        assertEquals(20_999, report.lastSequence());
        List<Packet> b = CapturedFeed.read(dir.resolve("small/b.pcap"));
        long expected = 1_000;
        for (Packet packet : b) {
            assertEquals("TEST      ", packet.session());
            assertEquals(1, packet.vlanTags());
            assertEquals(UdpEndpoint.parse("239.1.1.2:5001").address(), packet.destination());
            assertEquals(5001, packet.destinationPort());
            assertEquals(UdpEndpoint.parse("192.168.0.7:6000").address(), packet.source());
            assertTrue(packet.payload().length <= 200 - 28);
            assertEquals(expected, packet.sequence());
            expected += packet.messages();
        }
        assertEquals(21_000, expected);
    }

    @Test
    void messagesInThePcapsReplayOnAnOrderBook() throws IOException {
        write(GENERATOR, FEED, "book");
        OrderBookModel book = new OrderBookModel();
        for (Packet packet : CapturedFeed.read(dir.resolve("book/a.pcap"))) {
            packet.forEachMessage((sequence, buffer, offset, length) -> book.apply(buffer, offset, length));
        }
        assertEquals(100_000, book.messages());
    }

    @Test
    void lossOnBothLinesIsReportedExactly() throws IOException {
        FeedImpairments impairments = FeedImpairments.NONE.withLossA(0.05).withLossB(0.05).withLossBoth(0.02)
                .withBurstLoss(0.01, 5);
        FeedReport report = write(GENERATOR, FEED.toBuilder().impairments(impairments).build(), "loss");
        BitSet onA = present(CapturedFeed.read(dir.resolve("loss/a.pcap")));
        BitSet onB = present(CapturedFeed.read(dir.resolve("loss/b.pcap")));
        BitSet merged = present(CapturedFeed.read(dir.resolve("loss/m.pcap")));

        BitSet either = (BitSet) onA.clone();
        either.or(onB);
        assertEquals(either, merged, "the merged file holds what the lines hold");
        assertEquals(absent(either, report), expand(report.lostOnBothLines()), "lost on both lines");
        assertEquals(absent(onA, report), expand(report.lineA().lost()), "lost on A");
        assertEquals(absent(onB, report), expand(report.lineB().lost()), "lost on B");
        assertFalse(report.lostOnBothLines().isEmpty());
        assertTrue(report.lineA().packetsDropped() > report.packets() * 0.05);
        assertEquals(report.messages(), report.lineA().messagesSent() + report.lineA().messagesDropped());
        assertEquals(report.messagesLostOnBothLines(), expand(report.lostOnBothLines()).cardinality());
        for (int i = 1; i < report.lostOnBothLines().size(); i++) {
            assertTrue(report.lostOnBothLines().get(i).first() > report.lostOnBothLines().get(i - 1).last() + 1,
                    "adjacent ranges are merged");
        }
    }

    @Test
    void duplicatesAndReordersAreWhereReported() throws IOException {
        FeedImpairments impairments = FeedImpairments.NONE.withDuplicate(0.03).withReorder(0.03);
        FeedReport report = write(GENERATOR, FEED.toBuilder().impairments(impairments).build(), "dupreorder");
        for (String line : new String[] {"a", "b"}) {
            LineReport lineReport = line.equals("a") ? report.lineA() : report.lineB();
            List<Packet> packets = CapturedFeed.read(dir.resolve("dupreorder").resolve(line + ".pcap"));
            assertTrue(lineReport.duplicates() > 0 && lineReport.reorders() > 0);
            assertEquals(report.packets() + lineReport.duplicates() + 1, packets.size());

            Map<Long, Integer> copies = new HashMap<>();
            List<Long> late = new ArrayList<>();
            long highest = 0;
            Packet previous = null;
            for (Packet packet : packets) {
                if (packet.isEndOfSession()) {
                    continue;
                }
                copies.merge(packet.sequence(), 1, Integer::sum);
                boolean duplicate = previous != null && previous.sequence() == packet.sequence();
                if (!duplicate && packet.sequence() < highest) {
                    late.add(packet.sequence());
                }
                highest = Math.max(highest, packet.sequence());
                previous = packet;
            }
            List<Long> twice = new ArrayList<>();
            copies.forEach((sequence, count) -> {
                assertTrue(count <= 2);
                if (count == 2) {
                    twice.add(sequence);
                }
            });
            twice.sort(null);
            assertEquals(toList(lineReport.duplicatedSequences()), twice, "line " + line + " duplicates");
            assertEquals(toList(lineReport.reorderedSequences()), late, "line " + line + " reorders");
            assertEquals(report.packets(), copies.size(), "nothing lost");
        }
    }

    @Test
    void mergedFileInterleavesBothLinesInTimeOrder() throws IOException {
        FeedReport report = write(GENERATOR, FEED.toBuilder()
                .impairments(FeedImpairments.NONE.withLossA(0.1).withDuplicate(0.02).withReorder(0.02))
                .packetsPerSecond(1_000_000)
                .build(), "merged");
        List<Packet> merged = CapturedFeed.read(dir.resolve("merged/m.pcap"));
        assertEquals(report.lineA().framesWritten() + report.lineB().framesWritten(), merged.size());
        assertEquals(report.mergedFrames(), merged.size());
        List<Packet> a = new ArrayList<>();
        List<Packet> b = new ArrayList<>();
        long previous = 0;
        for (Packet packet : merged) {
            assertTrue(packet.timestampNanos() >= previous, "time order");
            previous = packet.timestampNanos();
            (packet.destination() == FeedSettings.DEFAULT_GROUP_A.address() ? a : b).add(packet);
        }
        assertSamePackets(CapturedFeed.read(dir.resolve("merged/a.pcap")), a);
        assertSamePackets(CapturedFeed.read(dir.resolve("merged/b.pcap")), b);
    }

    @Test
    void theReplayToolsCaptureReaderReadsTheFilesAlike() throws IOException {
        write(GENERATOR.withMessageCount(20_000), FEED.toBuilder().vlanId(7).build(), "reader");
        Path file = dir.resolve("reader/m.pcap");
        List<Packet> packets = CapturedFeed.read(file);
        try (CaptureReader reader = CaptureReader.open(file)) {
            assertEquals(CaptureReader.Format.PCAP_NANOS, reader.format());
            for (Packet packet : packets) {
                assertTrue(reader.next());
                assertEquals(1, reader.linkType());
                assertEquals(packet.timestampNanos(), reader.timestampNanos());
                assertEquals(packet.frameLength(), reader.capturedLength());
                byte[] payload = reader.segment()
                        .asSlice(reader.packetOffset() + packet.frameLength() - packet.payload().length,
                                packet.payload().length)
                        .toArray(ValueLayout.JAVA_BYTE);
                assertArrayEquals(packet.payload(), payload);
            }
            assertFalse(reader.next());
        }
    }

    @Test
    void inMemorySinksSeeWhatTheFilesHold() throws IOException {
        FeedReport fromFiles = write(GENERATOR.withMessageCount(10_000), FEED, "files");
        List<Long> timestamps = new ArrayList<>();
        FeedReport inMemory = new FeedPcapWriter(GENERATOR.withMessageCount(10_000), FEED)
                .generate((timestamp, frame, offset, length) -> timestamps.add(timestamp), (t, f, o, l) -> {
                });
        assertEquals(fromFiles.packets(), inMemory.packets());
        List<Packet> a = CapturedFeed.read(dir.resolve("files/a.pcap"));
        assertEquals(a.size(), timestamps.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).timestampNanos(), timestamps.get(i));
        }
    }

    @Test
    void reportsProgress() throws IOException {
        List<Long> seen = new ArrayList<>();
        new FeedPcapWriter(GENERATOR.withMessageCount(200_000), FEED)
                .progressListener((messages, packets) -> seen.add(messages))
                .generate((t, f, o, l) -> {
                }, (t, f, o, l) -> {
                });
        assertEquals(List.of(65_536L, 131_072L, 196_608L, 200_000L), seen);
    }

    @Test
    void rejectsOutputsThatCollideAndSettingsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new FeedOutputs(null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new FeedOutputs(dir.resolve("x"), dir.resolve("./x"), null));
        assertThrows(IllegalArgumentException.class, () -> FEED.toBuilder().mtu(99).build());
        assertThrows(IllegalArgumentException.class, () -> FEED.toBuilder().session("ELEVENCHARS").build());
        assertThrows(IllegalArgumentException.class, () -> FEED.toBuilder().vlanId(4096).build());
        assertThrows(IllegalArgumentException.class, () -> FeedImpairments.NONE.withLossA(1.5));
        assertThrows(IllegalArgumentException.class, () -> FeedImpairments.NONE.withBurstLoss(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> UdpEndpoint.parse("233.54.12.300:1"));
        assertThrows(IllegalArgumentException.class, () -> UdpEndpoint.parse("233.54.12.1"));
        assertEquals("233.54.12.111:26477", FeedSettings.DEFAULT_GROUP_A.toString());
    }

    @Test
    void tenMillionMessagesFitWellUnderAMinute() throws IOException {
        // A sanity bound, not a benchmark: 2M messages through both lines take about a second on the project's VMs.
        long started = System.nanoTime();
        FeedReport report = new FeedPcapWriter(GeneratorSettings.defaults().withMessageCount(2_000_000), FEED)
                .generate((t, f, o, l) -> {
                }, (t, f, o, l) -> {
                });
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(2_000_000, report.messages());
        assertTrue(seconds < 10, "2M messages took " + seconds + " s");
    }

    private FeedReport write(GeneratorSettings generator, FeedSettings feed, String name) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        return new FeedPcapWriter(generator, feed)
                .write(new FeedOutputs(out.resolve("a.pcap"), out.resolve("b.pcap"), out.resolve("m.pcap")));
    }

    private static void assertSamePackets(List<Packet> expected, List<Packet> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).timestampNanos(), actual.get(i).timestampNanos());
            assertArrayEquals(expected.get(i).payload(), actual.get(i).payload());
        }
    }

    /** Sequence numbers carried by the data packets. */
    private static BitSet present(List<Packet> packets) {
        BitSet present = new BitSet();
        for (Packet packet : packets) {
            if (packet.messages() > 0) {
                present.set((int) packet.sequence(), (int) packet.lastSequence() + 1);
            }
        }
        return present;
    }

    private static BitSet absent(BitSet present, FeedReport report) {
        BitSet absent = new BitSet();
        absent.set((int) report.firstSequence(), (int) report.lastSequence() + 1);
        absent.andNot(present);
        return absent;
    }

    private static BitSet expand(List<SequenceRange> ranges) {
        BitSet bits = new BitSet();
        for (SequenceRange range : ranges) {
            bits.set((int) range.first(), (int) range.last() + 1);
        }
        return bits;
    }

    private static List<Long> toList(long[] values) {
        List<Long> list = new ArrayList<>();
        for (long value : values) {
            list.add(value);
        }
        return list;
    }
}
