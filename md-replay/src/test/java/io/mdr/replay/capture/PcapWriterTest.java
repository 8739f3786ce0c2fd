package io.mdr.replay.capture;

import io.mdr.replay.capture.CaptureBytes.Packet;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.mdr.replay.capture.CaptureBytes.data;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapWriterTest {
    @TempDir
    Path dir;

    @Test
    void headerAndRecordBytes() throws IOException {
        Path file = dir.resolve("one.pcap");
        try (PcapWriter writer = new PcapWriter(file)) {
            writer.write(1_692_711_000_000_059_938L, new UnsafeBuffer(new byte[] {9, 1, 2, 3, 9}), 1, 3);
            assertEquals(1, writer.packetCount());
        }
        String expected = "4d3cb2a1" + "0200" + "0400" + "00000000" + "00000000" + "00000400" + "01000000"
                + "58b8e464" + "22ea0000" + "03000000" + "03000000" + "010203";
        assertEquals(expected, HexFormat.of().formatHex(Files.readAllBytes(file)));
    }

    @Test
    void realCapturesRoundTripByteForByte() throws IOException {
        SharedCaptures.requireDir();
        List<Path> files;
        try (Stream<Path> list = Files.list(SharedCaptures.dir())) {
            files = list.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        assertTrue(files.size() > 0);
        for (Path original : files) {
            Path fromSegment = dir.resolve("segment-" + original.getFileName());
            Path fromBuffer = dir.resolve("buffer-" + original.getFileName());
            try (CaptureReader reader = CaptureReader.open(original);
                 PcapWriter segmentWriter = new PcapWriter(fromSegment);
                 PcapWriter bufferWriter = new PcapWriter(fromBuffer)) {
                UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
                while (reader.next()) {
                    segmentWriter.write(reader.timestampNanos(), reader.segment(), reader.packetOffset(),
                            reader.capturedLength(), reader.originalLength());
                    frame.wrap(reader.packetAddress(), reader.capturedLength());
                    bufferWriter.write(reader.timestampNanos(), frame, 0, reader.capturedLength());
                }
            }
            assertEquals(-1, Files.mismatch(original, fromSegment), original + " rewritten from the mapping");
            assertEquals(-1, Files.mismatch(original, fromBuffer), original + " rewritten from a DirectBuffer");
        }
    }

    @Test
    void manyFramesAcrossBufferFlushesReadBack() throws IOException {
        Path file = dir.resolve("many.pcap");
        List<Packet> expected = new ArrayList<>();
        UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(2000));
        long t = 1_700_000_000_123_456_789L;
        try (PcapWriter writer = new PcapWriter(file)) {
            for (int i = 0; i < 5_000; i++) {
                byte[] data = data(60 + i % 1400, i);
                frame.putBytes(0, data);
                writer.write(t + i * 997L, frame, 0, data.length);
                expected.add(new Packet(t + i * 997L, data));
            }
        }
        try (CaptureReader reader = CaptureReader.open(file)) {
            assertEquals(CaptureReader.Format.PCAP_NANOS, reader.format());
            assertEquals(PcapWriter.LINKTYPE_ETHERNET, reader.linkType());
            assertEquals(PcapWriter.DEFAULT_SNAP_LENGTH, reader.snapLength());
            CaptureBytes.assertSamePackets(expected, CaptureBytes.readAll(reader));
        }
    }

    @Test
    void framesLongerThanTheSnaplenAreCut() throws IOException {
        Path file = dir.resolve("snap.pcap");
        byte[] data = data(200, 1);
        try (PcapWriter writer = new PcapWriter(file, 128)) {
            writer.write(5, new UnsafeBuffer(data), 0, data.length);
        }
        List<Packet> packets = CaptureBytes.readAll(file);
        assertEquals(1, packets.size());
        assertArrayEquals(Arrays.copyOf(data, 128), packets.getFirst().data());
        assertEquals(200, packets.getFirst().originalLength());
        assertEquals(5, packets.getFirst().timestampNanos());
    }

    @Test
    void timestampsOutsidePcapRangeAreRefused() throws IOException {
        try (PcapWriter writer = new PcapWriter(dir.resolve("range.pcap"))) {
            UnsafeBuffer frame = new UnsafeBuffer(new byte[60]);
            assertThrows(IllegalArgumentException.class, () -> writer.write(-1, frame, 0, 60));
            assertThrows(IllegalArgumentException.class, () -> writer.write((1L << 32) * 1_000_000_000L, frame, 0, 60));
            writer.write((1L << 32) * 1_000_000_000L - 1, frame, 0, 60); // the last representable nanosecond
        }
        try (CaptureReader reader = CaptureReader.open(dir.resolve("range.pcap"))) {
            assertTrue(reader.next());
            assertEquals((1L << 32) * 1_000_000_000L - 1, reader.timestampNanos());
        }
    }

    @Test
    void writingAllocatesNothing() throws Exception {
        Path file = dir.resolve("alloc.pcap");
        UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(100));
        try (PcapWriter writer = new PcapWriter(file)) {
            // 2 x 2,000 records of 116 bytes stay inside the 1 MiB buffer: this measures write(), not the file system.
            long bytes = AllocationMeter.bytesAllocated(() -> {
                for (int i = 0; i < 2_000; i++) {
                    writer.write(i, frame, 0, 100);
                }
            });
            assertTrue(bytes < AllocationMeter.NOISE_BYTES, bytes + " bytes allocated for 2,000 frames");
        }
        assertEquals(4_000, CaptureReader.countPackets(file));
    }

    @Test
    void writerOutputIsLittleEndianNanosecondPcap() throws IOException {
        Path file = dir.resolve("empty.pcap");
        new PcapWriter(file).close();
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24, header.capacity());
        assertEquals(0xA1B23C4D, header.getInt(0));
        assertEquals(0, CaptureReader.countPackets(file));
    }
}
