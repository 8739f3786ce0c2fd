package io.mdr.port.uring;

import io.mdr.port.PortException;
import io.mdr.uring.ffi.IoUring;
import io.mdr.uring.ffi.io_cqring_offsets;
import io.mdr.uring.ffi.io_sqring_offsets;
import io.mdr.uring.ffi.io_uring_cqe;
import io.mdr.uring.ffi.io_uring_params;
import io.mdr.uring.ffi.io_uring_sqe;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One io_uring instance: {@code io_uring_setup}, its submission ring, SQE array and completion ring mapped into
 * memory segments, and the two rings' head/tail protocol as the kernel's io_uring.c describes it: the tail of the
 * submission ring is published with a release store after the SQEs are written, the completion ring's tail read
 * with an acquire load before its CQEs, and its head stored with release once they are consumed.
 *
 * <p>The submission ring's index array is filled once with the identity (slot i holds SQE i), as liburing does, so
 * that an SQE is written straight into the slot its tail position names. Not thread-safe: one thread submits and
 * reaps (with {@code IORING_SETUP_SINGLE_ISSUER} the kernel holds it to that).
 */
final class Ring implements AutoCloseable {
    /** Flags tried in turn at setup, best first: deferred task work (completions run in io_uring_enter only), then cooperative. */
    static final int[] SETUP_FLAG_CHOICES = {
            IoUring.IORING_SETUP_SINGLE_ISSUER() | IoUring.IORING_SETUP_DEFER_TASKRUN() | IoUring.IORING_SETUP_SUBMIT_ALL(),
            IoUring.IORING_SETUP_COOP_TASKRUN() | IoUring.IORING_SETUP_SUBMIT_ALL(),
            0};

    static final int SQE_BYTES = (int) io_uring_sqe.sizeof();
    static final int CQE_BYTES = (int) io_uring_cqe.sizeof();
    static final long SQE_OPCODE = io_uring_sqe.opcode$offset();
    static final long SQE_FLAGS = io_uring_sqe.flags$offset();
    static final long SQE_IOPRIO = io_uring_sqe.ioprio$offset();
    static final long SQE_FD = io_uring_sqe.fd$offset();
    static final long SQE_ADDR = io_uring_sqe.addr$offset();
    static final long SQE_LEN = io_uring_sqe.len$offset();
    static final long SQE_MSG_FLAGS = io_uring_sqe.msg_flags$offset();
    static final long SQE_USER_DATA = io_uring_sqe.user_data$offset();
    static final long SQE_BUF_GROUP = io_uring_sqe.buf_group$offset();
    static final long CQE_USER_DATA = io_uring_cqe.user_data$offset();
    static final long CQE_RES = io_uring_cqe.res$offset();
    static final long CQE_FLAGS = io_uring_cqe.flags$offset();

    private static final int PROT_RW = IoUring.PROT_READ() | IoUring.PROT_WRITE();
    private static final int MAP_SHARED_POPULATE = IoUring.MAP_SHARED() | IoUring.MAP_POPULATE();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    final int fd;
    final int setupFlags;
    final int features;
    final int sqEntries;
    final int cqEntries;
    private final MemorySegment errno;
    private final MemorySegment sqRing;
    private final MemorySegment cqRing;
    private final MemorySegment sqes;
    private final long sqRingBytes;
    private final long cqRingBytes;
    private final long sqesBytes;
    private final long sqHead;
    private final long sqTail;
    private final int sqMask;
    private final long sqFlags;
    private final long cqHead;
    private final long cqTail;
    private final int cqMask;
    private final long cqOverflow;
    private final long cqes;
    /** The mappings' lifetime: once closed, a stray access throws instead of touching unmapped memory. */
    private final Arena mappings;
    private int sqTailLocal;
    private int cqHeadLocal;
    private int droppedAtClose;
    private boolean closed;

