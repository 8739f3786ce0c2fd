package io.mdr.fanout;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;


/**
 * Where a fan-out resumes: the journal index of the last excerpt its subscribers have been served, and the
 * number of the last record published from it, in a small memory-mapped file. A store into the mapping reaches
 * the page cache at once, so it survives SIGKILL of the process (not a power loss, as the journal on
 * {@code /dev/shm} does not either).
 *
 * <p>Two slots, written alternately, each with a check word: a kill in the middle of a save leaves the other
 * slot whole, and the reader takes the valid slot with the higher record number.
 *
 * <pre>
 * magic u64 | version u32 | epoch u32 | slot 0 | slot 1        slot: index u64 | number u64 | check u64
 * </pre>
 */
public final class PublishedPosition implements AutoCloseable {
    private static final long MAGIC = 0x4D44464F5554504FL; // "MDFOUTPO"
    private static final int VERSION = 1;
    private static final int LENGTH = 4096;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 8;
    private static final int EPOCH_OFFSET = 12;
    private static final int SLOTS_OFFSET = 16;
    private static final int SLOT_LENGTH = 24;
    private static final int INDEX_OFFSET = 0;
    private static final int NUMBER_OFFSET = 8;
    private static final int CHECK_OFFSET = 16;

    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final boolean created;
    private int nextSlot;

    private PublishedPosition(Path path, MappedByteBuffer mapped, boolean created) {
        this.path = path;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped, 0, LENGTH);
        this.created = created;
    }

    /**
     * Opens the file, or creates it (with a new epoch and no position) when there is none.
     *
     * @throws IllegalArgumentException when the file exists but is not a position file
     */
    public static PublishedPosition open(Path path) {
        try {
            if (Files.exists(path)) {
                if (Files.size(path) != LENGTH) {
                    throw new IllegalArgumentException(path + " is not an md-fanout position file (size " + Files.size(path) + ")");
                }
                MappedByteBuffer mapped = IoUtil.mapExistingFile(path.toFile(), "position");
                PublishedPosition position = new PublishedPosition(path, mapped, false);
                if (position.buffer.getLongVolatile(MAGIC_OFFSET) != MAGIC || position.buffer.getInt(VERSION_OFFSET) != VERSION) {
                    position.close();
                    throw new IllegalArgumentException(path + " is not an md-fanout position file");
                }
                position.nextSlot = position.latestSlot() == 0 ? 1 : 0;
                return position;
            }
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = parent.resolve(path.getFileName() + "." + ProcessHandle.current().pid() + ".new");
            Files.deleteIfExists(temporary);
            MappedByteBuffer mapped = IoUtil.mapNewFile(temporary.toFile(), LENGTH);
            UnsafeBuffer buffer = new UnsafeBuffer(mapped, 0, LENGTH);
            buffer.putInt(VERSION_OFFSET, VERSION);
            buffer.putInt(EPOCH_OFFSET, 1 + ThreadLocalRandom.current().nextInt(0xFFFF));
            buffer.putLongVolatile(MAGIC_OFFSET, MAGIC);
            IoUtil.unmap(mapped);
            Files.move(temporary, path);
            return new PublishedPosition(path, IoUtil.mapExistingFile(path.toFile(), "position"), true);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open position file " + path + ": " + e.getMessage(), e);
        }
    }

    /** True when this run created the file: there is no saved position. */
    public boolean created() {
        return created;
    }

    /** The fan-out's epoch (1..65535), fixed when the file was created. */
    public int epoch() {
        return buffer.getInt(EPOCH_OFFSET);
    }

    /** Whether a position has been saved. */
    public boolean hasPosition() {
        return latestSlot() >= 0;
    }

    /** The saved journal index (valid when {@link #hasPosition()}). */
    public long index() {
        int slot = latestSlot();
        return slot < 0 ? -1 : buffer.getLong(slotOffset(slot) + INDEX_OFFSET);
    }

    /** The saved record number (0 when nothing was saved). */
    public long number() {
        int slot = latestSlot();
        return slot < 0 ? 0 : buffer.getLong(slotOffset(slot) + NUMBER_OFFSET);
    }

    /** Saves a position: plain stores into the mapping, no system call. */
    public void save(long index, long number) {
        int offset = slotOffset(nextSlot);
        buffer.putLong(offset + CHECK_OFFSET, 0);
        buffer.putLong(offset + INDEX_OFFSET, index);
        buffer.putLong(offset + NUMBER_OFFSET, number);
        buffer.putLongRelease(offset + CHECK_OFFSET, check(index, number));
        nextSlot ^= 1;
    }

    public Path path() {
        return path;
    }

    private int latestSlot() {
        int best = -1;
        long bestNumber = -1;
        for (int slot = 0; slot < 2; slot++) {
            int offset = slotOffset(slot);
            long index = buffer.getLong(offset + INDEX_OFFSET);
            long number = buffer.getLong(offset + NUMBER_OFFSET);
            long check = buffer.getLongVolatile(offset + CHECK_OFFSET);
            if (check != 0 && check == check(index, number) && number > bestNumber) {
                best = slot;
                bestNumber = number;
            }
        }
        return best;
    }

    private static int slotOffset(int slot) {
        return SLOTS_OFFSET + slot * SLOT_LENGTH;
    }

    private static long check(long index, long number) {
        long h = (index * 0x9E3779B97F4A7C15L) ^ (number * 0xC2B2AE3D27D4EB4FL) ^ MAGIC;
        return h == 0 ? 1 : h;
    }

    @Override
    public void close() {
        IoUtil.unmap(mapped);
    }
}
