package io.mdr.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Populates the top of the calling thread's stack ({@code madvise(MADV_POPULATE_WRITE)} over the range that
 * {@code pthread_getattr_np} gives), so that the thread never faults on a stack page it had not yet reached: the
 * warm-up goes only as deep as the warm-up's calls, and a deeper one later (a rare path, the JVM's own runtime on a
 * safepoint or a deoptimisation) would otherwise take a fault per new page. The contents of pages already in use are
 * left as they are. With {@link MemoryLock} in force the populated pages are locked too.
 */
public final class ThreadStack {
    private static final long PAGE = Prefault.PAGE;
    /** Room left unpopulated above the stack's low end: the JVM's guard zones (protected pages) lie there. */
    private static final long GUARD_MARGIN = 64 * 1024;

    private ThreadStack() {
    }

    /**
     * What {@link #populate(long)} did.
     *
     * @param bytes     bytes populated from the top of the stack down (0 when it could not)
     * @param stackSize the thread's whole stack
     * @param text      one line for the start-up report
     */
    public record Outcome(long bytes, long stackSize, String text) {
    }

    /**
     * Populates up to {@code bytes} from the top of the calling thread's stack down, never into its lowest
     * {@value #GUARD_MARGIN} bytes.
     */
    public static Outcome populate(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive, got " + bytes);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment attr = arena.allocate(Libc.PTHREAD_ATTR_BYTES, Long.BYTES);
            long self = (long) Libc.PTHREAD_SELF.invokeExact(state);
            int rc = (int) Libc.PTHREAD_GETATTR_NP.invokeExact(state, self, attr);
            if (rc != 0) {
                return new Outcome(0, 0, "stack not populated: pthread_getattr_np gave errno " + rc);
            }
            long low;
            long size;
            try {
                MemorySegment address = arena.allocate(ValueLayout.ADDRESS);
                MemorySegment length = arena.allocate(ValueLayout.JAVA_LONG);
                rc = (int) Libc.PTHREAD_ATTR_GETSTACK.invokeExact(state, attr, address, length);
                if (rc != 0) {
                    return new Outcome(0, 0, "stack not populated: pthread_attr_getstack gave errno " + rc);
                }
                low = address.get(ValueLayout.ADDRESS, 0).address();
                size = length.get(ValueLayout.JAVA_LONG, 0);
            } finally {
                int ignored = (int) Libc.PTHREAD_ATTR_DESTROY.invokeExact(state, attr);
            }
            long top = (low + size) & -PAGE;
            long populate = Math.min(bytes, size - GUARD_MARGIN) & -PAGE;
            if (populate <= 0) {
                return new Outcome(0, size, "stack not populated: the stack is only " + size / 1024 + " KB");
            }
            int errno = new Prefault().populateWrite(top - populate, populate);
            if (errno != 0) {
                return new Outcome(0, size, "stack not populated: madvise(MADV_POPULATE_WRITE) gave "
                        + Prefault.errnoName(errno));
            }
            return new Outcome(populate, size, "top " + populate / 1024 + " KB of its " + size / 1024
                    + " KB stack populated");
        } catch (Throwable t) {
            throw new IllegalStateException("populating the stack failed", t);
        }
    }
}