    private Ring(int fd, int setupFlags, MemorySegment params, MemorySegment errno, Arena mappings, MemorySegment sqRing,
                 long sqRingBytes, MemorySegment cqRing, long cqRingBytes, MemorySegment sqes, long sqesBytes) {
        this.fd = fd;
        this.mappings = mappings;
        this.setupFlags = setupFlags;
        this.errno = errno;
        this.features = io_uring_params.features(params);
        this.sqEntries = io_uring_params.sq_entries(params);
        this.cqEntries = io_uring_params.cq_entries(params);
        MemorySegment sqOff = io_uring_params.sq_off(params);
        MemorySegment cqOff = io_uring_params.cq_off(params);
        this.sqRing = sqRing;
        this.cqRing = cqRing;
        this.sqes = sqes;
        this.sqRingBytes = sqRingBytes;
        this.cqRingBytes = cqRingBytes;
        this.sqesBytes = sqesBytes;
        sqHead = io_sqring_offsets.head(sqOff);
        sqTail = io_sqring_offsets.tail(sqOff);
        sqMask = sqRing.get(ValueLayout.JAVA_INT, io_sqring_offsets.ring_mask(sqOff));
        sqFlags = io_sqring_offsets.flags(sqOff);
        long array = io_sqring_offsets.array(sqOff);
        for (int i = 0; i < sqEntries; i++) {
            sqRing.set(ValueLayout.JAVA_INT, array + 4L * i, i);
        }
        cqHead = io_cqring_offsets.head(cqOff);
        cqTail = io_cqring_offsets.tail(cqOff);
        cqMask = cqRing.get(ValueLayout.JAVA_INT, io_cqring_offsets.ring_mask(cqOff));
        cqOverflow = io_cqring_offsets.overflow(cqOff);
        cqes = io_cqring_offsets.cqes(cqOff);
        sqTailLocal = (int) INT.getAcquire(sqRing, sqTail);
        cqHeadLocal = (int) INT.getAcquire(cqRing, cqHead);
    }

