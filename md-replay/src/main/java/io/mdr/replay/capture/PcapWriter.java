package io.mdr.replay.capture;

import org.agrona.DirectBuffer;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a nanosecond libpcap file of Ethernet frames, little-endian (magic {@code 4d 3c b2 a1}, version 2.4,
 * the layout {@code tcpdump --time-stamp-precision=nano} writes).
 *
 * <p>Records collect in a direct buffer and reach the file in large writes; {@link #write} allocates nothing.
 * A frame longer than the snapshot length is truncated to it, its original length kept, as a capture would.
 * Not thread-safe.
 */
public final class PcapWriter implements AutoCloseable {
    /** LINKTYPE_ETHERNET. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** The snapshot length tcpdump and Wireshark use by default. */
    public static final int DEFAULT_SNAP_LENGTH = 262_144;
    private static final int VERSION_MAJOR = 2;
    private static final int VERSION_MINOR = 4;
    private static final int MIN_BUFFER_CAPACITY = 1 << 20;
    private static final long MAX_SECONDS = 0xFFFF_FFFFL;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    /** The buffer as a segment, made once, for copies out of mapped captures. */
    private final MemorySegment bufferSegment;
    private final int snapLength;
    private long packetCount;
    private boolean closed;

    /** Creates (or truncates) a file with the default snapshot length of 256 KiB. */
    public PcapWriter(Path file) throws IOException {
        this(file, DEFAULT_SNAP_LENGTH);
    }

    /** Creates (or truncates) a file; frames longer than {@code snapLength} are truncated. */
    public PcapWriter(Path file, int snapLength) throws IOException {
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snapLength must be positive: " + snapLength);
        }
        this.file = file;
        this.snapLength = snapLength;
        this.buffer = ByteBuffer.allocateDirect(Math.max(MIN_BUFFER_CAPACITY, 2 * (snapLength + CaptureReader.PCAP_RECORD_HEADER_LENGTH)))
                .order(ByteOrder.LITTLE_ENDIAN);
        this.bufferSegment = MemorySegment.ofBuffer(buffer);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        buffer.putInt(CaptureReader.PCAP_MAGIC_NANOS)
                .putShort((short) VERSION_MAJOR)
                .putShort((short) VERSION_MINOR)
                .putInt(0) // thiszone: timestamps are UTC
                .putInt(0) // sigfigs
                .putInt(snapLength)
                .putInt(LINKTYPE_ETHERNET);
    }

    /** Appends a frame captured whole. */
    public void write(long timestampNanos, DirectBuffer frame, int offset, int length) throws IOException {
        write(timestampNanos, frame, offset, length, length);
    }

    /** Appends a frame of which {@code length} bytes were captured out of {@code originalLength} on the wire. */
    public void write(long timestampNanos, DirectBuffer frame, int offset, int length, int originalLength)
            throws IOException {
        int captured = recordHeader(timestampNanos, length, originalLength);
        frame.getBytes(offset, buffer, buffer.position(), captured);
        buffer.position(buffer.position() + captured);
    }

    /**
     * Appends a frame from a memory segment, e.g. the current packet of a {@link CaptureReader}
     * ({@code reader.segment(), reader.packetOffset(), ...}).
     */
    public void write(long timestampNanos, MemorySegment source, long offset, int length, int originalLength)
            throws IOException {
        int captured = recordHeader(timestampNanos, length, originalLength);
        MemorySegment.copy(source, offset, bufferSegment, buffer.position(), captured);
        buffer.position(buffer.position() + captured);
    }

    /** Frames written so far. */
    public long packetCount() {
        return packetCount;
    }

    public int snapLength() {
        return snapLength;
    }

    public Path file() {
        return file;
    }

    /** Writes the buffered records to the file. */
    public void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Flushes and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            flush();
        }
    }

    /** Writes the record header, making room first; returns the number of bytes to copy after it. */
    private int recordHeader(long timestampNanos, int length, int originalLength) throws IOException {
        if (length < 0 || originalLength < length) {
            throw new IllegalArgumentException("bad lengths: captured " + length + ", original " + originalLength);
        }
        long seconds = Math.floorDiv(timestampNanos, CaptureReader.NANOS_PER_SECOND);
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("timestamp " + timestampNanos + " ns is outside pcap's 32-bit seconds");
        }
        int captured = Math.min(length, snapLength);
        if (buffer.remaining() < CaptureReader.PCAP_RECORD_HEADER_LENGTH + captured) {
            flush();
        }
        buffer.putInt((int) seconds)
                .putInt((int) Math.floorMod(timestampNanos, CaptureReader.NANOS_PER_SECOND))
                .putInt(captured)
                .putInt(originalLength);
        packetCount++;
        return captured;
    }
}
