package io.mdr.receiver;

import io.mdr.journal.JournalFormat;
import io.mdr.testing.ReceiverProcess;
import io.mdr.testing.SharedData;
import io.mdr.testing.SyntheticCapture;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's floor ({@code receiver.mode=journal-raw}): every UDP payload of the capture, byte for byte and in
 * order, in raw records of the Chronicle queue at {@code journal.path}, each with its rx and journal time; no
 * channel or message record (nothing parsed); rx-to-journal reported as for the full pipeline. The expected payloads
 * come from an independent walk of the pcap (Ethernet, 802.1Q, IPv4, UDP), not from the receiver's parser.
 */
class ReceiverJournalRawTest {

    @Test
    void everyUdpPayloadIsJournaledUnparsedInOrder(@TempDir Path dir) throws Exception {
        Path capture = SyntheticCapture.write(dir.resolve("stream.pcap"), "RAWFLOOR", 1, 3_000, 3);
        Path other = SharedData.capture("Multiple.Packets.pcap");
        checkFloor(dir.resolve("a"), capture);
        checkFloor(dir.resolve("b"), other);
    }

    private static void checkFloor(Path dir, Path capture) throws Exception {
        Files.createDirectories(dir);
        Path journal = dir.resolve("journal");
        Path config = Files.writeString(dir.resolve("receiver.properties"), String.join("\n",
                "eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix md-raw-"
                        + ProcessHandle.current().pid() + "-" + dir.getFileName(),
                "receiver.core=" + (Runtime.getRuntime().availableProcessors() - 1),
                "receiver.mode=journal-raw",
                "port.device=net_pcap0,rx_pcap=" + capture,
                "journal.path=" + journal,
                "stats.countersFile=" + dir.resolve("counters.dat"),
                ""));
        ReceiverProcess.Result run = ReceiverProcess.run(ReceiverMain.class.getName(),
                List.of("--config", config.toString(), "--exit-when-idle", "1500", "--warmup-packets", "1"), 120);
        String out = run.output();
        assertEquals(0, run.exitCode(), out);
        assertTrue(out.contains("mode journal-raw (the journal's floor"), out);
        assertTrue(out.contains("(full)"), out);

        List<byte[]> expected = udpPayloads(capture);
        Matcher records = Pattern.compile("journal records (\\d+)").matcher(out);
        assertTrue(records.find(), out);
        assertEquals(expected.size(), Long.parseLong(records.group(1)), out);
        Matcher latency = Pattern.compile("rx->journal +n=(\\d+)").matcher(out);
        assertTrue(latency.find(), out);
        assertEquals(expected.size(), Long.parseLong(latency.group(1)), out);
        assertTrue(out.contains("allocation after warm-up"), out);

        List<byte[]> journaled = new ArrayList<>();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(journal.toFile()).readOnly(true).build();
             ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> bytes = dc.wire().bytes();
                    while (bytes.readRemaining() > 0) {
                        assertEquals(JournalFormat.RAW, bytes.readByte(), "only raw records: nothing is parsed");
                        long rxNanos = bytes.readLong();
                        long journalNanos = bytes.readLong();
                        assertTrue(rxNanos > 0 && journalNanos >= rxNanos, rxNanos + " " + journalNanos);
                        byte[] payload = new byte[bytes.readUnsignedShort()];
                        bytes.read(payload);
                        journaled.add(payload);
                    }
                }
            }
        }
        assertEquals(expected.size(), journaled.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), journaled.get(i), "payload " + i);
        }
    }

    /** Every UDP payload of a pcap (µs or ns), walked by hand. */
    private static List<byte[]> udpPayloads(Path capture) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(capture)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> payloads = new ArrayList<>();
        int position = 24;
        while (position + 16 <= file.limit()) {
            int captured = file.getInt(position + 8);
            ByteBuffer frame = file.slice(position + 16, captured).order(ByteOrder.BIG_ENDIAN);
            position += 16 + captured;
            int l3 = 14;
            int etherType = frame.getShort(12) & 0xFFFF;
            while (etherType == 0x8100 || etherType == 0x88A8) {
                etherType = frame.getShort(l3 + 2) & 0xFFFF;
                l3 += 4;
            }
            if (etherType != 0x0800 || frame.get(l3 + 9) != 17) {
                continue;
            }
            int udp = l3 + (frame.get(l3) & 0x0F) * 4;
            int length = (frame.getShort(udp + 4) & 0xFFFF) - 8;
            payloads.add(Arrays.copyOfRange(frame.array(), frame.arrayOffset() + udp + 8, frame.arrayOffset() + udp + 8 + length));
        }
        return payloads;
    }
}
