package io.mdr.replay.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a pcap (microsecond or nanosecond, either byte order) or pcapng file through one read-only memory
 * mapping, one packet at a time, without copying packets or allocating per packet.
 *
 * <pre>{@code
 * try (CaptureReader reader = CaptureReader.open(path)) {
 *     while (reader.next()) {
 *         send(reader.packetAddress(), reader.capturedLength(), reader.timestampNanos());
 *     }
 * }
 * }</pre>
 *
 * <p>The cursor methods ({@link #packetOffset()}, {@link #capturedLength()}, ...) describe the packet the last
 * {@link #next()} moved to; after {@code next()} returns {@code false} the offset is -1 and the lengths 0.
 * Records are checked as the cursor reaches them: a file whose last record is cut short reads normally up to
 * that record and then fails with a {@link CaptureFormatException} at the record's offset.
 *
 * <p>pcapng: Section Header, Interface Description (with {@code if_tsresol} and {@code if_tsoffset}),
 * Enhanced Packet, Simple Packet and the obsolete Packet Block are understood; other blocks are skipped.
 * Each section may have its own byte order. A Simple Packet Block has no timestamp: it reports the timestamp
 * of the packet before it (0 if none), which to a paced replay means "send at once".
 *
 * <p>The mapping lives in a shared arena: the reader may be opened on one thread and read on another, but
 * only one thread may use it at a time, and the segment and addresses it hands out are invalid after
 * {@link #close()}.
 */
public final class CaptureReader implements AutoCloseable {
    /** The kind of capture file. */
    public enum Format {
        /** libpcap with microsecond timestamps (magic {@code 0xa1b2c3d4}). */
        PCAP_MICROS,
        /** libpcap with nanosecond timestamps (magic {@code 0xa1b23c4d}). */
        PCAP_NANOS,
        /** pcapng. */
        PCAPNG
    }

    static final int PCAP_MAGIC_MICROS = 0xA1B2C3D4;
    static final int PCAP_MAGIC_NANOS = 0xA1B23C4D;
    static final int PCAP_FILE_HEADER_LENGTH = 24;
    static final int PCAP_SNAPLEN_OFFSET = 16;
    static final int PCAP_LINKTYPE_OFFSET = 20;
    /** The low 28 bits of the link-type field; the high 4 describe the FCS, if any. */
    static final int PCAP_LINKTYPE_MASK = 0x0FFF_FFFF;
    static final int PCAP_RECORD_HEADER_LENGTH = 16;
    static final int PCAP_RECORD_SECONDS_OFFSET = 0;
    static final int PCAP_RECORD_FRACTION_OFFSET = 4;
    static final int PCAP_RECORD_CAPTURED_OFFSET = 8;
    static final int PCAP_RECORD_ORIGINAL_OFFSET = 12;

    static final int PCAPNG_SECTION_HEADER = 0x0A0D0D0A;
    static final int PCAPNG_INTERFACE_DESCRIPTION = 0x00000001;
    static final int PCAPNG_OBSOLETE_PACKET = 0x00000002;
    static final int PCAPNG_SIMPLE_PACKET = 0x00000003;
    static final int PCAPNG_ENHANCED_PACKET = 0x00000006;
    static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int PCAPNG_BLOCK_HEADER_LENGTH = 8;
    /** Type, total length and the trailing copy of the total length. */
    static final int PCAPNG_MIN_BLOCK_LENGTH = 12;
    static final int PCAPNG_SHB_BYTE_ORDER_OFFSET = 8;
    static final int PCAPNG_SHB_MAJOR_OFFSET = 12;
    static final int PCAPNG_SHB_MINOR_OFFSET = 14;
    static final int PCAPNG_SHB_MIN_LENGTH = 28;
    static final int PCAPNG_IDB_LINKTYPE_OFFSET = 8;
    static final int PCAPNG_IDB_SNAPLEN_OFFSET = 12;
    static final int PCAPNG_IDB_OPTIONS_OFFSET = 16;
    static final int PCAPNG_IDB_MIN_LENGTH = 20;
    static final int PCAPNG_EPB_INTERFACE_OFFSET = 8;
    static final int PCAPNG_EPB_TIMESTAMP_HIGH_OFFSET = 12;
    static final int PCAPNG_EPB_TIMESTAMP_LOW_OFFSET = 16;
    static final int PCAPNG_EPB_CAPTURED_OFFSET = 20;
    static final int PCAPNG_EPB_ORIGINAL_OFFSET = 24;
    static final int PCAPNG_EPB_DATA_OFFSET = 28;
    static final int PCAPNG_EPB_MIN_LENGTH = 32;
    static final int PCAPNG_SPB_ORIGINAL_OFFSET = 8;
    static final int PCAPNG_SPB_DATA_OFFSET = 12;
    static final int PCAPNG_SPB_MIN_LENGTH = 16;
    static final int PCAPNG_OPTION_END = 0;
    static final int PCAPNG_OPTION_IF_TSRESOL = 9;
    static final int PCAPNG_OPTION_IF_TSOFFSET = 14;

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = {
            1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
            10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
            1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
            1_000_000_000_000_000_000L};
    /** pcapng's default resolution when an interface has no {@code if_tsresol}: microseconds. */
    private static final int DEFAULT_TSRESOL = 6;

    // Timestamp conversions of a pcapng interface: ticks times a factor, ticks divided by one, or binary.
    private static final byte TS_MULTIPLY = 0;
    private static final byte TS_DIVIDE = 1;
    private static final byte TS_BINARY = 2;

    // Native-order unaligned accessors; a file in the other byte order is read through reverseBytes.
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT_BIG_ENDIAN = INT.withOrder(ByteOrder.BIG_ENDIAN);

    private final Path file;
    private final Arena arena;
    private final MemorySegment segment;
    private final long size;
    private final Format format;
    private boolean closed;

    /** True when the file (pcap) or the current section (pcapng) is not in this machine's byte order. */
    private boolean swapped;
    private long position;

    private long packetOffset = -1;
    private int capturedLength;
    private int originalLength;
    private long timestampNanos;
    private int interfaceId;

    // pcap
    private int pcapLinkType;
    private int pcapSnapLength;
    private long pcapFractionNanos;

    // pcapng: interfaces of the current section, indexed by interface id
    private int interfaceCount;
    private int[] ifLinkType = new int[4];
    private int[] ifSnapLength = new int[4];
    private byte[] ifTsKind = new byte[4];
    private long[] ifTsFactor = new long[4];
    private long[] ifTsOffsetNanos = new long[4];

    private CaptureReader(Path file, Arena arena, MemorySegment segment) throws CaptureFormatException {
        this.file = file;
        this.arena = arena;
        this.segment = segment;
        this.size = segment.byteSize();
        if (size < 4) {
            throw new CaptureFormatException(file, 0, "file too short to hold a magic number (" + size + " bytes)");
        }
        int magic = segment.get(INT, 0);
        if (magic == PCAPNG_SECTION_HEADER) {
            format = Format.PCAPNG;
            readLeadingMetadata();
        } else {
            if (magic == PCAP_MAGIC_MICROS || magic == PCAP_MAGIC_NANOS) {
                swapped = false;
            } else if (Integer.reverseBytes(magic) == PCAP_MAGIC_MICROS || Integer.reverseBytes(magic) == PCAP_MAGIC_NANOS) {
                swapped = true;
                magic = Integer.reverseBytes(magic);
            } else {
                throw new CaptureFormatException(file, 0, String.format(
                        "bad magic 0x%08x: not a pcap or pcapng file", segment.get(INT_BIG_ENDIAN, 0)));
            }
            format = magic == PCAP_MAGIC_NANOS ? Format.PCAP_NANOS : Format.PCAP_MICROS;
            pcapFractionNanos = magic == PCAP_MAGIC_NANOS ? 1 : 1000;
            if (size < PCAP_FILE_HEADER_LENGTH) {
                throw new CaptureFormatException(file, 0, "pcap file header truncated (" + size + " of "
                        + PCAP_FILE_HEADER_LENGTH + " bytes present)");
            }
            pcapSnapLength = readInt(PCAP_SNAPLEN_OFFSET);
            pcapLinkType = readInt(PCAP_LINKTYPE_OFFSET) & PCAP_LINKTYPE_MASK;
            position = PCAP_FILE_HEADER_LENGTH;
        }
    }

    /**
     * Maps a capture file and reads its file header (pcap) or the blocks before its first packet (pcapng).
     *
     * @throws CaptureFormatException if the file is empty or not a valid pcap or pcapng file
     * @throws IOException            if the file cannot be opened or mapped
     */
    public static CaptureReader open(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment segment;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size == 0) {
                    throw new CaptureFormatException(file, 0, "file is empty (0 bytes): no pcap or pcapng header");
                }
                // The mapping outlives the channel; it is unmapped when the arena closes.
                segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            }
            return new CaptureReader(file, arena, segment);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Counts the packets of a capture, checking every record on the way. */
    public static long countPackets(Path file) throws IOException {
        try (CaptureReader reader = open(file)) {
            long count = 0;
            while (reader.next()) {
                count++;
            }
            return count;
        }
    }

    /**
     * Moves to the next packet.
     *
     * @return {@code false} at the end of the file
     * @throws CaptureFormatException if the next record or block is truncated or corrupt
     */
    public boolean next() throws CaptureFormatException {
        return format == Format.PCAPNG ? nextPcapngPacket() : nextPcapRecord();
    }

    /** Goes back to before the first packet, e.g. to loop a replay. */
    public void rewind() {
        clearPacket();
        timestampNanos = 0;
        if (format == Format.PCAPNG) {
            position = 0;
            interfaceCount = 0;
            try {
                readLeadingMetadata();
            } catch (CaptureFormatException e) {
                // The same bytes were read when the file was opened: only a file changed under the mapping gets here.
                throw new UncheckedIOException(e);
            }
        } else {
            position = PCAP_FILE_HEADER_LENGTH;
        }
    }

    /** Offset of the current packet's first byte in {@link #segment()}, -1 when there is none. */
    public long packetOffset() {
        return packetOffset;
    }

    /** Native address of the current packet's first byte, for copying it into native memory. */
    public long packetAddress() {
        return segment.address() + packetOffset;
    }

    /** Bytes of the current packet present in the file. */
    public int capturedLength() {
        return capturedLength;
    }

    /** Length of the current packet on the wire (at least {@link #capturedLength()} in a sane file). */
    public int originalLength() {
        return originalLength;
    }

    /** Capture time of the current packet, nanoseconds since the epoch. */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** pcapng interface id of the current packet; always 0 for pcap. */
    public int interfaceId() {
        return interfaceId;
    }

    /**
     * Link type (LINKTYPE_*, 1 for Ethernet): for pcapng that of the current packet's interface, or of the
     * first interface before the first packet; -1 if a pcapng file describes no interface.
     */
    public int linkType() {
        if (format != Format.PCAPNG) {
            return pcapLinkType;
        }
        return interfaceCount > interfaceId ? ifLinkType[interfaceId] : -1;
    }

    /** Snapshot length of the file (pcap) or of the current packet's interface (pcapng); 0 means none. */
    public int snapLength() {
        if (format != Format.PCAPNG) {
            return pcapSnapLength;
        }
        return interfaceCount > interfaceId ? ifSnapLength[interfaceId] : 0;
    }

    /** The whole file, mapped read-only. */
    public MemorySegment segment() {
        return segment;
    }

    public Format format() {
        return format;
    }

    public Path file() {
        return file;
    }

    public long fileSize() {
        return size;
    }

    /** Offset of the first byte not yet read: with {@link #fileSize()}, the progress through the file. */
    public long position() {
        return position;
    }

    /** Unmaps the file. Segments and addresses from this reader must not be used afterwards. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }

    private boolean nextPcapRecord() throws CaptureFormatException {
        long offset = position;
        long remaining = size - offset;
        if (remaining == 0) {
            clearPacket();
            return false;
        }
        if (remaining < PCAP_RECORD_HEADER_LENGTH) {
            throw error(offset, "record header truncated (" + remaining + " of " + PCAP_RECORD_HEADER_LENGTH
                    + " bytes present)");
        }
        long seconds = readUnsignedInt(offset + PCAP_RECORD_SECONDS_OFFSET);
        long fraction = readUnsignedInt(offset + PCAP_RECORD_FRACTION_OFFSET);
        long captured = readUnsignedInt(offset + PCAP_RECORD_CAPTURED_OFFSET);
        long original = readUnsignedInt(offset + PCAP_RECORD_ORIGINAL_OFFSET);
        if (pcapSnapLength != 0 && captured > Integer.toUnsignedLong(pcapSnapLength)) {
            throw error(offset, "captured length " + captured + " exceeds snaplen "
                    + Integer.toUnsignedLong(pcapSnapLength));
        }
        long available = remaining - PCAP_RECORD_HEADER_LENGTH;
        if (captured > available) {
            throw error(offset, "captured length " + captured + " exceeds the " + available
                    + " bytes remaining after the record header");
        }
        if (captured > Integer.MAX_VALUE) {
            throw error(offset, "captured length " + captured + " exceeds the supported maximum " + Integer.MAX_VALUE);
        }
        packetOffset = offset + PCAP_RECORD_HEADER_LENGTH;
        capturedLength = (int) captured;
        originalLength = (int) Math.min(original, Integer.MAX_VALUE);
        timestampNanos = seconds * NANOS_PER_SECOND + fraction * pcapFractionNanos;
        interfaceId = 0;
        position = packetOffset + captured;
        return true;
    }

    private boolean nextPcapngPacket() throws CaptureFormatException {
        while (position < size) {
            if (readBlock()) {
                return true;
            }
        }
        clearPacket();
        return false;
    }

    /** Reads the section header and interface descriptions up to the first packet, so linkType() is known. */
    private void readLeadingMetadata() throws CaptureFormatException {
        while (position < size && !packetBlockAt(position)) {
            readBlock();
        }
    }

    private boolean packetBlockAt(long offset) {
        if (size - offset < PCAPNG_BLOCK_HEADER_LENGTH) {
            return false;
        }
        int type = readInt(offset);
        return type == PCAPNG_ENHANCED_PACKET || type == PCAPNG_SIMPLE_PACKET || type == PCAPNG_OBSOLETE_PACKET;
    }

    /**
     * Checks and reads the block at {@link #position}, then moves past it.
     *
     * @return true if it was a packet, now the current one
     */
    private boolean readBlock() throws CaptureFormatException {
        long offset = position;
        long remaining = size - offset;
        if (remaining < PCAPNG_BLOCK_HEADER_LENGTH) {
            throw error(offset, "block header truncated (" + remaining + " of " + PCAPNG_BLOCK_HEADER_LENGTH
                    + " bytes present)");
        }
        int type = readInt(offset);
        if (type == PCAPNG_SECTION_HEADER) {
            // The type reads the same in both byte orders; the section's byte order decides everything after it.
            if (remaining < PCAPNG_SHB_BYTE_ORDER_OFFSET + 4) {
                throw error(offset, "section header block truncated (" + remaining + " of at least "
                        + PCAPNG_SHB_MIN_LENGTH + " bytes present)");
            }
            int byteOrderMagic = segment.get(INT, offset + PCAPNG_SHB_BYTE_ORDER_OFFSET);
            if (byteOrderMagic == PCAPNG_BYTE_ORDER_MAGIC) {
                swapped = false;
            } else if (Integer.reverseBytes(byteOrderMagic) == PCAPNG_BYTE_ORDER_MAGIC) {
                swapped = true;
            } else {
                throw error(offset, String.format("section header block has bad byte-order magic 0x%08x",
                        segment.get(INT_BIG_ENDIAN, offset + PCAPNG_SHB_BYTE_ORDER_OFFSET)));
            }
        }
        long length = readUnsignedInt(offset + 4);
        if (length < PCAPNG_MIN_BLOCK_LENGTH || (length & 3) != 0) {
            throw error(offset, "invalid block total length " + length + " (block type " + blockTypeName(type)
                    + "): must be a multiple of 4 and at least " + PCAPNG_MIN_BLOCK_LENGTH);
        }
        if (length > remaining) {
            throw error(offset, "block total length " + length + " exceeds the " + remaining
                    + " bytes remaining (block type " + blockTypeName(type) + ")");
        }
        long trailer = readUnsignedInt(offset + length - 4);
        if (trailer != length) {
            throw error(offset, "block length mismatch: leading total length " + length
                    + ", trailing total length " + trailer + " (block type " + blockTypeName(type) + ")");
        }
        boolean packet = switch (type) {
            case PCAPNG_SECTION_HEADER -> {
                readSectionHeader(offset, length);
                yield false;
            }
            case PCAPNG_INTERFACE_DESCRIPTION -> {
                readInterfaceDescription(offset, length);
                yield false;
            }
            case PCAPNG_ENHANCED_PACKET -> {
                readEnhancedPacket(offset, length, false);
                yield true;
            }
            case PCAPNG_OBSOLETE_PACKET -> {
                readEnhancedPacket(offset, length, true);
                yield true;
            }
            case PCAPNG_SIMPLE_PACKET -> {
                readSimplePacket(offset, length);
                yield true;
            }
            default -> false;
        };
        position = offset + length;
        return packet;
    }

    private void readSectionHeader(long offset, long length) throws CaptureFormatException {
        if (length < PCAPNG_SHB_MIN_LENGTH) {
            throw error(offset, "section header block length " + length + " is below the minimum "
                    + PCAPNG_SHB_MIN_LENGTH);
        }
        int major = readUnsignedShort(offset + PCAPNG_SHB_MAJOR_OFFSET);
        int minor = readUnsignedShort(offset + PCAPNG_SHB_MINOR_OFFSET);
        if (major != 1) {
            throw error(offset, "unsupported pcapng version " + major + "." + minor);
        }
        interfaceCount = 0;
    }

    private void readInterfaceDescription(long offset, long length) throws CaptureFormatException {
        if (length < PCAPNG_IDB_MIN_LENGTH) {
            throw error(offset, "interface description block length " + length + " is below the minimum "
                    + PCAPNG_IDB_MIN_LENGTH);
        }
        int linkType = readUnsignedShort(offset + PCAPNG_IDB_LINKTYPE_OFFSET);
        int snapLength = readInt(offset + PCAPNG_IDB_SNAPLEN_OFFSET);
        int tsresol = DEFAULT_TSRESOL;
        long tsoffsetSeconds = 0;
        long option = offset + PCAPNG_IDB_OPTIONS_OFFSET;
        long optionsEnd = offset + length - 4;
        while (optionsEnd - option >= 4) {
            int code = readUnsignedShort(option);
            int valueLength = readUnsignedShort(option + 2);
            if (option + 4 + valueLength > optionsEnd) {
                throw error(option, "interface description option " + code + " of length " + valueLength
                        + " overruns its block (block at offset " + offset + ")");
            }
            if (code == PCAPNG_OPTION_END) {
                break;
            }
            if (code == PCAPNG_OPTION_IF_TSRESOL && valueLength >= 1) {
                tsresol = Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, option + 4));
            } else if (code == PCAPNG_OPTION_IF_TSOFFSET && valueLength >= 8) {
                tsoffsetSeconds = readLong(option + 4);
            }
            option += 4 + ((valueLength + 3) & ~3);
        }
        byte kind;
        long factor;
        if ((tsresol & 0x80) != 0) {
            int exponent = tsresol & 0x7F;
            if (exponent > 63) {
                throw error(offset, "unsupported if_tsresol 0x" + Integer.toHexString(tsresol)
                        + " (2^-" + exponent + " s)");
            }
            kind = TS_BINARY;
            factor = exponent;
        } else if (tsresol <= 9) {
            kind = TS_MULTIPLY;
            factor = POWERS_OF_TEN[9 - tsresol];
        } else if (tsresol <= 9 + 18) {
            kind = TS_DIVIDE;
            factor = POWERS_OF_TEN[tsresol - 9];
        } else {
            throw error(offset, "unsupported if_tsresol " + tsresol + " (10^-" + tsresol + " s)");
        }
        int id = interfaceCount;
        if (id == ifLinkType.length) {
            // An interface description is metadata, rare and outside the per-packet path: growing here is fine.
            int capacity = id * 2;
            ifLinkType = Arrays.copyOf(ifLinkType, capacity);
            ifSnapLength = Arrays.copyOf(ifSnapLength, capacity);
            ifTsKind = Arrays.copyOf(ifTsKind, capacity);
            ifTsFactor = Arrays.copyOf(ifTsFactor, capacity);
            ifTsOffsetNanos = Arrays.copyOf(ifTsOffsetNanos, capacity);
        }
        ifLinkType[id] = linkType;
        ifSnapLength[id] = snapLength;
        ifTsKind[id] = kind;
        ifTsFactor[id] = factor;
        ifTsOffsetNanos[id] = tsoffsetSeconds * NANOS_PER_SECOND;
        interfaceCount = id + 1;
    }

    private void readEnhancedPacket(long offset, long length, boolean obsolete) throws CaptureFormatException {
        String name = obsolete ? "packet block" : "enhanced packet block";
        if (length < PCAPNG_EPB_MIN_LENGTH) {
            throw error(offset, name + " length " + length + " is below the minimum " + PCAPNG_EPB_MIN_LENGTH);
        }
        // The obsolete Packet Block has a 16-bit interface id followed by a 16-bit drop count.
        long id = obsolete
                ? readUnsignedShort(offset + PCAPNG_EPB_INTERFACE_OFFSET)
                : readUnsignedInt(offset + PCAPNG_EPB_INTERFACE_OFFSET);
        if (id >= interfaceCount) {
            throw error(offset, name + " refers to interface " + id + " but its section describes "
                    + interfaceCount);
        }
        long captured = readUnsignedInt(offset + PCAPNG_EPB_CAPTURED_OFFSET);
        long room = length - PCAPNG_EPB_MIN_LENGTH;
        if (captured > room) {
            throw error(offset, "captured length " + captured + " exceeds the " + room + " bytes of packet data in its "
                    + name + " of total length " + length);
        }
        long ticks = (readUnsignedInt(offset + PCAPNG_EPB_TIMESTAMP_HIGH_OFFSET) << 32)
                | readUnsignedInt(offset + PCAPNG_EPB_TIMESTAMP_LOW_OFFSET);
        int ifId = (int) id;
        packetOffset = offset + PCAPNG_EPB_DATA_OFFSET;
        capturedLength = (int) captured;
        originalLength = (int) Math.min(readUnsignedInt(offset + PCAPNG_EPB_ORIGINAL_OFFSET), Integer.MAX_VALUE);
        timestampNanos = ticksToNanos(ticks, ifTsKind[ifId], ifTsFactor[ifId]) + ifTsOffsetNanos[ifId];
        interfaceId = ifId;
    }

    private void readSimplePacket(long offset, long length) throws CaptureFormatException {
        if (length < PCAPNG_SPB_MIN_LENGTH) {
            throw error(offset, "simple packet block length " + length + " is below the minimum "
                    + PCAPNG_SPB_MIN_LENGTH);
        }
        if (interfaceCount == 0) {
            throw error(offset, "simple packet block before any interface description block in its section");
        }
        long original = readUnsignedInt(offset + PCAPNG_SPB_ORIGINAL_OFFSET);
        long snap = Integer.toUnsignedLong(ifSnapLength[0]);
        long captured = snap == 0 ? original : Math.min(original, snap);
        long room = length - PCAPNG_SPB_MIN_LENGTH;
        if (captured > room) {
            throw error(offset, "captured length " + captured + " exceeds the " + room
                    + " bytes of packet data in its simple packet block of total length " + length);
        }
        packetOffset = offset + PCAPNG_SPB_DATA_OFFSET;
        capturedLength = (int) captured;
        originalLength = (int) Math.min(original, Integer.MAX_VALUE);
        // timestampNanos keeps the previous packet's value: a Simple Packet Block carries none.
        interfaceId = 0;
    }

    /** Converts pcapng timestamp ticks to nanoseconds, exactly (floor), for every resolution supported. */
    static long ticksToNanos(long ticks, byte kind, long factor) {
        return switch (kind) {
            case TS_MULTIPLY -> ticks * factor;
            case TS_DIVIDE -> Long.divideUnsigned(ticks, factor);
            default -> binaryTicksToNanos(ticks, (int) factor);
        };
    }

    private static long binaryTicksToNanos(long ticks, int shift) {
        if (shift == 0) {
            return ticks * NANOS_PER_SECOND;
        }
        long seconds = ticks >>> shift;
        long fraction = ticks & ((1L << shift) - 1);
        // fraction * 1e9 needs up to 94 bits: shift the 128-bit product right (the result is below 1e9).
        long low = fraction * NANOS_PER_SECOND;
        long high = Math.unsignedMultiplyHigh(fraction, NANOS_PER_SECOND);
        long fractionNanos = (high << (64 - shift)) | (low >>> shift);
        return seconds * NANOS_PER_SECOND + fractionNanos;
    }

    private void clearPacket() {
        packetOffset = -1;
        capturedLength = 0;
        originalLength = 0;
        interfaceId = 0;
    }

    private int readInt(long offset) {
        int value = segment.get(INT, offset);
        return swapped ? Integer.reverseBytes(value) : value;
    }

    private long readUnsignedInt(long offset) {
        return Integer.toUnsignedLong(readInt(offset));
    }

    private int readUnsignedShort(long offset) {
        short value = segment.get(SHORT, offset);
        return Short.toUnsignedInt(swapped ? Short.reverseBytes(value) : value);
    }

    private long readLong(long offset) {
        long value = segment.get(LONG, offset);
        return swapped ? Long.reverseBytes(value) : value;
    }

    private static String blockTypeName(int type) {
        return "0x" + Integer.toHexString(type);
    }

    private CaptureFormatException error(long offset, String problem) {
        return new CaptureFormatException(file, offset, problem);
    }

    @Override
    public String toString() {
        return "CaptureReader{" + file + ", " + format + ", " + size + " bytes, position " + position + "}";
    }
}
