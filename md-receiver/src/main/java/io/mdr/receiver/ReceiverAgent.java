package io.mdr.receiver;

import io.mdr.dpdk.LcoreThreads;
import io.mdr.dpdk.MbufPool;
import io.mdr.dpdk.Mbufs;
import io.mdr.dpdk.RxQueue;
import io.mdr.dpdk.RxTimestamps;
import io.mdr.journal.JournalWriter;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.net.DropReason;
import io.mdr.net.UdpFrame;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The polling loop: on a thread registered with EAL and pinned to its core, {@code rx_burst}, take what the
 * recovery thread passed back (from a lock-free ring, no system call), hand each frame to the
 * {@link PacketProcessor}, free the burst in bulk. In rx-only mode it only receives, counts
 * and frees (the benchmark of the bare receive path). In journal-raw mode (the journal's floor) it appends each
 * packet's UDP payload, unparsed, to the journal and commits once per burst, as the full pipeline does.
 *
 * <p>A failure while a burst or a recovered answer is processed (a native fault, a full journal, a bug) is fatal, and ends the loop the
 * same way every time: the burst's mbufs go back to the pool whatever happened, the failure is kept
 * ({@link #failure()}), and the agent terminates, so that {@link #onClose()} still runs on this thread (it commits
 * the journal's complete records and unregisters the lcore) and the receiver shuts down in order. Agrona's
 * runner would otherwise let an {@code Error} end the thread without {@code onClose}, or keep polling after an
 * exception.
 */
public final class ReceiverAgent implements Agent {
    private final RxQueue rxQueue;
    private final PacketProcessor processor;
    private final ReceiverCounters counters;
    private final JournalWriter journal;
    private final int core;
    private final int burstSize;
    private final boolean rxOnly;
    private final boolean raw;
    private final UnsafeBuffer rawFrame = new UnsafeBuffer(0, 0);
    private final UdpFrame rawUdp = new UdpFrame();
    private final MemorySegment mbufs;
    private final RxTimestamps timestamps;
    /** When the last burst with packets was done; {@link #BUSY} while one is being handled. */
    private final AtomicLong lastPacketNanos = new AtomicLong();
    private static final long BUSY = Long.MAX_VALUE;
    private volatile int osThreadId;
    private volatile Throwable failure;

    public ReceiverAgent(RxQueue rxQueue, PacketProcessor processor, ReceiverCounters counters, JournalWriter journal,
                         int core, int burstSize, boolean rxOnly, RxTimestamps timestamps) {
        this(rxQueue, processor, counters, journal, core, burstSize, rxOnly, false, timestamps);
    }

    /** @param raw journal each packet's UDP payload unparsed (receiver.mode=journal-raw; needs a journal) */
    public ReceiverAgent(RxQueue rxQueue, PacketProcessor processor, ReceiverCounters counters, JournalWriter journal,
                         int core, int burstSize, boolean rxOnly, boolean raw, RxTimestamps timestamps) {
        if (raw && (journal == null || rxOnly)) {
            throw new IllegalArgumentException("journal-raw needs a journal and is not rx-only");
        }
        this.raw = raw;
        this.rxQueue = rxQueue;
        this.processor = processor;
        this.counters = counters;
        this.journal = journal;
        this.core = core;
        this.burstSize = burstSize;
        this.rxOnly = rxOnly;
        this.mbufs = Arena.global().allocate(ValueLayout.ADDRESS, burstSize);
        this.timestamps = timestamps;
        this.lastPacketNanos.set(System.nanoTime());
    }

    @Override
    public void onStart() {
        LcoreThreads.registerAndPin(core);
        osThreadId = LcoreThreads.osThreadId();
        // Idle time counts from the first poll, not from construction: on a loaded host the thread can start late.
        lastPacketNanos.set(System.nanoTime());
        if (journal != null) {
            journal.bindToCurrentThread();
        }
    }

    @Override
    public int doWork() {
        int received = rxQueue.rxBurst(mbufs, burstSize);
        long now = System.nanoTime();
        try {
            timestamps.maintain(now);
            // Recovered messages first: they come before the packets held behind their holes.
            int recovered = rxOnly ? 0 : processor.pollRecovery(now);
            if (received == 0) {
                onIdle(now);
                return recovered;
            }
            // A burst that takes long (a stall, a page fault storm) is not idleness: the end of input is never
            // declared while one is being handled. lazySet: an ordered store, no fence on the hot path.
            lastPacketNanos.lazySet(BUSY);
            if (rxOnly) {
                counters.packets.getAndAddRelease(received);
            } else if (raw) {
                journalRaw(received, now);
            } else {
                for (int i = 0; i < received; i++) {
                    long mbuf = mbufs.getAtIndex(ValueLayout.JAVA_LONG, i);
                    if (Mbufs.segmentCount(mbuf) != 1) {
                        processor.drop(DropReason.MULTI_SEGMENT);
                    } else {
                        processor.onFrame(Mbufs.dataAddress(mbuf), Mbufs.dataLength(mbuf), timestamps.rxNanos(mbuf, now));
                    }
                }
                processor.endOfBurst(now);
            }
        } catch (Throwable t) {
            failure = t;
            throw new AgentTerminationException(t);
        } finally {
            // Every mbuf of the burst goes back, whether its processing finished or failed.
            MbufPool.freeBulk(mbufs, received);
        }
        lastPacketNanos.lazySet(System.nanoTime());
        return received;
    }

    /** The floor: each packet's UDP payload into the journal, unparsed; one commit for the burst. */
    private void journalRaw(int received, long now) {
        counters.packets.getAndAddRelease(received);
        for (int i = 0; i < received; i++) {
            long mbuf = mbufs.getAtIndex(ValueLayout.JAVA_LONG, i);
            int length = Mbufs.dataLength(mbuf);
            long address = Mbufs.dataAddress(mbuf);
            counters.bytes.getAndAddRelease(length);
            rawFrame.wrap(address, length);
            DropReason reason = Mbufs.segmentCount(mbuf) != 1 ? DropReason.MULTI_SEGMENT : rawUdp.parse(rawFrame, 0, length);
            if (reason != null) {
                counters.drop(reason);
                continue;
            }
            journal.writeRaw(address + rawUdp.payloadOffset(), rawUdp.payloadLength(), timestamps.rxNanos(mbuf, now));
            counters.journalRecords.incrementRelease();
        }
        journal.commit();
    }

    private void onIdle(long now) {
        if (!rxOnly) {
            processor.idle(now);
        }
    }

    /**
     * On a normal stop, delivers what waits behind holes, declares them gaps and commits; after a failure, only
     * commits the journal's complete records (the feed state may be what failed).
     */
    @Override
    public void onClose() {
        try {
            if (!rxOnly) {
                if (failure == null) {
                    processor.flush(System.nanoTime());
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
            LcoreThreads.unregister();
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

    /** When the last burst that brought packets was handled (the start of polling before the first; now while one is). */
    public long lastPacketNanos() {
        long last = lastPacketNanos.get();
        return last == BUSY ? System.nanoTime() : last;
    }

    /** The polling thread's kernel id once started (0 before), for /proc/self/task/TID. */
    public int osThreadId() {
        return osThreadId;
    }
}
