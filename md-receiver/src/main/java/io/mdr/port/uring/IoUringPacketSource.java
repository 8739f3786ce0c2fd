package io.mdr.port.uring;

import io.mdr.config.ConfigKeys;
import io.mdr.config.KernelPortConfig;
import io.mdr.config.ReceiverConfig;
import io.mdr.config.UringReceive;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.port.PacketSink;
import io.mdr.port.PacketSource;
import io.mdr.port.PollingThread;
import io.mdr.port.PortException;
import io.mdr.port.kernel.KernelLine;
import io.mdr.port.kernel.KernelPortCounters;
import io.mdr.port.kernel.UdpChannels;
import io.mdr.uring.ffi.IoUring;
import io.mdr.uring.ffi.in_addr;
import io.mdr.uring.ffi.io_uring_recvmsg_out;
import io.mdr.uring.ffi.msghdr;
import io.mdr.uring.ffi.sockaddr_in;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code port.kind=io_uring}: each line's socket receives through io_uring, with the rings mapped into segments and
 * no library between Java and the kernel.
 *
 * <p><b>Multishot</b> (Linux 6.0+): one {@code IORING_OP_RECVMSG} per line with {@code IORING_RECV_MULTISHOT} and
 * buffer selection keeps receiving into buffers the kernel takes from a provided-buffer ring, one completion per
 * datagram; each buffer holds the {@code io_uring_recvmsg_out} header, the sender's {@code sockaddr_in} and the
 * payload, which goes to the sink where it lies and the buffer back to the ring. A request ends when the buffers ran
 * out (ENOBUFS: the datagram stays in the socket's queue) or the completion ring overflowed; it is re-armed at once.
 *
 * <p><b>Batched recvmsg</b> (any io_uring kernel): per line, a chain of single-shot {@code recvmsg} requests, each
 * with its own buffer, linked ({@code IOSQE_IO_LINK}) so that each starts when the one before has completed: the
 * datagrams complete in the order the socket queued them (independent requests on one socket may complete out of
 * order, which the arbiter would see as reordering, even as a gap). The chain is as long as the line's share of
 * {@code port.uringBuffers} and the submission ring allow; when its last request completes, the whole chain is
 * submitted again in the next {@code io_uring_enter}. A chain that does not fit the submission ring waits for it.
 *
 * <p>The ring is made on the polling thread ({@code onStart}), which is the only one to submit and reap: with
 * {@code IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN} the kernel does the receives inside this thread's
 * {@code io_uring_enter}, many datagrams per call, and never interrupts it otherwise. A poll reaps what the last
 * call completed (at most a burst); only when nothing is left does it call {@code io_uring_enter} again. Every
 * datagram reaped from one call is stamped with the time that call returned: when it reached user space.
 */
public final class IoUringPacketSource implements PacketSource {
    static final int OP_MULTISHOT = 1;
    static final int OP_RECVMSG = 2;

    private static final ValueLayout.OfInt NETWORK_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int RECVMSG_OUT_BYTES = (int) io_uring_recvmsg_out.sizeof();
    private static final int NAME_BYTES = (int) sockaddr_in.sizeof();
    /** In a provided buffer: the recvmsg_out header, the name (msg_namelen bytes), then the payload. */
    private static final int PAYLOAD_OFFSET = RECVMSG_OUT_BYTES + NAME_BYTES;
    private static final long OUT_PAYLOADLEN = io_uring_recvmsg_out.payloadlen$offset();
    private static final long OUT_FLAGS = io_uring_recvmsg_out.flags$offset();
    private static final long OUT_SOURCE = RECVMSG_OUT_BYTES + sockaddr_in.sin_addr$offset() + in_addr.s_addr$offset();
    private static final int CQE_F_BUFFER = IoUring.IORING_CQE_F_BUFFER();
    private static final int CQE_F_MORE = IoUring.IORING_CQE_F_MORE();
    private static final int CQE_BUFFER_SHIFT = IoUring.IORING_CQE_BUFFER_SHIFT();
    private static final int MSG_TRUNC = IoUring.MSG_TRUNC();

    private final KernelPortConfig config;
    private final List<KernelLine> lines;
    private final int[] fds;
    private final int[] groups;
    private final int[] ports;
    private final PacketSink sink;
    private final boolean rxOnly;
    private final int burstSize;
    private final int maxDatagram;
    private final KernelPortCounters portCounters;
    private final Arena arena = Arena.ofShared();
    /** errno of the calls the polling thread makes. */
    private final MemorySegment errno;
    private final MemorySegment lineMessages;
    /** Lines whose multishot request ended, and buffers whose recvmsg completed, waiting for room in the submission ring. */
    private final IntQueue resubmit;
    private final String granted;
    private UringReceive receive;
    private Ring ring;
    private ProvidedBuffers provided;
    private RecvmsgBuffers recvmsg;
    private long enterNanos;
    private long pollNanos;
    private boolean sawDatagram;
    /** Diagnostics (tests, the summary): multishot requests re-armed, polls that found the submission ring full, completion-ring overflows seen. */
    private long rearms;
    private long submissionRingFull;
    private long overflows;
    private volatile boolean stopping;
    private volatile int osThreadId;
    private volatile String described = "";

    private IoUringPacketSource(KernelPortConfig config, List<KernelLine> lines, int[] fds, String granted, PacketSink sink,
                                boolean rxOnly) {
        this.config = config;
        this.lines = lines;
        this.fds = fds;
        this.granted = granted;
        this.sink = sink;
        this.rxOnly = rxOnly;
        this.burstSize = config.burstSize();
        this.maxDatagram = config.maxDatagramBytes();
        this.receive = config.uringReceive();
        this.portCounters = new KernelPortCounters(lines);
        this.errno = Syscalls.newErrnoSegment(arena);
        this.groups = new int[lines.size()];
        this.ports = new int[lines.size()];
        this.lineMessages = arena.allocate(msghdr.layout(), lines.size());
        for (int i = 0; i < groups.length; i++) {
            groups[i] = lines.get(i).group();
            ports[i] = lines.get(i).port();
            MemorySegment hdr = lineMessages.asSlice(i * msghdr.sizeof(), msghdr.sizeof());
            msghdr.msg_namelen(hdr, NAME_BYTES);
        }
        this.resubmit = new IntQueue(Math.max(config.uringBuffers(), lines.size()) + lines.size());
    }

    /**
     * Checks that io_uring can be used here (a throwaway ring, and a provided-buffer ring where multishot is wanted),
     * then opens and joins every line's socket. The port's own ring is made on the polling thread.
     */
    public static IoUringPacketSource open(ReceiverConfig receiverConfig, PacketSink sink, boolean rxOnly) {
        KernelPortConfig config = receiverConfig.kernelPort();
        List<KernelLine> lines = KernelLine.all(receiverConfig);
        UdpChannels.networkInterface(config);
        try (Arena setup = Arena.ofConfined()) {
            MemorySegment errno = Syscalls.newErrnoSegment(setup);
            probe(config, errno);
            int interfaceIndex = config.hasInterface() ? UringSocket.interfaceIndex(config.networkInterface(), errno) : 0;
            int[] fds = new int[lines.size()];
            List<Integer> opened = new ArrayList<>();
            try {
                int minGranted = Integer.MAX_VALUE;
                for (int i = 0; i < fds.length; i++) {
                    KernelLine line = lines.get(i);
                    fds[i] = UringSocket.open(line, line.multicast() ? interfaceIndex : 0, config.receiveBufferBytes(), errno);
                    opened.add(fds[i]);
                    minGranted = Math.min(minGranted, UringSocket.receiveBuffer(fds[i], errno));
                }
                String granted = "SO_RCVBUF " + minGranted + " (asked " + config.receiveBufferBytes()
                        + (minGranted < config.receiveBufferBytes() ? "; capped by net.core.rmem_max" : "") + ")";
                return new IoUringPacketSource(config, lines, fds, granted, sink, rxOnly);
            } catch (RuntimeException e) {
                opened.forEach(fd -> Syscalls.close(errno, fd));
                throw e;
            }
        }
    }

    /** A small ring to see that io_uring works and, where multishot is wanted, that provided-buffer rings do. */
    private static void probe(KernelPortConfig config, MemorySegment errno) {
        try (Ring probe = Ring.create(4, 8, errno)) {
            if (config.uringReceive() == UringReceive.RECVMSG) {
                return;
            }
            ProvidedBuffers buffers = ProvidedBuffers.register(probe, 1, 4096, errno);
            if (buffers != null) {
                buffers.close();
            } else if (config.uringReceive() == UringReceive.MULTISHOT) {
                throw new PortException(ConfigKeys.PORT_URING_RECEIVE + "=multishot: this kernel has no provided-buffer"
                        + " rings (IORING_REGISTER_PBUF_RING: EINVAL; Linux 5.19+, multishot recvmsg 6.0+); set "
                        + ConfigKeys.PORT_URING_RECEIVE + "=auto or recvmsg");
            }
        }
    }

    @Override
    public void onStart(int cpu) {
        PollingThread.pin(cpu);
        osThreadId = PollingThread.osThreadId();
        ring = Ring.create(config.uringEntries(), config.uringCompletionEntries(), errno);
        if (receive != UringReceive.RECVMSG) {
            int bufferBytes = (PAYLOAD_OFFSET + maxDatagram + 63) & ~63;
            provided = ProvidedBuffers.register(ring, config.uringBuffers(), bufferBytes, errno);
            if (provided == null) {
                if (receive == UringReceive.MULTISHOT) {
                    throw new PortException(ConfigKeys.PORT_URING_RECEIVE + "=multishot: provided-buffer rings refused");
                }
                receive = UringReceive.RECVMSG;
            } else {
                receive = UringReceive.MULTISHOT;
            }
        }
        if (receive == UringReceive.MULTISHOT) {
            for (int line = 0; line < fds.length; line++) {
                resubmit.add(line);
            }
        } else {
            armRecvmsg();
        }
        queueResubmissions();
        submitAll();
        describeNow();
        enterNanos = System.nanoTime();
    }

    private void armRecvmsg() {
        int chain = Math.max(1, Math.min(config.uringBuffers() / fds.length, ring.sqEntries));
        recvmsg = new RecvmsgBuffers(fds.length, chain, maxDatagram);
        for (int line = 0; line < fds.length; line++) {
            resubmit.add(line);
        }
    }

    /** Submits until the submission ring has taken everything queued (a start-up step: the ring may be smaller). */
    private void submitAll() {
        for (int round = 0; round < 1_000 && (resubmit.size() > 0 || ring.unsubmitted() > 0); round++) {
            int rc = ring.enter(0, false);
            if (rc < 0 && rc != -Errno.EINTR && rc != -Errno.EAGAIN && rc != -Errno.EBUSY) {
                throw new PortException("io_uring_enter (arming " + fds.length + " line(s)) failed: " + Syscalls.describe(-rc));
            }
            queueResubmissions();
        }
    }

    @Override
    public int poll() {
        if (ring == null) {
            pollNanos = System.nanoTime();
            return 0;
        }
        int received = reap();
        if (received == 0) {
            if (ring.overflowPending()) {
                overflows++;
            }
            int rc = ring.enter(0, true);
            enterNanos = System.nanoTime();
            if (rc < 0 && rc != -Errno.EINTR && rc != -Errno.EAGAIN && rc != -Errno.EBUSY) {
                portCounters.errors.setRelease(portCounters.errors.get() + 1);
            }
            received = reap();
        }
        if (provided != null) {
            provided.publish();
        }
        queueResubmissions();
        pollNanos = enterNanos;
        return received;
    }

    /** Reads at most a burst of completions; returns the datagrams among them. */
    private int reap() {
        int n = Math.min(ring.ready(), burstSize);
        if (n == 0) {
            return 0;
        }
        MemorySegment completions = ring.completions();
        int datagrams = 0;
        for (int i = 0; i < n; i++) {
            long cqe = ring.cqe(i);
            long userData = completions.get(ValueLayout.JAVA_LONG, cqe + Ring.CQE_USER_DATA);
            int res = completions.get(ValueLayout.JAVA_INT, cqe + Ring.CQE_RES);
            int flags = completions.get(ValueLayout.JAVA_INT, cqe + Ring.CQE_FLAGS);
            int op = (int) (userData >>> 16) & 0xFF;
            if (op == OP_MULTISHOT) {
                datagrams += onMultishot((int) (userData & 0xFFFF), res, flags);
            } else if (op == OP_RECVMSG) {
                datagrams += onRecvmsg((int) (userData >>> 32), res);
            }
        }
        ring.advance(n);
        return datagrams;
    }

    private int onMultishot(int line, int res, int flags) {
        int datagrams = 0;
        if (res >= 0 && (flags & CQE_F_BUFFER) != 0) {
            int bid = flags >>> CQE_BUFFER_SHIFT;
            MemorySegment data = provided.data();
            long buffer = (long) bid * provided.bufferBytes;
            portCounters.datagrams.setRelease(portCounters.datagrams.get() + 1);
            sawDatagram = true;
            if ((data.get(ValueLayout.JAVA_INT, buffer + OUT_FLAGS) & MSG_TRUNC) != 0) {
                portCounters.errors.setRelease(portCounters.errors.get() + 1);
            } else if (!rxOnly) {
                sink.onDatagram(data.address() + buffer + PAYLOAD_OFFSET, data.get(ValueLayout.JAVA_INT, buffer + OUT_PAYLOADLEN),
                        groups[line], ports[line], data.get(NETWORK_INT, buffer + OUT_SOURCE), enterNanos);
            }
            provided.recycle(bid);
            datagrams = 1;
        } else if (res == -Errno.ENOBUFS) {
            portCounters.noBuffer.setRelease(portCounters.noBuffer.get() + 1);
        } else if (res == -Errno.EINVAL && !sawDatagram && config.uringReceive() == UringReceive.AUTO && recvmsg == null) {
            // Provided-buffer rings but no multishot recvmsg (Linux 5.19): batched recvmsg instead.
            receive = UringReceive.RECVMSG;
            armRecvmsg();
            describeNow();
            return 0;
        } else if (res < 0 && res != -Errno.ECANCELED) {
            portCounters.errors.setRelease(portCounters.errors.get() + 1);
        }
        if ((flags & CQE_F_MORE) == 0 && !stopping && receive == UringReceive.MULTISHOT) {
            rearms++;
            resubmit.add(line);
        }
        return datagrams;
    }

    private int onRecvmsg(int b, int res) {
        if (stopping) {
            return 0;
        }
        int datagrams = 0;
        if (res == -Errno.ECANCELED) {
            // A request before it in the chain failed: the chain is cut here.
        } else if (res >= 0) {
            portCounters.datagrams.setRelease(portCounters.datagrams.get() + 1);
            if (recvmsg.truncated(b, res)) {
                portCounters.errors.setRelease(portCounters.errors.get() + 1);
            } else if (!rxOnly) {
                int line = recvmsg.line(b);
                sink.onDatagram(recvmsg.payloadAddress(b), res, groups[line], ports[line], recvmsg.source(b), enterNanos);
            }
            datagrams = 1;
        } else {
            portCounters.errors.setRelease(portCounters.errors.get() + 1);
        }
        if (recvmsg.last(b)) {
            resubmit.add(recvmsg.line(b));
        }
        return datagrams;
    }

    /** Moves queued re-arms and chains into the submission ring while it has room; the next enter submits them. */
    private void queueResubmissions() {
        while (resubmit.size() > 0) {
            int line = resubmit.peek();
            if (receive == UringReceive.MULTISHOT) {
                long sqe = ring.nextSqe();
                if (sqe < 0) {
                    submissionRingFull++;
                    return;
                }
                prepareMultishot(sqe, line);
            } else {
                if (ring.freeSqes() < recvmsg.chain) {
                    submissionRingFull++;
                    return;
                }
                int first = recvmsg.first(line);
                for (int b = first; b < first + recvmsg.chain; b++) {
                    prepareRecvmsg(ring.nextSqe(), b);
                }
            }
            resubmit.poll();
        }
    }

    private void prepareMultishot(long sqe, int line) {
        MemorySegment sqes = ring.sqes();
        sqes.set(ValueLayout.JAVA_BYTE, sqe + Ring.SQE_OPCODE, (byte) IoUring.IORING_OP_RECVMSG());
        sqes.set(ValueLayout.JAVA_BYTE, sqe + Ring.SQE_FLAGS, (byte) IoUring.IOSQE_BUFFER_SELECT());
        sqes.set(ValueLayout.JAVA_SHORT, sqe + Ring.SQE_IOPRIO, (short) IoUring.IORING_RECV_MULTISHOT());
        sqes.set(ValueLayout.JAVA_INT, sqe + Ring.SQE_FD, fds[line]);
        sqes.set(ValueLayout.JAVA_LONG, sqe + Ring.SQE_ADDR, lineMessages.address() + line * msghdr.sizeof());
        sqes.set(ValueLayout.JAVA_INT, sqe + Ring.SQE_LEN, 1);
        sqes.set(ValueLayout.JAVA_SHORT, sqe + Ring.SQE_BUF_GROUP, ProvidedBuffers.GROUP);
        sqes.set(ValueLayout.JAVA_LONG, sqe + Ring.SQE_USER_DATA, ((long) OP_MULTISHOT << 16) | line);
    }

    private void prepareRecvmsg(long sqe, int b) {
        MemorySegment sqes = ring.sqes();
        sqes.set(ValueLayout.JAVA_BYTE, sqe + Ring.SQE_OPCODE, (byte) IoUring.IORING_OP_RECVMSG());
        if (!recvmsg.last(b)) {
            sqes.set(ValueLayout.JAVA_BYTE, sqe + Ring.SQE_FLAGS, (byte) IoUring.IOSQE_IO_LINK());
        }
        sqes.set(ValueLayout.JAVA_INT, sqe + Ring.SQE_FD, fds[recvmsg.line(b)]);
        sqes.set(ValueLayout.JAVA_LONG, sqe + Ring.SQE_ADDR, recvmsg.prepare(b));
        sqes.set(ValueLayout.JAVA_INT, sqe + Ring.SQE_LEN, 1);
        sqes.set(ValueLayout.JAVA_LONG, sqe + Ring.SQE_USER_DATA, ((long) b << 32) | ((long) OP_RECVMSG << 16) | recvmsg.line(b));
    }

    @Override
    public long pollNanos() {
        return pollNanos;
    }

    /** On the polling thread: closing the ring cancels every receive; the memory goes after. */
    @Override
    public void onClose() {
        stopping = true;
        releaseRing();
    }

    private void releaseRing() {
        if (ring != null) {
            ring.close();
        }
        if (provided != null) {
            provided.close();
        }
        if (recvmsg != null) {
            recvmsg.close();
        }
    }

    @Override
    public void updateCounters(ReceiverCounters counters) {
        portCounters.update(counters);
    }

    @Override
    public int osThreadId() {
        return osThreadId;
    }

    @Override
    public String describe() {
        String how = described;
        return "io_uring port (" + (how.isEmpty() ? "ring made on the polling thread" : how) + "): "
                + UdpChannels.describeLines(lines) + (config.hasInterface() ? " on " + config.networkInterface() : "")
                + ", " + granted;
    }

    private void describeNow() {
        described = (receive == UringReceive.MULTISHOT
                ? "multishot recvmsg into " + provided
                : "batched recvmsg, chains of " + recvmsg.chain + " linked requests per line")
                + "; " + ring.sqEntries + "/" + ring.cqEntries + " SQ/CQ entries, " + ring.describeFlags();
    }

    @Override
    public String summary() {
        return "io_uring: " + receive.configName() + "; multishot requests re-armed " + rearms + " times, submission ring full "
                + submissionRingFull + " times, completion ring overflowed " + overflows + " times, completions dropped "
                + (ring == null ? 0 : ring.droppedCompletions());
    }

    /** Multishot requests that ended (buffers out, completion ring full) and were armed again. */
    long rearms() {
        return rearms;
    }

    /** Times a poll found the submission ring full and left resubmissions queued for the next. */
    long submissionRingFull() {
        return submissionRingFull;
    }

    /** Polls that found completions waiting in the kernel's overflow list (the completion ring was full). */
    long overflows() {
        return overflows;
    }

    /** What the port receives with, once the polling thread has set it up: {@code multishot} or {@code recvmsg}. */
    public UringReceive receive() {
        return receive;
    }

    @Override
    public String rxTimestamps() {
        return "rx timestamps: when io_uring_enter returned with the datagram in user memory (the kernel's time in its"
                + " socket queue is not seen; exchange->handler includes it)";
    }

    @Override
    public void close() {
        stopping = true;
        try (arena) {
            if (ring != null && osThreadId != 0) {
                // onClose normally released the ring on the polling thread; this covers a failed start.
                releaseRing();
            }
            for (int fd : fds) {
                Syscalls.close(errno, fd);
            }
        }
    }

    /** A fixed queue of ints (line or buffer numbers), allocated once. */
    static final class IntQueue {
        private final int[] items;
        private int head;
        private int tail;

        IntQueue(int capacity) {
            items = new int[Integer.highestOneBit(capacity * 2 - 1)];
        }

        void add(int item) {
            if (tail - head == items.length) {
                throw new IllegalStateException("queue of " + items.length + " full");
            }
            items[tail++ & (items.length - 1)] = item;
        }

        int poll() {
            return items[head++ & (items.length - 1)];
        }

        int peek() {
            return items[head & (items.length - 1)];
        }

        int size() {
            return tail - head;
        }
    }
}
