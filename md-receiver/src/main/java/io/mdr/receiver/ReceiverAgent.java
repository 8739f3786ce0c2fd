package io.mdr.receiver;

import io.mdr.journal.JournalWriter;
import io.mdr.memory.ThreadStack;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.port.PacketSource;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The polling loop: on a thread pinned to its core, take what the recovery thread passed back (from a lock-free
 * ring, no system call), poll the port (which hands each packet to the {@link PacketProcessor}), then end the burst
 * (the journal commits) or, when nothing came, let the arbiter's timers run. In rx-only mode it only receives and
 * counts (the benchmark of the bare receive path); in journal-raw mode (the journal's floor) the port hands each
 * packet to a {@link RawJournalSink} instead, and the burst is committed as the full pipeline's is. It also accounts the time spent on polls that brought packets,
 * the busy fraction that tells how much more a feeder-bound receiver could take.
 *
 * <p>A full burst ({@link PacketSource#burstCapacity()} packets) means more are waiting. After
 * {@code journal.fullBurstsPerCommit} (N) full bursts in a row, each committed at once, the receiver is behind its feed:
 * from then on up to N full bursts share one journal excerpt, committed at the limit, with the first burst that is not
 * full, or at the next empty poll. A receiver behind pays one excerpt for several bursts and catches up sooner; at a
 * feed's usual rates no burst is full, and a microburst of up to N full bursts commits burst by burst.
 *
 * <p>A failure while a burst or a recovered answer is processed (a native fault, a full journal, a bug) is fatal, and
 * ends the loop the same way every time: the port releases the burst's buffers whatever happened (a DPDK port frees
 * its mbufs), the failure is kept ({@link #failure()}), and the agent terminates, so that {@link #onClose()} still
 * runs on this thread (it commits the journal's complete records and releases the thread from the port) and the
 * receiver shuts down in order. Agrona's runner would otherwise let an {@code Error} end the thread without
 * {@code onClose}, or keep polling after an exception.
 */
public final class ReceiverAgent implements Agent {
    private static final long BUSY = Long.MAX_VALUE;
    /**
     * The top of the polling thread's stack populated before the first packet: room for the loop and for the JVM's
     * own runtime, which runs on the same stack (a safepoint, a deoptimisation), a quarter of the default 1 MB.
     */
    static final long STACK_PREFAULT_BYTES = 256 * 1024;

    private final PacketSource source;
    private final PacketProcessor processor;
    private final ReceiverCounters counters;
    private final JournalWriter journal;
    private final int core;
    private final boolean rxOnly;
    /** The journal's floor, or null (the full pipeline, or rx-only). */
    private final RawJournalSink raw;
    /** Latency recorders whose burst ends with each iteration (the stats thread harvests between), or null. */
    private final LatencyRecorders latency;
    /** Whether idle polls get the journal's next excerpt ready ({@link JournalWriter#prepareNext(long)}). */
    private final boolean prepareJournal;
    /** Whether a poll is marked busy while it runs: not for a port whose poll waits in the kernel for packets. */
    private final boolean markBusy;
    /** A poll that brings this many packets is full: more wait in the ring ({@link PacketSource#burstCapacity()}). */
    private final int fullBurst;
    /** Full bursts whose records may share one excerpt before it is committed (1: every burst commits). */
    private final int burstsPerCommit;
    /** Full bursts journaled since the last commit, their records held in the open excerpt. */
    private int heldBursts;
    /** Full bursts in a row, up to the last poll. */
    private int fullStreak;
    /** The clock when the previous iteration ended: the start of the next one. */
    private long iterationStart;
    /** The clock of the last poll: recovered answers are taken with it, before the next poll. */
    private long lastPollNanos;
    /** When the last poll with packets was done (this thread's copy of {@link #lastPacketNanos}). */
    private long lastPacketPlain;
    /** When the first poll with packets returned, or 0 before it. */
    private long firstPacketNanos;
    /** When the last poll with packets was done; {@link #BUSY} while a poll is being handled. */
    private final AtomicLong lastPacketNanos = new AtomicLong();
    /** What populating the polling thread's stack did (set by {@link #onStart()}). */
    private volatile ThreadStack.Outcome stack;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Throwable startFailure;
    private volatile Throwable failure;

    public ReceiverAgent(PacketSource source, PacketProcessor processor, ReceiverCounters counters, JournalWriter journal,
                         int core, boolean rxOnly) {
        this(source, processor, null, counters, journal, core, rxOnly);
    }

    /** @param raw the journal's floor the port hands its packets to (receiver.mode=journal-raw), or null */
    public ReceiverAgent(PacketSource source, PacketProcessor processor, RawJournalSink raw, ReceiverCounters counters,
                         JournalWriter journal, int core, boolean rxOnly) {
        this(source, processor, raw, counters, journal, null, core, rxOnly);
    }

    /**
     * @param latency the recorders the pipeline records into on this thread, whose burst each iteration ends (null:
     *                none)
     */
    public ReceiverAgent(PacketSource source, PacketProcessor processor, RawJournalSink raw, ReceiverCounters counters,
                         JournalWriter journal, LatencyRecorders latency, int core, boolean rxOnly) {
        this(source, processor, raw, counters, journal, latency, core, rxOnly, 1);
    }

    /**
     * @param latency             the recorders the pipeline records into on this thread, whose burst each iteration
     *                            ends (null: none)
     * @param fullBurstsPerCommit full bursts in a row whose records share one excerpt before the commit
     *                            ({@code journal.fullBurstsPerCommit}; 1 commits every burst)
     */
    public ReceiverAgent(PacketSource source, PacketProcessor processor, RawJournalSink raw, ReceiverCounters counters,
                         JournalWriter journal, LatencyRecorders latency, int core, boolean rxOnly,
                         int fullBurstsPerCommit) {
        if (fullBurstsPerCommit < 1) {
            throw new IllegalArgumentException("fullBurstsPerCommit must be 1 or more: " + fullBurstsPerCommit);
        }
        if (raw != null && rxOnly) {
            throw new IllegalArgumentException("journal-raw journals what it receives: it is not rx-only");
        }
        this.raw = raw;
        this.latency = latency;
        this.source = source;
        this.processor = processor;
        this.counters = counters;
        this.journal = journal;
        this.core = core;
        this.rxOnly = rxOnly;
        this.markBusy = !source.waitsInKernel();
        // A port whose poll may wait in the kernel for as long as the feed is quiet would hold the excerpt opened
        // ahead for all that time, past its hold and its roll cycle's end.
        this.prepareJournal = journal != null && !source.waitsInKernel();
        this.fullBurst = source.burstCapacity();
        this.burstsPerCommit = fullBurstsPerCommit;
        this.lastPacketNanos.set(System.nanoTime());
    }

    @Override
    public void onStart() {
        try {
            source.onStart(core);
            stack = ThreadStack.populate(STACK_PREFAULT_BYTES);
            if (journal != null) {
                journal.bindToCurrentThread();
            }
            // Idle time counts from the first poll, not from construction: on a loaded host the thread can start late.
            iterationStart = System.nanoTime();
            lastPollNanos = iterationStart;
            lastPacketPlain = iterationStart;
            lastPacketNanos.set(iterationStart);
        } catch (RuntimeException | Error e) {
            startFailure = e;
            throw e;
        } finally {
            started.countDown();
        }
    }

    /**
     * Waits until the polling thread has started the port (pinned, registered, an io_uring port's ring made).
     *
     * @return false if that did not happen within {@code timeoutNanos}
     */
    public boolean awaitStarted(long timeoutNanos) throws InterruptedException {
        return started.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** What populating the polling thread's stack did, for the start-up report ("not populated yet" before {@link #onStart()}). */
    public String stackText() {
        ThreadStack.Outcome outcome = stack;
        return outcome == null ? "stack not populated yet" : outcome.text();
    }

    /** What made {@link #onStart()} fail, or null. */
    public Throwable startFailure() {
        return startFailure;
    }

    @Override
    public int doWork() {
        try {
            // Recovered messages first: they come before the packets held behind their holes.
            int recovered = rxOnly || raw != null ? 0 : processor.pollRecovery(lastPollNanos);
            // A poll that takes long (a stall, a page fault storm) is not idleness: the end of input is never
            // declared while one is being handled. lazySet: an ordered store, no fence on the hot path. A poll that
            // waits in the kernel is not marked: it may wait there for as long as the feed is quiet.
            if (markBusy) {
                lastPacketNanos.lazySet(BUSY);
            }
            int received = source.poll();
            long now = source.pollNanos();
            lastPollNanos = now;
            if (received == 0) {
                fullStreak = 0;
                if (heldBursts != 0) {
                    // The ring ran dry behind held full bursts: they commit now.
                    endOfBursts(now);
                }
                if (markBusy) {
                    // An opaque increment: a plain add and store to a line only this thread writes, no lock. Not
                    // counted for a poll that waits in the kernel: its time is the feed's quiet, not the core's speed.
                    counters.emptyPolls.incrementOpaque();
                    lastPacketNanos.lazySet(lastPacketPlain);
                }
                if (!rxOnly && raw == null) {
                    processor.idle(now);
                }
                endLatencyBurst();
                if (prepareJournal) {
                    journal.prepareNext(now);
                }
                iterationStart = now;
                return recovered;
            }
            if (firstPacketNanos == 0) {
                firstPacketNanos = now;
            }
            if (rxOnly) {
                counters.packets.getAndAddRelease(received);
            } else if (received != fullBurst) {
                fullStreak = 0;
                endOfBursts(now);
            } else if (++fullStreak > burstsPerCommit && ++heldBursts < burstsPerCommit) {
                // A backlog: more than burstsPerCommit full bursts in a row, and more packets wait in the ring. This
                // burst's records stay in the open excerpt and commit with the next ones', which spreads an
                // excerpt's cost (about half a microsecond: header, index, write lock) over more packets while the
                // receiver catches up. A microburst of up to that many full bursts still commits burst by burst.
            } else {
                endOfBursts(now);
            }
            endLatencyBurst();
            // One more clock read per burst (not per packet): the busy time, from the end of the previous iteration.
            long end = System.nanoTime();
            counters.pollBusyNanos.getAndAddRelease(end - iterationStart);
            iterationStart = end;
            lastPacketPlain = end;
            lastPacketNanos.lazySet(end);
            return received + recovered;
        } catch (Throwable t) {
            failure = t;
            throw new AgentTerminationException(t);
        }
    }

    /**
     * On a normal stop, delivers what waits behind holes, declares them gaps and commits; after a failure, only
     * commits the journal's complete records (the feed state may be what failed). Then releases the thread from the
     * port (a DPDK lcore unregistered).
     */
    @Override
    public void onClose() {
        try {
            if (!rxOnly) {
                if (failure == null) {
                    if (raw != null) {
                        raw.endOfBurst();
                    } else {
                        processor.flush(System.nanoTime());
                    }
                    if (journal != null) {
                        journal.dropOpenedAhead();
                    }
                } else if (journal != null) {
                    journal.commitAfterFailure();
                }
            }
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            } else {
                failure.addSuppressed(t);
            }
            if (journal != null) {
                journal.commitAfterFailure();
            }
        } finally {
            if (!rxOnly && raw == null) {
                processor.publishCounters();
            }
            endLatencyBurst();
            source.onClose();
        }
    }

    /** Commits the journaled bursts and brings the counters up to date. */
    private void endOfBursts(long nowNanos) {
        heldBursts = 0;
        if (raw != null) {
            raw.endOfBurst();
        } else {
            processor.endOfBurst(nowNanos);
        }
    }

    private void endLatencyBurst() {
        if (latency != null) {
            latency.endBurst();
        }
    }

    /** What ended the loop with a failure (null while running or after a normal stop). */
    public Throwable failure() {
        return failure;
    }

    @Override
    public String roleName() {
        return "md-receiver-rx-core" + core;
    }

    /** When the last poll that brought packets was handled (the start of polling before the first; now while one is). */
    public long lastPacketNanos() {
        long last = lastPacketNanos.get();
        return last == BUSY ? System.nanoTime() : last;
    }

    /**
     * Nanoseconds from the first poll that brought packets to the end of the last one: the time the feed flowed,
     * without start-up (journal open, port start) or the idle wait before exit. Read once the thread has stopped.
     */
    public long trafficNanos() {
        return firstPacketNanos == 0 ? 0 : lastPacketPlain - firstPacketNanos;
    }

    /** The polling thread's kernel id once started (0 before), for /proc/self/task/TID. */
    public int osThreadId() {
        return source.osThreadId();
    }
}
