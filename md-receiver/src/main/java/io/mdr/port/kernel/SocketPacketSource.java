package io.mdr.port.kernel;

import io.mdr.config.KernelPortConfig;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.port.PacketSink;
import io.mdr.port.PacketSource;
import io.mdr.port.PollingThread;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.net.SocketAddress;
import java.util.List;

/**
 * {@code port.kind=socket}: a blocking {@code DatagramChannel} per line, {@code receive} into a direct buffer. With one
 * line the polling thread itself waits in {@code receive} and hands each datagram on as it comes, one per poll. A
 * thread waiting in one socket cannot also wait in another, so with several lines (A and B) each line has a reader
 * thread of its own that receives straight into the slots of a single-producer ring (Agrona's
 * {@link OneToOneRingBuffer}), stamping each datagram when its receive returns; the polling thread takes them from
 * the rings in place. The rings only move datagrams between threads: nothing is copied but by the kernel.
 *
 * <p>While the polling thread waits in {@code receive} the arbiter's timers do not run: a hole at the end of a burst
 * becomes a gap when the next datagram comes, or at shutdown. Use {@code epoll} or {@code io_uring} for a feed that
 * must see its gaps on time while quiet.
 */
public final class SocketPacketSource implements PacketSource {
    /** Record header in a line's ring: payload length, source address, rx time. */
    private static final int HEADER = 16;
    private static final int MESSAGE_TYPE = 1;
    private static final int SLOTS_PER_RING = 1024;

    private final KernelPortConfig config;
    private final List<KernelLine> lines;
    private final List<UdpChannels.Opened> opened;
    private final PacketSink sink;
    private final boolean rxOnly;
    private final KernelPortCounters portCounters;
    private final int maxDatagram;
    private final int burstSize;
    /** One line: the polling thread's own receive buffer, one byte longer than a datagram may be, to see a cut one. */
    private final ByteBuffer buffer;
    private final long bufferAddress;
    private final DatagramChannel single;
    private final int singleGroup;
    private final int singlePort;
    /** Several lines: a reader thread and a ring each. */
    private final LineReader[] readers;
    private final MessageHandler[] ringHandlers;
    private long pollNanos;
    private int polled;
    private volatile boolean closed;
    private volatile int osThreadId;

    private SocketPacketSource(KernelPortConfig config, List<KernelLine> lines, List<UdpChannels.Opened> opened,
                               PacketSink sink, boolean rxOnly) {
        this.config = config;
        this.lines = lines;
        this.opened = opened;
        this.sink = sink;
        this.rxOnly = rxOnly;
        this.portCounters = new KernelPortCounters(lines);
        this.maxDatagram = config.maxDatagramBytes();
        this.burstSize = config.burstSize();
        if (lines.size() == 1) {
            buffer = ByteBuffer.allocateDirect(maxDatagram + 1).order(ByteOrder.BIG_ENDIAN);
            bufferAddress = new UnsafeBuffer(buffer).addressOffset();
            single = opened.getFirst().channel();
            singleGroup = lines.getFirst().group();
            singlePort = lines.getFirst().port();
            readers = null;
            ringHandlers = null;
        } else {
            buffer = null;
            bufferAddress = 0;
            single = null;
            singleGroup = 0;
            singlePort = 0;
            readers = new LineReader[lines.size()];
            ringHandlers = new MessageHandler[lines.size()];
            for (int i = 0; i < readers.length; i++) {
                KernelLine line = lines.get(i);
                readers[i] = new LineReader(line, opened.get(i).channel(), maxDatagram, portCounters);
                ringHandlers[i] = (type, ring, index, length) -> onRecord(line, ring, index);
            }
        }
    }

    /** Opens, binds and joins every line's socket, then starts the line readers (several lines). */
    public static SocketPacketSource open(KernelPortConfig config, List<KernelLine> lines, PacketSink sink, boolean rxOnly) {
        List<UdpChannels.Opened> opened = UdpChannels.openAll(lines, config, true);
        SocketPacketSource source = new SocketPacketSource(config, lines, opened, sink, rxOnly);
        if (source.readers != null) {
            for (LineReader reader : source.readers) {
                reader.start();
            }
        }
        return source;
    }

    @Override
    public void onStart(int cpu) {
        PollingThread.pin(cpu);
        osThreadId = PollingThread.osThreadId();
    }

    @Override
    public int poll() {
        return readers == null ? receiveOne() : drainRings();
    }