    /**
     * Sets a ring up with the best flags this kernel accepts.
     *
     * @param errno a segment from {@link Syscalls#newErrnoSegment}, used by every later call on this ring's thread
     * @throws PortException naming the cause when io_uring cannot be used at all
     */
    static Ring create(int entries, int completionEntries, MemorySegment errno) {
        int lastError = 0;
        for (int flags : SETUP_FLAG_CHOICES) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment params = io_uring_params.allocate(arena);
                params.fill((byte) 0);
                io_uring_params.flags(params, flags | IoUring.IORING_SETUP_CQSIZE());
                io_uring_params.cq_entries(params, completionEntries);
                int fd = Syscalls.ioUringSetup(errno, entries, params);
                if (fd == -Errno.EINVAL) {
                    lastError = Errno.EINVAL;
                    continue;
                }
                if (fd < 0) {
                    throw new PortException(IoUringSupport.setupFailure(-fd, IoUringSupport.disabledSysctl()));
                }
                try {
                    return map(fd, flags, params, errno);
                } catch (RuntimeException e) {
                    Syscalls.close(errno, fd);
                    throw e;
                }
            }
        }
        throw new PortException(IoUringSupport.setupFailure(lastError, IoUringSupport.disabledSysctl()));
    }

    private static Ring map(int fd, int flags, MemorySegment params, MemorySegment errno) {
        MemorySegment sqOff = io_uring_params.sq_off(params);
        MemorySegment cqOff = io_uring_params.cq_off(params);
        int sqEntries = io_uring_params.sq_entries(params);
        int cqEntries = io_uring_params.cq_entries(params);
        long sqBytes = io_sqring_offsets.array(sqOff) + 4L * sqEntries;
        long cqBytes = io_cqring_offsets.cqes(cqOff) + (long) CQE_BYTES * cqEntries;
        boolean single = (io_uring_params.features(params) & IoUring.IORING_FEAT_SINGLE_MMAP()) != 0;
        if (single) {
            sqBytes = cqBytes = Math.max(sqBytes, cqBytes);
        }
        long sqAddress = mapOrThrow(errno, sqBytes, fd, IoUring.IORING_OFF_SQ_RING(), "submission ring");
        long cqAddress = sqAddress;
        long sqesAddress = 0;
        try {
            if (!single) {
                cqAddress = mapOrThrow(errno, cqBytes, fd, IoUring.IORING_OFF_CQ_RING(), "completion ring");
            }
            long sqesBytes = (long) SQE_BYTES * sqEntries;
            sqesAddress = mapOrThrow(errno, sqesBytes, fd, IoUring.IORING_OFF_SQES(), "SQE array");
            Arena mappings = Arena.ofShared();
            return new Ring(fd, flags, params, errno, mappings, MemorySegment.ofAddress(sqAddress).reinterpret(sqBytes, mappings, null),
                    sqBytes, MemorySegment.ofAddress(cqAddress).reinterpret(cqBytes, mappings, null), single ? 0 : cqBytes,
                    MemorySegment.ofAddress(sqesAddress).reinterpret(sqesBytes, mappings, null), sqesBytes);
        } catch (RuntimeException e) {
            Syscalls.munmap(errno, sqAddress, sqBytes);
            if (!single && cqAddress != sqAddress) {
                Syscalls.munmap(errno, cqAddress, cqBytes);
            }
            throw e;
        }
    }

    private static long mapOrThrow(MemorySegment errno, long bytes, int fd, long offset, String what) {
        long address = Syscalls.mmap(errno, bytes, PROT_RW, MAP_SHARED_POPULATE, fd, offset);
        if (address < 0) {
            throw new PortException("io_uring: mapping its " + what + " (" + bytes + " bytes) failed: "
                    + Syscalls.describe((int) -address));
        }
        return address;
    }

    // ------------------------------------------------------------------------------------------ submission

    /**
     * The next free SQE, zeroed, or -1 when the submission ring is full (the kernel has not consumed what was
     * queued: submit first). The SQE is the caller's to fill until {@link #publish()}.
     *
     * @return the SQE's offset in {@link #sqes()}
     */
    long nextSqe() {
        int head = (int) INT.getAcquire(sqRing, sqHead);
        if (sqTailLocal - head == sqEntries) {
            return -1;
        }
        long sqe = (long) (sqTailLocal & sqMask) * SQE_BYTES;
        for (int i = 0; i < SQE_BYTES; i += Long.BYTES) {
            sqes.set(ValueLayout.JAVA_LONG, sqe + i, 0L);
        }
        sqTailLocal++;
        return sqe;
    }

    /** Free SQEs: what {@link #nextSqe()} can give before the kernel consumes more. */
    int freeSqes() {
        return sqEntries - (sqTailLocal - (int) INT.getAcquire(sqRing, sqHead));
    }

    MemorySegment sqes() {
        return sqes;
    }

    /** Makes the SQEs queued since the last call visible to the kernel. */
    void publish() {
        INT.setRelease(sqRing, sqTail, sqTailLocal);
    }

    /** SQEs published but not yet consumed by the kernel. */
    int unsubmitted() {
        return sqTailLocal - (int) INT.getAcquire(sqRing, sqHead);
    }

    /**
     * {@code io_uring_enter}: submits what is queued and, with {@code getEvents}, runs the completions the kernel
     * deferred to this moment (with {@code IORING_SETUP_DEFER_TASKRUN} that is where the receives happen).
     *
     * @return SQEs consumed, or {@code -errno} (EINTR, EAGAIN and EBUSY are transient)
     */
    int enter(int minComplete, boolean getEvents) {
        publish();
        return Syscalls.ioUringEnter(errno, fd, unsubmitted(), minComplete, getEvents ? IoUring.IORING_ENTER_GETEVENTS() : 0);
    }

    // ------------------------------------------------------------------------------------------ completion

    /** CQEs waiting to be read. */
    int ready() {
        return (int) INT.getAcquire(cqRing, cqTail) - cqHeadLocal;
    }

    /** Offset in {@link #completions()} of the {@code i}-th waiting CQE. */
    long cqe(int i) {
        return cqes + (long) ((cqHeadLocal + i) & cqMask) * CQE_BYTES;
    }

    MemorySegment completions() {
        return cqRing;
    }

    /** Gives {@code n} read CQEs back to the kernel. */
    void advance(int n) {
        cqHeadLocal += n;
        INT.setRelease(cqRing, cqHead, cqHeadLocal);
    }

    /** Whether the kernel holds completions that did not fit the completion ring (io_uring_enter flushes them). */
    boolean overflowPending() {
        return ((int) INT.getAcquire(sqRing, sqFlags) & IoUring.IORING_SQ_CQ_OVERFLOW()) != 0;
    }

    /** Completions the kernel dropped because even its overflow list was out of memory (never, with FEAT_NODROP). */
    int droppedCompletions() {
        return closed ? droppedAtClose : (int) INT.getAcquire(cqRing, cqOverflow);
    }

    boolean deferredTaskRun() {
        return (setupFlags & IoUring.IORING_SETUP_DEFER_TASKRUN()) != 0;
    }

    String describeFlags() {
        if (deferredTaskRun()) {
            return "single issuer, deferred task run";
        }
        return (setupFlags & IoUring.IORING_SETUP_COOP_TASKRUN()) != 0 ? "cooperative task run" : "default task run";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        droppedAtClose = droppedCompletions();
        closed = true;
        long sqesAddress = sqes.address();
        long cqAddress = cqRing.address();
        long sqAddress = sqRing.address();
        mappings.close();
        Syscalls.munmap(errno, sqesAddress, sqesBytes);
        if (cqRingBytes > 0) {
            Syscalls.munmap(errno, cqAddress, cqRingBytes);
        }
        Syscalls.munmap(errno, sqAddress, sqRingBytes);
        Syscalls.close(errno, fd);
    }
}
