package io.mdr.replay.capture;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static io.mdr.replay.capture.CaptureBytes.data;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures beyond 2 GiB (and 4 GiB) are read with long offsets.
 *
 * <p>Filling gigabytes with real records would take minutes, so the files are sparse: {@code setLength}
 * makes a file of the full size at once, only a few kilobytes at its ends are written, and the reader is
 * given records whose lengths carry it across the gap without touching the zeros in between:
 * <ul>
 *   <li>pcap: a snaplen of 2^31-1 allows a first record of 2^31-8 captured (zero) bytes, so the second
 *       record starts at 2^31+32, past the signed 32-bit range;</li>
 *   <li>pcapng: skippable blocks of 2^31 and 2^32-4 bytes (both negative as Java ints) put packets
 *       beyond 2 GiB and beyond 4 GiB, where offsets no longer fit even unsigned 32 bits.</li>
 * </ul>
 * The bytes of the far packets are compared through the mapping and through their native addresses.
 */
// A reader that lost its place could loop for ever: fail instead of hanging the build.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CaptureReaderLargeFileTest {
    private static final long TWO_GIB = 1L << 31;
    private static final long FOUR_GIB = 1L << 32;

    @TempDir
    Path dir;

    @Test
    void pcapRecordsBeyondTwoGiB() throws IOException {
        Path file = dir.resolve("large.pcap");
        int hugeLength = Integer.MAX_VALUE - 7; // 2^31 - 8
        byte[] far = data(1000, 7);
        byte[] last = data(64, 8);
        long second = 24 + 16 + (long) hugeLength;
        long third = second + 16 + far.length;
        long size = third + 16 + last.length;
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
            ByteBuffer header = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(CaptureBytes.PCAP_NANOS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(Integer.MAX_VALUE).putInt(1)
                    .putInt(100).putInt(1).putInt(hugeLength).putInt(hugeLength);
            out.write(header.array());
            out.seek(second);
            out.write(record(200, 2, far));
            out.write(record(300, 3, last));
        }
        assertEquals(TWO_GIB + 32, second, "the second record lies past 2^31");

        try (CaptureReader reader = CaptureReader.open(file)) {
            assertEquals(size, reader.fileSize());
            assertTrue(reader.next());
            assertEquals(40, reader.packetOffset());
            assertEquals(hugeLength, reader.capturedLength());
            assertEquals(0, reader.segment().get(ValueLayout.JAVA_BYTE, 40L + hugeLength - 1), "last byte of the huge packet");

            assertTrue(reader.next());
            assertEquals(second + 16, reader.packetOffset());
            assertEquals(200_000_000_002L, reader.timestampNanos());
            assertFarPacket(reader, far);
            assertTrue(reader.position() > TWO_GIB);

            assertTrue(reader.next());
            assertEquals(third + 16, reader.packetOffset());
            assertFarPacket(reader, last);
            assertFalse(reader.next());
            assertEquals(size, reader.position());
        }
        assertEquals(3, CaptureReader.countPackets(file));
    }

    @Test
    void pcapngBlocksBeyondTwoAndFourGiB() throws IOException {
        Path file = dir.resolve("large.pcapng");
        byte[] near = data(60, 1);
        byte[] beyondTwo = data(333, 2);
        byte[] beyondFour = data(1514, 3);
        CaptureBytes.Pcapng head = new CaptureBytes.Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(1, 0, 9, null)
                .enhancedPacket(0, 1, near, near.length, false);
        byte[] headBytes = head.bytes();
        long filler1 = headBytes.length;
        long filler1Length = TWO_GIB;            // 0x80000000: negative as an int
        long epb2 = filler1 + filler1Length;
        byte[] epb2Bytes = enhancedPacketBlock(2, beyondTwo);
        long filler2 = epb2 + epb2Bytes.length;
        long filler2Length = FOUR_GIB - 4;       // the longest block pcapng allows
        long epb3 = filler2 + filler2Length;
        byte[] epb3Bytes = enhancedPacketBlock(3, beyondFour);
        long size = epb3 + epb3Bytes.length;
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
            out.write(headBytes);
            writeSkippedBlock(out, filler1, filler1Length);
            out.seek(epb2);
            out.write(epb2Bytes);
            writeSkippedBlock(out, filler2, filler2Length);
            out.seek(epb3);
            out.write(epb3Bytes);
        }
        assertTrue(epb2 > TWO_GIB && epb2 < FOUR_GIB && epb3 > FOUR_GIB);

        try (CaptureReader reader = CaptureReader.open(file)) {
            assertTrue(reader.next());
            assertFarPacket(reader, near);
            assertTrue(reader.next());
            assertEquals(epb2 + 28, reader.packetOffset());
            assertEquals(2, reader.timestampNanos());
            assertFarPacket(reader, beyondTwo);
            assertTrue(reader.next());
            assertEquals(epb3 + 28, reader.packetOffset());
            assertEquals(3, reader.timestampNanos());
            assertFarPacket(reader, beyondFour);
            assertFalse(reader.next());
            assertEquals(size, reader.position());
        }
    }

    private static void assertFarPacket(CaptureReader reader, byte[] expected) {
        assertEquals(expected.length, reader.capturedLength());
        assertArrayEquals(expected, reader.segment().asSlice(reader.packetOffset(), expected.length)
                .toArray(ValueLayout.JAVA_BYTE));
        byte[] viaAddress = new byte[expected.length];
        new UnsafeBuffer(reader.packetAddress(), expected.length).getBytes(0, viaAddress);
        assertArrayEquals(expected, viaAddress);
    }

    private static byte[] record(int seconds, int nanos, byte[] data) {
        return ByteBuffer.allocate(16 + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(seconds).putInt(nanos).putInt(data.length).putInt(data.length).put(data).array();
    }

    private static byte[] enhancedPacketBlock(long ticks, byte[] data) {
        int length = 32 + ((data.length + 3) & ~3);
        ByteBuffer block = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        block.putInt(6).putInt(length).putInt(0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                .putInt(data.length).putInt(data.length).put(data);
        block.putInt(length - 4, length);
        return block.array();
    }

    /** A custom block (type 0x00000BAD) of which only the header and trailer are written. */
    private static void writeSkippedBlock(RandomAccessFile out, long offset, long length) throws IOException {
        out.seek(offset);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x00000BAD).putInt((int) length).array());
        out.seek(offset + length - 4);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) length).array());
    }
}
