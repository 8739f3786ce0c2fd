package io.mdr.metrics;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A memory-mapped file of Agrona counters (the idea of Aeron's CnC file): the receiver writes, and
 * {@code md-stat} reads the live values from another process.
 *
 * <pre>
 * header (128 bytes): magic u64 | version u32 | metadataLength u32 | valuesLength u32 | pad | pid u64 | startMs u64
 *                     | programLength u8 | program[programLength] (ASCII; absent, i.e. 0, in files of md-receiver)
 * metadata buffer (metadataLength) | values buffer (valuesLength)
 * </pre>
 */
public final class CountersFile implements AutoCloseable {
    private static final long MAGIC = 0x4D44524543565253L; // "MDRECVRS"
    private static final int VERSION = 1;
    private static final int HEADER_LENGTH = 128;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 8;
    private static final int METADATA_LENGTH_OFFSET = 12;
    private static final int VALUES_LENGTH_OFFSET = 16;
    private static final int PID_OFFSET = 24;
    private static final int START_MS_OFFSET = 32;
    private static final int PROGRAM_LENGTH_OFFSET = 40;
    private static final int PROGRAM_OFFSET = 41;
    private static final int MAX_PROGRAM_LENGTH = 32;
    private static final String DEFAULT_PROGRAM = "md-receiver";

    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final UnsafeBuffer metadata;
    private final UnsafeBuffer values;

    /** Made on first use, then the one manager of this file. */
    private CountersManager manager;

    private CountersFile(Path path, MappedByteBuffer mapped) {
        this.path = path;
        this.mapped = mapped;
        this.header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        this.metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        this.values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);
    }

    /** Creates (replacing any old one) a file with room for {@code maxCounters} counters. */
    public static CountersFile create(Path path, int maxCounters) {
        return create(path, maxCounters, DEFAULT_PROGRAM);
    }

    /** As {@link #create(Path, int)}, naming the program that writes it (md-stat prints it). */
    public static CountersFile create(Path path, int maxCounters, String program) {
        int valuesLength = maxCounters * CountersReader.COUNTER_LENGTH;
        int metadataLength = maxCounters * CountersReader.METADATA_LENGTH;
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.deleteIfExists(path);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create counters file " + path + ": " + e.getMessage(), e);
        }
        MappedByteBuffer mapped = IoUtil.mapNewFile(path.toFile(), HEADER_LENGTH + metadataLength + valuesLength);
        UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        header.putInt(VERSION_OFFSET, VERSION);
        header.putInt(METADATA_LENGTH_OFFSET, metadataLength);
        header.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(START_MS_OFFSET, System.currentTimeMillis());
        if (!DEFAULT_PROGRAM.equals(program)) {
            int length = Math.min(MAX_PROGRAM_LENGTH, program.length());
            header.putByte(PROGRAM_LENGTH_OFFSET, (byte) length);
            header.putStringWithoutLengthAscii(PROGRAM_OFFSET, program.substring(0, length));
        }
        header.putLongVolatile(MAGIC_OFFSET, MAGIC);
        return new CountersFile(path, mapped);
    }

    /** Opens an existing file for reading. */
    public static CountersFile open(Path path) {
        File file = path.toFile();
        if (!file.isFile()) {
            throw new IllegalArgumentException("no counters file at " + path + " (is md-receiver running? see stats.countersFile; md-fanout: --counters)");
        }
        MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "counters");
        if (mapped.capacity() < HEADER_LENGTH || new UnsafeBuffer(mapped, 0, HEADER_LENGTH).getLongVolatile(MAGIC_OFFSET) != MAGIC) {
            IoUtil.unmap(mapped);
            throw new IllegalArgumentException(path + " is not an md-receiver counters file");
        }
        return new CountersFile(path, mapped);
    }

    /**
     * The manager that allocates counters in this file (the receiver's side): always the same one, since two
     * managers over one file would hand out the same counter ids.
     */
    public CountersManager manager() {
        if (manager == null) {
            manager = new CountersManager(metadata, values);
        }
        return manager;
    }

    /** A reader of this file's counters (md-stat's side). */
    public CountersReader reader() {
        return new CountersReader(metadata, values);
    }

    public Path path() {
        return path;
    }

    /** Process id of the writer. */
    public long pid() {
        return header.getLong(PID_OFFSET);
    }

    /** The program that writes the file (md-receiver unless it said otherwise). */
    public String program() {
        int length = header.getByte(PROGRAM_LENGTH_OFFSET) & 0xFF;
        return length == 0 || length > MAX_PROGRAM_LENGTH ? DEFAULT_PROGRAM : header.getStringWithoutLengthAscii(PROGRAM_OFFSET, length);
    }

    /** When the writer started (epoch ms). */
    public long startMillis() {
        return header.getLong(START_MS_OFFSET);
    }

    @Override
    public void close() {
        IoUtil.unmap(mapped);
    }
}
