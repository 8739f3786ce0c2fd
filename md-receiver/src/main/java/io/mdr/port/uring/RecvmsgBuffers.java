package io.mdr.port.uring;

import io.mdr.uring.ffi.IoUring;
import io.mdr.uring.ffi.in_addr;
import io.mdr.uring.ffi.iovec;
import io.mdr.uring.ffi.msghdr;
import io.mdr.uring.ffi.sockaddr_in;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The buffers of the batched {@code recvmsg} fallback: for each, a {@code msghdr}, its {@code iovec} and
 * {@code sockaddr_in}, and the payload room (one byte more than a datagram may be, so that a cut one shows).
 * Each line has {@code chain} buffers, {@code line * chain} to {@code line * chain + chain - 1}, received into by one
 * chain of linked requests.
 */
final class RecvmsgBuffers implements AutoCloseable {
    private static final long MSGHDR = 0;
    private static final long IOVEC = align(msghdr.sizeof(), 8);
    private static final long NAME = IOVEC + align(iovec.sizeof(), 8);
    private static final long PAYLOAD = align(NAME + sockaddr_in.sizeof(), 64);
    private static final ValueLayout.OfInt NETWORK_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long SOURCE = NAME + sockaddr_in.sin_addr$offset() + in_addr.s_addr$offset();

    final int count;
    final int lines;
    final int chain;
    private final int payloadRoom;
    private final long stride;
    private final Arena arena;
    private final MemorySegment memory;

    RecvmsgBuffers(int lines, int chain, int maxDatagram) {
        this.count = lines * chain;
        this.lines = lines;
        this.chain = chain;
        this.payloadRoom = maxDatagram + 1;
        this.stride = align(PAYLOAD + payloadRoom, 64);
        this.arena = Arena.ofShared();
        this.memory = arena.allocate(stride * count, 4096);
        for (int b = 0; b < count; b++) {
            long base = stride * b;
            MemorySegment hdr = memory.asSlice(base + MSGHDR, msghdr.sizeof());
            msghdr.msg_name(hdr, memory.asSlice(base + NAME, sockaddr_in.sizeof()));
            msghdr.msg_iov(hdr, memory.asSlice(base + IOVEC, iovec.sizeof()));
            msghdr.msg_iovlen(hdr, 1);
            MemorySegment iov = memory.asSlice(base + IOVEC, iovec.sizeof());
            iovec.iov_base(iov, memory.asSlice(base + PAYLOAD, payloadRoom));
            iovec.iov_len(iov, payloadRoom);
        }
    }

    private static long align(long value, long to) {
        return (value + to - 1) / to * to;
    }

    /** The line buffer {@code b} serves. */
    int line(int b) {
        return b / chain;
    }

    /** The first buffer of a line's chain. */
    int first(int line) {
        return line * chain;
    }

    /** Whether buffer {@code b} is the last of its line's chain. */
    boolean last(int b) {
        return b % chain == chain - 1;
    }

    /** Readies buffer {@code b} for its next receive: the kernel writes the address length back. */
    long prepare(int b) {
        long base = stride * b;
        memory.set(ValueLayout.JAVA_INT, base + MSGHDR + msghdr.msg_namelen$offset(), (int) sockaddr_in.sizeof());
        memory.set(ValueLayout.JAVA_INT, base + MSGHDR + msghdr.msg_flags$offset(), 0);
        return memory.address() + base + MSGHDR;
    }

    long payloadAddress(int b) {
        return memory.address() + stride * b + PAYLOAD;
    }

    /** The sender of the datagram buffer {@code b} holds, as an int in network order. */
    int source(int b) {
        return memory.get(NETWORK_INT, stride * b + SOURCE);
    }

    /** Whether the datagram in buffer {@code b}, {@code length} bytes as completed, was longer than a datagram may be. */
    boolean truncated(int b, int length) {
        return length >= payloadRoom
                || (memory.get(ValueLayout.JAVA_INT, stride * b + MSGHDR + msghdr.msg_flags$offset()) & IoUring.MSG_TRUNC()) != 0;
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
