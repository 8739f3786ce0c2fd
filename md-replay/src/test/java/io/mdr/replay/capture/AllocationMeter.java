package io.mdr.replay.capture;

import java.lang.management.ManagementFactory;

/** Measures bytes allocated on the calling thread, to show a hot path allocates nothing. */
public final class AllocationMeter {
    /**
     * Most bytes a measured run may allocate and still count as allocation-free: room for the meter's own
     * noise, far below one small object per iteration of the loops measured (thousands of iterations).
     */
    public static final long NOISE_BYTES = 1024;

    /** A body that may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private AllocationMeter() {
    }

    /** Runs {@code body} once to warm up (class loading, linkage), then again measured. */
    public static long bytesAllocated(Body body) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.getCurrentThreadAllocatedBytes();
        body.run();
        long before = threads.getCurrentThreadAllocatedBytes();
        body.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
