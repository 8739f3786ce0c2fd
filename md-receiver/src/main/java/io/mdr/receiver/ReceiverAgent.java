package io.mdr.receiver;

import io.mdr.journal.JournalWriter;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.port.PacketSource;
import org.agrona.concurrent.Agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The polling loop: on a thread pinned to its core, poll the port (which hands each packet to the
 * {@link PacketProcessor}), then end the burst (the journal commits) or, when nothing came, let the arbiter's timers
 * run. In rx-only mode it only receives and counts (the benchmark of the bare receive path). It also accounts the
 * time spent on polls that brought packets, the busy fraction that tells how much more a feeder-bound receiver
 * could take.
 */
public final class ReceiverAgent implements Agent {
    private final PacketSource source;
    private final PacketProcessor processor;
    private final ReceiverCounters counters;
    private final JournalWriter journal;
    private final int core;
    private final boolean rxOnly;
    /** The clock when the previous iteration ended: the start of the next one. */
    private long iterationStart;
    private volatile long lastPacketNanos;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Throwable startFailure;

    public ReceiverAgent(PacketSource source, PacketProcessor processor, ReceiverCounters counters, JournalWriter journal,
                         int core, boolean rxOnly) {
        this.source = source;
        this.processor = processor;
        this.counters = counters;
        this.journal = journal;
        this.core = core;
        this.rxOnly = rxOnly;
        this.lastPacketNanos = System.nanoTime();
    }

    @Override
    public void onStart() {
        try {
            source.onStart(core);
            if (journal != null) {
                journal.bindToCurrentThread();
            }
            iterationStart = System.nanoTime();
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

    /** What made {@link #onStart()} fail, or null. */
    public Throwable startFailure() {
        return startFailure;
    }

    @Override
    public int doWork() {
        int received = source.poll();
        long now = source.pollNanos();
        if (received == 0) {
            if (!rxOnly) {
                processor.idle(now);
            }
            iterationStart = now;
            return 0;
        }
        if (rxOnly) {
            counters.packets.getAndAddRelease(received);
        } else {
            processor.endOfBurst(now);
        }
        // One more clock read per burst (not per packet): the busy time, from the end of the previous iteration.
        long end = System.nanoTime();
        counters.pollBusyNanos.getAndAddRelease(end - iterationStart);
        iterationStart = end;
        lastPacketNanos = now;
        return received;
    }

    @Override
    public void onClose() {
        if (!rxOnly) {
            processor.flush(System.nanoTime());
        }
        source.onClose();
    }

    @Override
    public String roleName() {
        return "md-receiver-rx-core" + core;
    }

    /** {@code System.nanoTime()} of the last poll that brought packets. */
    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    /** The polling thread's kernel id once started (0 before), for /proc/self/task/TID. */
    public int osThreadId() {
        return source.osThreadId();
    }
}
