package io.mdr.book;

import io.mdr.receiver.ReceiverMain;
import io.mdr.testing.PcapMessages;
import io.mdr.testing.ReceiverProcess;
import io.mdr.testing.SharedData;
import io.mdr.tools.BookMain;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance on real NASDAQ data: every capture of shared/data/itch50, merged into one feed in sequence order, goes
 * through {@code md-receiver --pcap} into a journal, and {@code md-book --snapshot --depth 5} prints exactly the
 * books of {@link ReferenceBook} fed the same messages read from the pcaps by hand.
 */
class RealCaptureSnapshotTest {

    @Test
    void mdBookSnapshotOfTheReceivedCapturesEqualsTheReferenceBook(@TempDir Path dir) throws Exception {
        Path merged = mergeInSequenceOrder(SharedData.allCaptures(), dir.resolve("itch50-merged.pcap"));
        Path queue = dir.resolve("journal");
        ReceiverProcess.Result receiver = ReceiverProcess.run(ReceiverMain.class.getName(), List.of(
                "--pcap", merged.toString(), "--queue", queue.toString(),
                "--counters", dir.resolve("counters.dat").toString(), "--exit-when-idle", "500"), 120);
        assertEquals(0, receiver.exitCode(), receiver.output());

        ReferenceBook reference = new ReferenceBook();
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        List<PcapMessages.Message> messages = PcapMessages.read(merged);
        reference.markStale(messages.getFirst().sequence());
        for (PcapMessages.Message message : messages) {
            buffer.putBytes(0, message.bytes());
            reference.apply(buffer, 0, message.bytes().length, message.sequence());
        }
        List<String> expected = reference.snapshot(5);
        assertEquals(2, expected.size(), "IVOO and META rest orders: " + expected);
        assertTrue(expected.get(1).startsWith("{\"stockLocate\":6514,\"stock\":null,\"bids\":[[805200,1],[805000,2],"
                + "[802900,28],[802600,1],[801100,5]],\"asks\":[[3573300,100],"), expected.get(1));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = BookMain.run(new String[] {"--queue", queue.toString(), "--snapshot", "--depth", "5"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> true);
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        assertEquals(expected, out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** The packets of every capture in one nanosecond pcap, ordered by their MoldUDP64 sequence numbers. */
    static Path mergeInSequenceOrder(List<Path> captures, Path merged) throws IOException {
        record Packet(long sequence, byte[] record) {
        }
        List<Packet> packets = new ArrayList<>();
        byte[] header = null;
        for (Path capture : captures) {
            byte[] bytes = Files.readAllBytes(capture);
            ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (header == null) {
                header = java.util.Arrays.copyOf(bytes, 24);
            }
            int position = 24;
            while (position + 16 <= bytes.length) {
                int captured = file.getInt(position + 8);
                ByteBuffer frame = file.slice(position + 16, captured).order(ByteOrder.BIG_ENDIAN);
                int ip = 14;
                while ((frame.getShort(ip - 2) & 0xFFFF) == 0x8100) {
                    ip += 4;
                }
                long sequence = frame.getLong(ip + (frame.get(ip) & 0x0F) * 4 + 8 + 10);
                packets.add(new Packet(sequence, java.util.Arrays.copyOfRange(bytes, position, position + 16 + captured)));
                position += 16 + captured;
            }
        }
        packets.sort(Comparator.comparingLong(Packet::sequence));
        try (var stream = Files.newOutputStream(merged)) {
            stream.write(header);
            for (Packet packet : packets) {
                stream.write(packet.record());
            }
        }
        return merged;
    }
}
