package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;
import io.mdr.dpdk.ffi.rte_mempool;
import io.mdr.dpdk.ffi.rte_mempool_ops;
import io.mdr.dpdk.ffi.rte_mempool_ops_table;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A packet-mbuf pool ({@code rte_pktmbuf_pool_create}) with bulk alloc and bulk free for the fast path.
 */
public final class MbufPool implements AutoCloseable {
    private final String name;
    private final MemorySegment pool;
    private final int capacity;
    private final MemorySegment dequeueFn;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MbufPool(String name, MemorySegment pool, int capacity) {
        this.name = name;
        this.pool = pool;
        this.capacity = capacity;
        // rte_mempool_get_ops(mp->ops_index)->dequeue, as the static inline rte_mempool_ops_dequeue_bulk does.
        int opsIndex = pool.get(ValueLayout.JAVA_INT, rte_mempool.ops_index$offset());
        long opsSize = rte_mempool_ops.layout().byteSize();
        MemorySegment table = Dpdk.rte_mempool_ops_table();
        this.dequeueFn = table.get(ValueLayout.ADDRESS,
                rte_mempool_ops_table.ops$offset() + opsIndex * opsSize + rte_mempool_ops.dequeue$offset());
    }

    /**
     * Creates a pool of {@code size} mbufs, each with {@code dataRoomSize} bytes (headroom included).
     *
     * @param cacheSize per-lcore cache, at most 512 and at most size / 1.5
     * @param socketId  NUMA socket, or -1 for any
     */
    public static MbufPool create(String name, int size, int cacheSize, int dataRoomSize, int socketId) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pool = Dpdk.rte_pktmbuf_pool_create(arena.allocateFrom(name), size, cacheSize,
                    (short) 0, (short) dataRoomSize, socketId);
            if (pool.equals(MemorySegment.NULL)) {
                throw new DpdkException("rte_pktmbuf_pool_create(" + name + ", n=" + size + ")", RteErrors.rteErrno());
            }
            return new MbufPool(name, pool.reinterpret(rte_mempool.layout().byteSize()), size);
        }
    }

    /** Default data room: 2048 bytes of data plus {@code RTE_PKTMBUF_HEADROOM}. */
    public static int defaultDataRoom() {
        return Dpdk.RTE_MBUF_DEFAULT_BUF_SIZE();
    }

    public String name() {
        return name;
    }

    /** The {@code struct rte_mempool *}. */
    public MemorySegment address() {
        return pool;
    }

    /** Number of mbufs the pool was created with. */
    public int capacity() {
        return capacity;
    }

    /** Mbufs in the pool, per-lcore caches included ({@code rte_mempool_avail_count}). */
    public int available() {
        return Dpdk.rte_mempool_avail_count(pool);
    }

    /** Mbufs out of the pool ({@code rte_mempool_in_use_count}). */
    public int inUse() {
        return Dpdk.rte_mempool_in_use_count(pool);
    }

    /** True when every mbuf is back. */
    public boolean isFull() {
        return available() == capacity;
    }

    /**
     * Takes {@code count} mbufs, all or none, resets them, and writes their addresses into {@code mbufs}
     * ({@code rte_pktmbuf_alloc_bulk}, which is static inline in DPDK). Goes straight to the pool's ops,
     * bypassing the per-lcore cache.
     *
     * @return true when {@code count} mbufs were taken
     */
    public boolean allocBulk(MemorySegment mbufs, int count) {
        int rc;
        try {
            rc = (int) HotCalls.MEMPOOL_DEQUEUE.invokeExact(dequeueFn, pool, mbufs, count);
        } catch (Throwable t) {
            throw HotCalls.rethrow(t);
        }
        if (rc < 0) {
            return false;
        }
        int headroom = Dpdk.RTE_PKTMBUF_HEADROOM();
        for (int i = 0; i < count; i++) {
            Mbufs.reset(mbufs.getAtIndex(ValueLayout.JAVA_LONG, i), headroom);
        }
        return true;
    }

    /**
     * Writes every page of every mbuf (header and data room) once, so that the first packets do not take a
     * page fault each on the polling core. Hugepage memory is mapped and pinned by EAL already; ordinary
     * memory ({@code --no-huge}) is only allocated by the kernel on first touch. Call before the port starts,
     * with the pool full.
     *
     * @return pages touched
     */
    public long prefault() {
        long pages = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment all = arena.allocate(ValueLayout.JAVA_LONG, capacity);
            if (!allocBulk(all, capacity)) {
                throw new IllegalStateException("prefault needs the whole pool: " + available() + "/" + capacity + " available");
            }
            long page = 4096;
            for (int i = 0; i < capacity; i++) {
                long mbuf = all.getAtIndex(ValueLayout.JAVA_LONG, i);
                long buffer = Mbufs.NATIVE.get(ValueLayout.JAVA_LONG_UNALIGNED, Mbufs.BUF_ADDR + mbuf);
                long end = buffer + Short.toUnsignedLong(Mbufs.NATIVE.get(ValueLayout.JAVA_SHORT_UNALIGNED, Mbufs.BUF_LEN + mbuf));
                for (long address = mbuf & -page; address < end; address += page) {
                    long at = Math.max(address, mbuf);
                    Mbufs.NATIVE.set(ValueLayout.JAVA_BYTE, at, Mbufs.NATIVE.get(ValueLayout.JAVA_BYTE, at));
                    pages++;
                }
            }
            freeBulk(all, capacity);
        }
        return pages;
    }

    /** Returns {@code count} mbufs (chains included) to their pools: {@code rte_pktmbuf_free_bulk}. */
    public static void freeBulk(MemorySegment mbufs, int count) {
        if (count > 0) {
            HotCalls.freeBulk(mbufs, count);
        }
    }

    /** {@code rte_mempool_free}. Call after the ports that use the pool are closed. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Dpdk.rte_mempool_free(pool);
        }
    }

    @Override
    public String toString() {
        return "MbufPool[" + name + ", " + available() + "/" + capacity + " available]";
    }
}
