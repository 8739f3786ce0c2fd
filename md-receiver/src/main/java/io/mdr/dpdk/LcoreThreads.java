package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;
import io.mdr.dpdk.ffi.rte_cpuset_t;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Makes a Java thread a DPDK thread: registered with EAL (so it gets an lcore id and the mempool's
 * per-lcore cache) and pinned to one CPU.
 */
public final class LcoreThreads {
    private LcoreThreads() {
    }

    /**
     * Registers the calling thread with EAL ({@code rte_thread_register}) and pins it to {@code cpu}
     * ({@code rte_thread_set_affinity}, which also updates EAL's record of the thread's CPU set).
     */
    public static void registerAndPin(int cpu) {
        if (Dpdk.rte_thread_register() < 0) {
            throw new DpdkException("rte_thread_register", RteErrors.rteErrno());
        }
        pin(cpu);
    }

    /** Pins the calling thread to {@code cpu}. */
    public static void pin(int cpu) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = rte_cpuset_t.allocate(arena);
            long word = (long) (cpu / 64) * Long.BYTES;
            if (cpu < 0 || word >= set.byteSize()) {
                throw new DpdkException("rte_thread_set_affinity(" + cpu + ")", "CPU out of range");
            }
            set.set(ValueLayout.JAVA_LONG, word, 1L << (cpu % 64));
            if (Dpdk.rte_thread_set_affinity(set) < 0) {
                throw new DpdkException("rte_thread_set_affinity(" + cpu + ")", RteErrors.rteErrno());
            }
        }
    }

    /** {@code rte_thread_unregister}: gives the lcore id back. */
    public static void unregister() {
        Dpdk.rte_thread_unregister();
    }


    /** The kernel's id of the calling thread, for {@code /proc/self/task/TID}. */
    public static int osThreadId() {
        return Dpdk.rte_sys_gettid();
    }
}
