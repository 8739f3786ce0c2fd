package io.mdr.receiver;

import io.mdr.dpdk.LcoreThreads;
import io.mdr.dpdk.MbufPool;
import io.mdr.dpdk.Mbufs;
import io.mdr.dpdk.RxQueue;
import io.mdr.dpdk.RxTimestamps;
import io.mdr.journal.JournalWriter;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.net.DropReason;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The polling loop: on a thread registered with EAL and pinned to its core, {@code rx_burst}, hand each
 * frame to the {@link PacketProcessor}, free the burst in bulk. In rx-only mode it only receives, counts
 * and frees (the benchmark of the bare receive path).
 *
 * <p>A failure while a burst is processed (a native fault, a full journal, a bug) is fatal, and ends the loop the
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
    private final MemorySegment mbufs;
    private final RxTimestamps timestamps;
    private volatile long lastPacketNanos;
    private volatile int osThreadId;
    private volatile Throwable failure;

    public ReceiverAgent(RxQueue rxQueue, PacketProcessor processor, ReceiverCounters counters, JournalWriter journal,
                         int core, int burstSize, boolean rxOnly, RxTimestamps timestamps) {
        this.rxQueue = rxQueue;
        this.processor = processor;
        this.counters = counters;
        this.journal = journal;
        this.core = core;
        this.burstSize = burstSize;
        this.rxOnly = rxOnly;
        this.mbufs = Arena.global().allocate(ValueLayout.ADDRESS, burstSize);
        this.timestamps = timestamps;
        this.lastPacketNanos = System.nanoTime();
    }

    @Override
    public void onStart() {
        LcoreThreads.registerAndPin(core);
        osThreadId = LcoreThreads.osThreadId();
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
            if (received == 0) {
                onIdle(now);
                return 0;
            }
            if (rxOnly) {
                counters.packets.getAndAddRelease(received);
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
        lastPacketNanos = now;
        return received;
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

    /** {@code System.nanoTime()} of the last burst that brought packets. */
    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    /** The polling thread's kernel id once started (0 before), for /proc/self/task/TID. */
    public int osThreadId() {
        return osThreadId;
    }
}