    private int receiveOne() {
        if (closed) {
            pollNanos = System.nanoTime();
            return 0;
        }
        buffer.clear();
        SocketAddress from;
        try {
            from = single.receive(buffer);
        } catch (ClosedChannelException e) {
            closed = true;
            from = null;
        } catch (IOException e) {
            portCounters.errors.getAndIncrement();
            from = null;
        }
        long now = System.nanoTime();
        pollNanos = now;
        if (from == null) {
            return 0;
        }
        portCounters.datagrams.setRelease(portCounters.datagrams.get() + 1);
        int length = buffer.position();
        if (length > maxDatagram) {
            portCounters.errors.getAndIncrement();
        } else if (!rxOnly) {
            sink.onDatagram(bufferAddress, length, singleGroup, singlePort, UdpChannels.sourceAddress(from), now);
        }
        return 1;
    }

    /**
     * One datagram from each line's ring per round, so that the lines are handed on in step, as they arrived: taking
     * one line's backlog first would make the other look late to the arbiter.
     */
    private int drainRings() {
        polled = 0;
        boolean any = true;
        while (any && polled < burstSize) {
            any = false;
            for (int i = 0; i < readers.length && polled < burstSize; i++) {
                any |= readers[i].ring.read(ringHandlers[i], 1) > 0;
            }
        }
        pollNanos = System.nanoTime();
        return polled;
    }

    private void onRecord(KernelLine line, org.agrona.MutableDirectBuffer ring, int index) {
        polled++;
        int length = ring.getInt(index);
        if (length > maxDatagram) {
            portCounters.errors.getAndIncrement();
        } else if (!rxOnly) {
            sink.onDatagram(ring.addressOffset() + index + HEADER, length, line.group(), line.port(), ring.getInt(index + 4),
                    ring.getLong(index + 8));
        }
    }

    @Override
    public long pollNanos() {
        return pollNanos;
    }

    @Override
    public void onClose() {
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
    public boolean waitsInKernel() {
        return readers == null;
    }

    /** Closing the channels makes a {@code receive} that waits return (AsynchronousCloseException). */
    @Override
    public void wakeUp() {
        closed = true;
        for (UdpChannels.Opened o : opened) {
            UdpChannels.closeQuietly(o.channel());
        }
    }

    @Override
    public String describe() {
        return "socket port (blocking DatagramChannel " + (readers == null ? "received by the polling thread"
                : "per line, a reader thread each feeding a ring") + "): " + UdpChannels.describeLines(lines)
                + (config.hasInterface() ? " on " + config.networkInterface() : "") + ", "
                + UdpChannels.describeBuffers(opened, config.receiveBufferBytes());
    }

    @Override
    public String rxTimestamps() {
        return "rx timestamps: when receive returned the datagram to user space (the kernel's time in its socket queue is"
                + " not seen; exchange->handler includes it)";
    }

    @Override
    public void close() {
        wakeUp();
        if (readers != null) {
            for (LineReader reader : readers) {
                reader.join();
            }
        }
    }

    /** A line's reader: waits in {@code receive} on its channel, straight into the next slot of its ring. */
    static final class LineReader {
        final OneToOneRingBuffer ring;
        private final KernelLine line;
        private final DatagramChannel channel;
        private final int slotLength;
        private final ByteBuffer view;
        private final UnsafeBuffer memory;
        private final KernelPortCounters counters;
        private final Thread thread;

        LineReader(KernelLine line, DatagramChannel channel, int maxDatagram, KernelPortCounters counters) {
            this.line = line;
            this.channel = channel;
            this.counters = counters;
            this.slotLength = HEADER + maxDatagram + 1;
            int capacity = Integer.highestOneBit(SLOTS_PER_RING * (slotLength + 8) * 2 - 1);
            ByteBuffer backing = ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH);
            memory = new UnsafeBuffer(backing);
            ring = new OneToOneRingBuffer(memory);
            view = backing.duplicate();
            thread = Thread.ofPlatform().daemon().name("md-receiver-socket-" + line.key()).unstarted(this::run);
        }

        void start() {
            thread.start();
        }

        void join() {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            while (channel.isOpen()) {
                int index = ring.tryClaim(MESSAGE_TYPE, slotLength);
                if (index < 0) {
                    // The polling thread is behind: the socket's own queue holds what arrives meanwhile.
                    Thread.onSpinWait();
                    continue;
                }
                view.limit(index + slotLength).position(index + HEADER);
                SocketAddress from;
                try {
                    from = channel.receive(view);
                } catch (IOException e) {
                    ring.abort(index);
                    if (!channel.isOpen()) {
                        return;
                    }
                    counters.errors.getAndIncrement();
                    continue;
                }
                long now = System.nanoTime();
                if (from == null) {
                    ring.abort(index);
                    continue;
                }
                counters.datagrams.getAndIncrement();
                memory.putInt(index, view.position() - index - HEADER);
                memory.putInt(index + 4, UdpChannels.sourceAddress(from));
                memory.putLong(index + 8, now);
                ring.commit(index);
            }
        }

        @Override
        public String toString() {
            return "reader of " + line;
        }
    }
}
