package io.mdr.journal;

import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the journal's first-touch page faults off the polling thread.
 *
 * <p>Writing a fresh page of a mapped file costs a page fault (allocation and zeroing) the first time; on
 * these machines that dominates the journal's tail latency. This thread, on a housekeeping core, follows the
 * writer's published position and touches every page up to {@link #LOOKAHEAD_BYTES} ahead of it, in the very
 * mapping the writer uses (the queue file's {@link MappedFile} caches one mapping per chunk), so the polling
 * thread finds them mapped. It also maps the next chunk before the writer gets there. A touch is an atomic
 * compare-and-swap of 0 with 0: it never changes a byte, even when it races with the writer.
 */
public final class JournalPretoucher implements Runnable, AutoCloseable {
    /** How far ahead of the writer pages are touched. */
    public static final long LOOKAHEAD_BYTES = 32L << 20;
    private static final long PAGE = 4096;
    private static final long IDLE_NANOS = 50_000;

    private final JournalWriter writer;
    private final ReferenceOwner owner = ReferenceOwner.temporary("md-receiver journal pretoucher");
    private volatile boolean running = true;
    private MappedFile file;
    private MappedBytesStore store;
    private long touchedUpTo;
    private Thread thread;

    public JournalPretoucher(JournalWriter writer) {
        this.writer = writer;
    }

    /** Starts the thread (a daemon; it inherits the caller's CPU affinity, so start it from a housekeeping thread). */
    public JournalPretoucher start() {
        thread = Thread.ofPlatform().daemon().name("md-receiver-journal-pretoucher").start(this);
        return this;
    }

    @Override
    public void run() {
        while (running) {
            try {
                touchAhead();
            } catch (IOException | RuntimeException e) {
                // The writer rolled or closed under us: start again from its next published position.
                releaseStore();
                file = null;
            }
            LockSupport.parkNanos(IDLE_NANOS);
        }
        releaseStore();
    }

    private void touchAhead() throws IOException {
        MappedBytes bytes = writer.publishedBytes();
        if (bytes == null) {
            return;
        }
        MappedFile current = bytes.mappedFile();
        long position = writer.publishedPosition();
        if (current != file) {
            releaseStore();
            file = current;
            touchedUpTo = 0;
        }
        long from = Math.max(touchedUpTo, (position / PAGE + 1) * PAGE);
        long to = position + LOOKAHEAD_BYTES;
        for (long offset = from; offset < to && running; offset += PAGE) {
            // inside(offset) is the chunk without its overlap: the writer maps the overlap through the next chunk.
            if (store == null || !store.inside(offset)) {
                releaseStore();
                store = file.acquireByteStore(owner, offset);
            }
            store.compareAndSwapInt(offset, 0, 0);
            touchedUpTo = offset + PAGE;
        }
    }

    private void releaseStore() {
        if (store != null) {
            try {
                store.release(owner);
            } catch (RuntimeException ignored) {
                // already released with its file
            }
            store = null;
        }
    }


    @Override
    public void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
