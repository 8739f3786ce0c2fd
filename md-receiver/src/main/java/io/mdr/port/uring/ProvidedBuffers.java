package io.mdr.port.uring;

import io.mdr.port.PortException;
import io.mdr.uring.ffi.IoUring;
import io.mdr.uring.ffi.io_uring_buf;
import io.mdr.uring.ffi.io_uring_buf_reg;
import io.mdr.uring.ffi.io_uring_buf_ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A provided-buffer ring ({@code IORING_REGISTER_PBUF_RING}, Linux 5.19+): buffers the kernel picks from for each
 * datagram a multishot receive completes, and gives back by id in the completion. The application returns a buffer
 * by writing its entry at the ring's tail and publishing the tail (a 16-bit field overlaid on the first entry's
 * {@code resv}) with a release store, once per poll. Every buffer is either in the ring or being read by the
 * polling thread, so the ring never overflows.
 */
final class ProvidedBuffers implements AutoCloseable {
    /** The buffer group id the receives select from. */
    static final short GROUP = 0;
    private static final int ENTRY_BYTES = (int) io_uring_buf.sizeof();
    private static final long ENTRY_ADDR = io_uring_buf.addr$offset();
    private static final long ENTRY_LEN = io_uring_buf.len$offset();
    private static final long ENTRY_BID = io_uring_buf.bid$offset();
    private static final long TAIL = io_uring_buf_ring.tail$offset();
    private static final VarHandle SHORT = ValueLayout.JAVA_SHORT.varHandle();
    private static final int PROT_RW = IoUring.PROT_READ() | IoUring.PROT_WRITE();
    private static final int MAP_ANONYMOUS_PRIVATE = IoUring.MAP_PRIVATE() | IoUring.MAP_ANONYMOUS() | IoUring.MAP_POPULATE();

    final int count;
    final int bufferBytes;
    private final int mask;
    private final Ring ring;
    private final MemorySegment errno;
    private final MemorySegment entries;
    private final MemorySegment data;
    private final Arena mappings;
    private int tail;
    private boolean closed;

    private ProvidedBuffers(Ring ring, MemorySegment errno, int count, int bufferBytes, Arena mappings, MemorySegment entries,
                            MemorySegment data) {
        this.ring = ring;
        this.mappings = mappings;
        this.errno = errno;
        this.count = count;
        this.bufferBytes = bufferBytes;
        this.mask = count - 1;
        this.entries = entries;
        this.data = data;
    }

    /**
     * Maps {@code count} buffers of {@code bufferBytes} and their ring, registers the ring with {@code ring} and
     * gives it every buffer.
     *
     * @return the buffers, or null when the kernel has no provided-buffer rings (EINVAL: older than 5.19)
     */
    static ProvidedBuffers register(Ring ring, int count, int bufferBytes, MemorySegment errno) {
        long entriesBytes = (long) count * ENTRY_BYTES;
        long dataBytes = (long) count * bufferBytes;
        long entriesAddress = map(errno, entriesBytes, "provided-buffer ring");
        long dataAddress;
        try {
            dataAddress = map(errno, dataBytes, "receive buffers");
        } catch (RuntimeException e) {
            Syscalls.munmap(errno, entriesAddress, entriesBytes);
            throw e;
        }
        Arena mappings = Arena.ofShared();
        ProvidedBuffers buffers = new ProvidedBuffers(ring, errno, count, bufferBytes, mappings,
                MemorySegment.ofAddress(entriesAddress).reinterpret(entriesBytes, mappings, null),
                MemorySegment.ofAddress(dataAddress).reinterpret(dataBytes, mappings, null));
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reg = io_uring_buf_reg.allocate(arena);
            reg.fill((byte) 0);
            io_uring_buf_reg.ring_addr(reg, entriesAddress);
            io_uring_buf_reg.ring_entries(reg, count);
            io_uring_buf_reg.bgid(reg, GROUP);
            rc = Syscalls.ioUringRegister(errno, ring.fd, IoUring.IORING_REGISTER_PBUF_RING(), reg, 1);
        }
        if (rc < 0) {
            buffers.unmap();
            if (rc == -Errno.EINVAL) {
                return null;
            }
            throw new PortException("io_uring: registering " + count + " provided buffers failed: " + Syscalls.describe(-rc));
        }
        for (int bid = 0; bid < count; bid++) {
            buffers.recycle(bid);
        }
        buffers.publish();
        return buffers;
    }

    private static long map(MemorySegment errno, long bytes, String what) {
        long address = Syscalls.mmap(errno, bytes, PROT_RW, MAP_ANONYMOUS_PRIVATE, -1, 0);
        if (address < 0) {
            throw new PortException("io_uring: mapping the " + what + " (" + bytes + " bytes) failed: "
                    + Syscalls.describe((int) -address));
        }
        return address;
    }

    /** The buffers' memory: buffer {@code bid} starts at {@code bid * bufferBytes}. */
    MemorySegment data() {
        return data;
    }

    /** Gives buffer {@code bid} back (visible to the kernel at the next {@link #publish()}). */
    void recycle(int bid) {
        long entry = (long) (tail & mask) * ENTRY_BYTES;
        entries.set(ValueLayout.JAVA_LONG, entry + ENTRY_ADDR, data.address() + (long) bid * bufferBytes);
        entries.set(ValueLayout.JAVA_INT, entry + ENTRY_LEN, bufferBytes);
        entries.set(ValueLayout.JAVA_SHORT, entry + ENTRY_BID, (short) bid);
        tail++;
    }

    /** Publishes the buffers recycled since the last call. */
    void publish() {
        SHORT.setRelease(entries, TAIL, (short) tail);
    }

    private void unmap() {
        long entriesAddress = entries.address();
        long entriesBytes = entries.byteSize();
        long dataAddress = data.address();
        long dataBytes = data.byteSize();
        mappings.close();
        Syscalls.munmap(errno, entriesAddress, entriesBytes);
        Syscalls.munmap(errno, dataAddress, dataBytes);
    }

    /** After the ring is closed (which cancels every receive): the memory goes. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            unmap();
        }
    }

    @Override
    public String toString() {
        return count + " provided buffers of " + bufferBytes + " bytes (ring " + ring.fd + ")";
    }
}
