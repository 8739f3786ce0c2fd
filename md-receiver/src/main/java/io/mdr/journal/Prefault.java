package io.mdr.journal;

import net.openhft.chronicle.bytes.MappedBytesStore;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * {@code madvise(MADV_POPULATE_WRITE)}: maps a range of a shared file mapping writable, allocating its pages,
 * in one system call rather than one page fault per page. In a VM a fault costs several microseconds (an exit
 * to the hypervisor on top of the kernel's own work), so populating a whole range at once is several times
 * faster than touching it page by page. Linux 5.14 and later; older kernels answer EINVAL and the caller
 * falls back to touching.
 *
 * <p>It is also how a full file system shows itself without a fault: where the file system cannot back a page,
 * the call fails (EFAULT, or ENOMEM/ENOSPC) instead of raising SIGBUS, which a plain write to that page would.
 * One instance per thread: it keeps the {@code errno} of its last call.
 */
final class Prefault {
    /** From the kernel's uapi/asm-generic/mman-common.h. */
    static final int MADV_POPULATE_WRITE = 23;
    static final long PAGE = 4096;
    /** errno values (asm-generic/errno-base.h). */
    static final int ENOMEM = 12;
    static final int EFAULT = 14;
    static final int EINVAL = 22;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle MADVISE = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("madvise").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));

    private final MemorySegment callState = Arena.ofAuto().allocate(CALL_STATE);

    /**
     * Populates {@code [address, address + length)} for writing; {@code address} must be page-aligned.
     *
     * @return 0 when the kernel did it, else its errno (EINVAL: not supported or not a suitable mapping;
     *         EFAULT, ENOMEM: the file system cannot back the pages)
     */
    int populateWrite(long address, long length) {
        if ((address & (PAGE - 1)) != 0) {
            throw new IllegalArgumentException("address not page-aligned: 0x" + Long.toHexString(address));
        }
        int rc;
        try {
            rc = (int) MADVISE.invokeExact(callState, MemorySegment.ofAddress(address), length, MADV_POPULATE_WRITE);
        } catch (Throwable t) {
            throw new IllegalStateException("madvise failed", t);
        }
        return rc == 0 ? 0 : (int) ERRNO.get(callState, 0L);
    }

    /** True for the answers that mean the file system has no room for the pages (rather than "not supported"). */
    static boolean noRoom(int errno) {
        return errno != 0 && errno != EINVAL;
    }

    /** A short name for the errno values madvise gives here. */
    static String errnoName(int errno) {
        return switch (errno) {
            case EFAULT -> "EFAULT (Bad address)";
            case ENOMEM -> "ENOMEM (Cannot allocate memory)";
            case EINVAL -> "EINVAL (Invalid argument)";
            case 28 -> "ENOSPC (No space left on device)";
            case 5 -> "EIO (Input/output error)";
            default -> "errno " + errno;
        };
    }

    /**
     * Writes every page of {@code [from, to)} of {@code mapping} once, with an atomic compare-and-swap of 0 with 0
     * at its first byte, which never changes a byte, even racing with the journal's writer.
     *
     * <p>{@link #populateWrite} makes the kernel's page tables ready, but under a hypervisor that shadows the guest's
     * page tables (PVM here, and any VM without nested paging), the first user-mode write to each page still traps
     * to the hypervisor: a fault that the guest's counters never see and that costs microseconds. Measured on this
     * receiver (BIG1, 12M one-message packets), pages populated without this touch held the full pipeline at 2.9-3.0M
     * packets/s; touched by the pretoucher first, 4.1M. The touch comes from the same process and the same virtual
     * addresses as the writer's, so the hypervisor's entry it creates is the writer's.
     */
    static void touchPages(MappedBytesStore mapping, long from, long to) {
        for (long page = from & -PAGE; page < to; page += PAGE) {
            mapping.compareAndSwapInt(page, 0, 0);
        }
    }
}
