package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The DPDK Environment Abstraction Layer of this process: started once, cleaned up once.
 *
 * <p>{@code rte_eal_init} can run once per process; a second {@link #start} is refused rather than left to
 * DPDK. Note that {@code rte_eal_init} pins the calling thread to the main lcore's CPU, and threads that
 * thread creates afterwards inherit that mask until they set their own.
 */
public final class Eal implements AutoCloseable {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private final AtomicBoolean closed = new AtomicBoolean();

    private Eal() {
    }

    /**
     * Runs {@code rte_eal_init} with the given EAL arguments ({@code argv[0]} is added).
     *
     * @throws DpdkException naming {@code rte_eal_init} and DPDK's error string
     */
    public static Eal start(String programName, List<String> ealArgs) {
        if (!STARTED.compareAndSet(false, true)) {
            throw new DpdkException("rte_eal_init", "EAL was already started in this process (it starts once)");
        }
        // argv stays reachable for the life of the process: EAL may keep pointers into it.
        Arena arena = Arena.global();
        MemorySegment argv = arena.allocate(ValueLayout.ADDRESS, ealArgs.size() + 2L);
        argv.setAtIndex(ValueLayout.ADDRESS, 0, arena.allocateFrom(programName));
        for (int i = 0; i < ealArgs.size(); i++) {
            argv.setAtIndex(ValueLayout.ADDRESS, i + 1, arena.allocateFrom(ealArgs.get(i)));
        }
        argv.setAtIndex(ValueLayout.ADDRESS, ealArgs.size() + 1, MemorySegment.NULL);
        int rc = Dpdk.rte_eal_init(ealArgs.size() + 1, argv);
        if (rc < 0) {
            int errno = RteErrors.rteErrno();
            STARTED.set(false);
            throw new DpdkException("rte_eal_init " + String.join(" ", ealArgs), errno);
        }
        return new Eal();
    }


    /** Number of lcores EAL manages. */
    public int lcoreCount() {
        return Dpdk.rte_lcore_count();
    }

    /** Number of ethdev ports that probed successfully. */
    public int portCount() {
        return Short.toUnsignedInt(Dpdk.rte_eth_dev_count_avail());
    }

    /** TSC ticks per second as EAL measured them. */
    public long tscHz() {
        return Dpdk.rte_get_tsc_hz();
    }

    /** {@code rte_eal_cleanup}: releases hugepages, devices and EAL threads. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            RteErrors.check("rte_eal_cleanup", Dpdk.rte_eal_cleanup());
        }
    }
}
