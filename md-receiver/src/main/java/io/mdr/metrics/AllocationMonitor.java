package io.mdr.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Proves the hot path allocates nothing: the bytes the polling thread has allocated (HotSpot's per-thread
 * TLAB accounting) and the JVM's GC count, both taken at a mark after warm-up and again at the end.
 */
public final class AllocationMonitor {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long threadId;
    private long markBytes = -1;
    private long markGcs;
    private long markPackets;

    public AllocationMonitor(long threadId) {
        this.threadId = threadId;
    }

    /** Starts the measured window (after warm-up). */
    public void mark(long packets) {
        markGcs = gcCount(); // first: the collectors' MXBeans allocate, and that is not the hot path's
        markPackets = packets;
        markBytes = threads.getThreadAllocatedBytes(threadId);
    }

    public boolean isMarked() {
        return markBytes >= 0;
    }

    /** Bytes the polling thread allocated since the mark (-1 before the mark or once the thread is gone). */
    public long allocatedSinceMark() {
        long now = threads.getThreadAllocatedBytes(threadId);
        return markBytes < 0 || now < 0 ? -1 : now - markBytes;
    }

    /** Garbage collections, all collectors, since the mark. */
    public long gcsSinceMark() {
        return gcCount() - markGcs;
    }

    /** Packets counted at the mark. */
    public long markPackets() {
        return markPackets;
    }

    /** Total collections so far over every collector. */
    public static long gcCount() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }
}
