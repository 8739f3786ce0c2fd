package io.mdr.journal;

import net.openhft.chronicle.queue.impl.TableStore;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.queue.impl.table.AbstractTSQueueLock;
import net.openhft.chronicle.queue.impl.table.Metadata;
import net.openhft.chronicle.queue.impl.table.SingleTableBuilder;
import net.openhft.chronicle.threads.BusyTimedPauser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One writer per journal, and no start-up hang on a lock a dead writer left.
 *
 * <p>Chronicle's write lock is a PID in the queue's metadata file. A writer killed inside an excerpt leaves it set;
 * the next writer clears it when that PID is dead, but when the PID is alive again (PID 1 after a container
 * restart, or any reused PID) it waits about 15 s and then throws. The PID alone cannot tell a live writer from a
 * reused PID. This lock can: an exclusive {@code fcntl} lock on {@code writer.lock} in the journal directory, held
 * for the writer's whole life and released by the kernel when its process ends, however it ends. Holding it proves
 * that no other writer of this journal is alive, so any Chronicle lock still set is stale and is cleared, with a
 * line saying so. Failing to get it means a live process writes the journal, and start-up stops naming it.
 */
final class WriterLock implements AutoCloseable {
    static final String FILE_NAME = "writer.lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final List<String> notes;

    private WriterLock(FileChannel channel, FileLock lock, List<String> notes) {
        this.channel = channel;
        this.lock = lock;
        this.notes = notes;
    }

    /**
     * Takes the journal's writer lock, then clears Chronicle locks a dead writer left.
     *
     * @throws JournalLockedException when a live process holds it
     */
    static WriterLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new JournalLockedException("journal " + dir + " is being written by another process (" + holder
                        + ", holding " + file + "): one writer per journal");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            List<String> notes = clearStaleLocks(dir);
            return new WriterLock(channel, lock, notes);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new JournalLockedException("journal " + dir + ": cannot take " + file + ": " + e);
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return pid.isEmpty() ? "PID unknown" : "PID " + pid;
    }

    /** Clears Chronicle's write and append locks; only called while this lock is held, so they are stale. */
    private static List<String> clearStaleLocks(Path dir) {
        List<String> notes = new ArrayList<>();
        Path metadata = dir.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE);
        if (!Files.exists(metadata)) {
            return notes;
        }
        // The metadata file names its classes by Chronicle's aliases (SCQMeta, ...), which the queue builder registers
        // when it is initialized: in a process whose first Chronicle use is this, reading the file failed with
        // ClassNotFoundException.
        SingleChronicleQueueBuilder.addAliases();
        try (TableStore<?> store = SingleTableBuilder.binary(metadata, Metadata.NoMeta.INSTANCE).readOnly(false).build()) {
            clear(store, new TableStoreWriteLock(store, BusyTimedPauser::new, 0L), "write lock", dir, notes);
            clear(store, new TableStoreWriteLock(store, BusyTimedPauser::new, 0L, TableStoreWriteLock.APPEND_LOCK_KEY),
                    "append lock", dir, notes);
        }
        return notes;
    }

    private static void clear(TableStore<?> store, TableStoreWriteLock chronicleLock, String what, Path dir, List<String> notes) {
        try {
            long value = chronicleLock.lockedBy();
            if (value == AbstractTSQueueLock.UNLOCKED) {
                return;
            }
            int pid = (int) value;
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            chronicleLock.forceUnlock();
            notes.add("journal " + dir + ": Chronicle's " + what + " was left set by PID " + pid + ", "
                    + (alive ? "a live process that is not this journal's writer (" + FILE_NAME + " was free): a dead"
                    + " writer's PID, reused (as PID 1 is after a container restart)"
                    : "a process that is gone (killed while writing)") + "; cleared");
        } finally {
            chronicleLock.close();
        }
    }

    /** What was found and cleared at start-up, one line each. */
    List<String> notes() {
        return notes;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
