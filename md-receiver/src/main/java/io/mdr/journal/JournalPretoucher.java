package io.mdr.journal;

import io.mdr.memory.Prefault;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the journal's first-touch page faults off the polling thread.
 *
 * <p>Writing a fresh page of a mapped file costs a page fault (allocation and zeroing) the first time; on
 * these machines that dominates the journal's tail latency. This thread, on a housekeeping core, follows the
 * writer's published position and touches every page up to {@link #LOOKAHEAD_BYTES} ahead of it, in the very
 * mapping the writer uses (the queue file's {@link MappedFile} caches one mapping per chunk), so the polling
 * thread finds them mapped. It also maps the next chunk before the writer gets there. Pages are populated
 * {@value #POPULATE_BYTES} bytes at a time with {@code madvise(MADV_POPULATE_WRITE)} ({@link Prefault}), which
 * costs far less than a fault per page. Behind the population, a second pass writes each page once through the
 * writer's mapping with an atomic compare-and-swap of 0 with 0, which never changes a byte, even when it races with
 * the writer: under a shadow-paging hypervisor the first user-mode write to a page traps even when the kernel has
 * populated it, and that trap belongs here, not on the polling thread ({@link #armAhead}).
 *
 * <p>It is also the journal's early warning of a full file system: a range the file system cannot back makes
 * {@code madvise} fail (EFAULT) long before the writer gets there. The pretoucher then tells the writer's
 * {@link JournalSpace}, stops preparing, and the receiver stops cleanly while the writer still has populated
 * pages ahead of it. What it has populated is published to the writer ({@link JournalWriter#prepared}), which
 * writes nowhere else.
 */
public final class JournalPretoucher implements Runnable, AutoCloseable {
    /** How far ahead of the writer pages are touched. */
    public static final long LOOKAHEAD_BYTES = 32L << 20;
    private static final long PAGE = 4096;
    /** How much of a file's head (Chronicle's header and first index arrays) is populated when the writer opens it. */
    private static final long HEAD_BYTES = 1 << 20;
    /**
     * Sleep between rounds while less than half the look-ahead is populated (at start, or when the writer gains on
     * it). Waking every 50 us cost the housekeeping CPU 20,000 wake-ups a second, each preempting what else runs
     * there (the stats thread, the recovery thread, a sender sharing the host in benchmarks).
     */
    private static final long BUSY_NANOS = 1_000_000;
    /**
     * Sleep between rounds once half the look-ahead or more is populated: that half is 60 ms of journal at 250 MB/s
     * (40-message packets at 10M messages/s), and a round populates 2.5 MB of it. At a round a millisecond the
     * thread woke about 900 times a second at any rate, 24 us each on this VM's CPU 0 at 10,000 packets/s with almost
     * nothing to populate: 2% of the CPU, in slices that a benchmark's sender there met as lateness.
     */
    private static final long IDLE_NANOS = 10_000_000;
    /** Bytes armed (written once) per round at most, so that arming never holds up the population for long. */
    private static final long ARM_BYTES_PER_ROUND = 4L << 20;
    /** Bytes populated per system call: small enough to follow the writer closely, large enough to amortise it. */
    private static final long POPULATE_BYTES = 256 * 1024;

    private final JournalWriter writer;
    private final long lookahead;
    private final ReferenceOwner owner = ReferenceOwner.temporary("md-receiver journal pretoucher");
    private volatile boolean running = true;
    private MappedFile file;
    /** The chunk mappings acquired ahead of the writer, oldest first, held until the writer is past them. */
    private final ArrayDeque<MappedBytesStore> held = new ArrayDeque<>();
    private long touchedUpTo;
    /** Pages written once (armed) up to here, behind {@link #touchedUpTo}. */
    private long armedUpTo;
    private volatile long bytesArmed;
    /** madvise(MADV_POPULATE_WRITE) works here; false after it failed once (then pages are touched one by one). */
    private volatile boolean populate = true;
    private volatile long bytesPrepared;
    private volatile long populateCalls;
    private volatile long behind;
    /** Set when the file system could not back a page: nothing more is prepared. */
    private volatile String stalled;
    private final Prefault prefault = new Prefault();
    private Thread thread;

    public JournalPretoucher(JournalWriter writer) {
        this(writer, LOOKAHEAD_BYTES);
    }

    /**
     * @param lookahead how far ahead of the writer pages are populated; the receiver's warm-up uses a short one, so
     *                  that its writer takes the pretoucher's ranges many times over, as the live one does
     */
    public JournalPretoucher(JournalWriter writer, long lookahead) {
        this.writer = writer;
        this.lookahead = lookahead;
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
                if (stalled == null) {
                    touchAhead();
                }
            } catch (InternalError e) {
                // SIGBUS while touching page by page (no MADV_POPULATE_WRITE): the file system is full.
                noRoom("a page touch faulted: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                // The writer rolled or closed under us: start again from its next published position.
                releaseStore();
                file = null;
            }
            LockSupport.parkNanos(aheadOfWriter() >= lookahead / 2 ? IDLE_NANOS : BUSY_NANOS);
        }
        releaseStore();
    }

    /** How far ahead of the writer's published position the current file is populated (0 when unknown). */
    private long aheadOfWriter() {
        MappedBytes bytes = writer.publishedBytes();
        if (stalled != null || bytes == null || bytes.mappedFile() != file) {
            return 0;
        }
        return Math.max(0, touchedUpTo - writer.publishedPosition());
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
            armedUpTo = 0;
            populateHead(position);
        }
        releasePassed(position);
        if (touchedUpTo <= position) {
            behind++;
        }
        long from = Math.max(touchedUpTo, (position / PAGE + 1) * PAGE);
        long to = (position + lookahead) / PAGE * PAGE;
        for (long offset = from; offset < to && running; ) {
            MappedBytesStore store = held.peekLast();
            if (store == null || !store.inside(offset)) {
                store = file.acquireByteStore(owner, offset);
                held.addLast(store);
            }
            long end = Math.min(Math.min(offset + POPULATE_BYTES, to), store.safeLimit());
            end = Math.max(end, offset + PAGE);
            // The first bytes of a chunk are also mapped at the end of the previous chunk's mapping (the overlap),
            // and the writer may reach them through either mapping: an excerpt begun in the previous chunk
            // carries on in its mapping. Every held mapping that covers them gets the pages.
            for (MappedBytesStore mapping : held) {
                if (mapping == store) {
                    prepare(mapping, offset, end);
                    continue;
                }
                // An older mapping covers the range's start only, up to its overlap's end: those pages too, or the
                // writer, still in that mapping for an excerpt begun there, faults on them.
                long lo = Math.max(offset, (mapping.start() + PAGE - 1) & -PAGE);
                long hi = end;
                while (hi > lo && !mapping.inside(lo, hi - lo)) {
                    hi -= PAGE;
                }
                if (hi > lo) {
                    prepare(mapping, lo, hi);
                }
            }
            if (stalled != null) {
                return;
            }
            offset = end;
            touchedUpTo = end;
            writer.prepared(file, end);
        }
        if (stalled == null && populate) {
            armAhead(position);
        }
    }

    /**
     * Writes each populated page once, from the writer's position up, at most {@value #ARM_BYTES_PER_ROUND} bytes a
     * round (see {@link PageTouch#touchPages}): under a hypervisor that shadows page tables the first user-mode write
     * to a page traps even once the kernel has populated it, and this takes that trap off the polling thread. It is a
     * second pass behind the population, which it never holds up: a touch costs microseconds where populating a page
     * costs far less, and at hundreds of MB/s of journal (40-message packets) touching as part of populating let the
     * writer overtake the pretoucher and populate pages itself, faulting on the polling thread. Pages the writer has
     * passed are skipped; where the touch falls behind, the writer takes the trap itself, as without this pass.
     * Every mapping that covers a page gets the touch: an excerpt begun in a chunk's overlap is written through the
     * older mapping.
     */
    private void armAhead(long position) {
        long from = Math.max(armedUpTo, (position / PAGE + 1) * PAGE);
        long to = Math.min(touchedUpTo, from + ARM_BYTES_PER_ROUND);
        if (to <= from) {
            return;
        }
        for (long offset = from; offset < to && running; offset += PAGE) {
            for (MappedBytesStore mapping : held) {
                if (mapping.inside(offset, Integer.BYTES)) {
                    mapping.compareAndSwapInt(offset, 0, 0);
                }
            }
        }
        bytesArmed += to - from;
        armedUpTo = to;
    }

    /**
     * Populates the file's head, up to {@link #HEAD_BYTES} or the writer's position: Chronicle's header and its first
     * index arrays, written when the file was created, whose later entries (one every index spacing of excerpts) would
     * otherwise each first-touch a page on the polling thread. Index arrays allocated later lie in what the look-ahead
     * has populated by then.
     */
    private void populateHead(long position) throws IOException {
        long to = Math.min(position, HEAD_BYTES) & -PAGE;
        if (to <= 0) {
            return;
        }
        MappedBytesStore store = file.acquireByteStore(owner, 0);
        try {
            long end = Math.min(to, store.safeLimit() & -PAGE);
            prepare(store, 0, end);
            if (populate && stalled == null) {
                PageTouch.touchPages(store, 0, end);
            }
        } finally {
            release(store);
        }
    }

    private void noRoom(String what) {
        if (stalled == null) {
            stalled = what;
            JournalSpace space = writer.space();
            if (space != null) {
                space.cannotBack(what);
            }
        }
    }

    /**
     * Lets go of the mappings the writer has gone past. A chunk's mapping is kept from the moment it is prepared
     * until then: Chronicle unmaps a chunk when its last user releases it, and the writer must find the very
     * mapping whose pages were populated, not a fresh one.
     */
    private void releasePassed(long position) {
        while (!held.isEmpty()) {
            MappedBytesStore first = held.peekFirst();
            if (position < first.start() + first.capacity()) {
                return;
            }
            release(held.pollFirst());
        }
    }

    private void prepare(MappedBytesStore mapping, long from, long to) {
        int errno = populate ? prefault.populateWrite(mapping.addressForWrite(from), to - from) : Prefault.EINVAL;
        if (errno == 0) {
            populateCalls++;
        } else if (Prefault.noRoom(errno)) {
            noRoom("madvise(MADV_POPULATE_WRITE) of " + file.file().getName() + " at " + from + " failed: "
                    + Prefault.errnoName(errno));
            return;
        } else {
            populate = false;
        }
        if (!populate) {
            // No MADV_POPULATE_WRITE here: each page is touched instead, which also arms it (see armAhead).
            PageTouch.touchPages(mapping, from, to);
        }
        bytesPrepared += to - from;
    }

    private void release(MappedBytesStore store) {
        try {
            store.release(owner);
        } catch (RuntimeException ignored) {
            // already released with its file
        }
    }

    private void releaseStore() {
        while (!held.isEmpty()) {
            release(held.pollFirst());
        }
    }

    /** Bytes populated (or touched) so far. */
    long bytesPrepared() {
        return bytesPrepared;
    }

    /** madvise(MADV_POPULATE_WRITE) calls that succeeded so far. */
    long populateCalls() {
        return populateCalls;
    }

    /** Why it stopped preparing (the file system could not back a page), or null. */
    public String stalled() {
        return stalled;
    }

    /** What the thread did, for the receiver's summary. */
    public String describe() {
        return String.format("journal pretoucher: %,d MB made ready ahead of the writer (found it behind %,d times; the writer"
                        + " populated pages itself %,d times), %s%s", bytesPrepared >> 20, behind, writer.selfPrepared(),
                populate ? String.format("madvise(MADV_POPULATE_WRITE) x %,d, %,d MB armed (each page written once"
                        + " ahead of the writer)", populateCalls, bytesArmed >> 20)
                        : "page by page (madvise(MADV_POPULATE_WRITE) unavailable)",
                stalled == null ? "" : "; stopped: " + stalled);
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
