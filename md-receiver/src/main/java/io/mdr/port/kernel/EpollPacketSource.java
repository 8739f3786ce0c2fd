package io.mdr.port.kernel;

import io.mdr.config.KernelPortConfig;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.port.PacketSink;
import io.mdr.port.PacketSource;
import io.mdr.port.PollingThread;
import io.mdr.port.PortException;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code port.kind=epoll}: every line's channel non-blocking, all registered with one NIO {@link Selector} (epoll on
 * Linux). A poll asks epoll which sockets have datagrams and drains them, up to a burst, into one direct buffer,
 * stamping each when its {@code receive} returns. The ready sockets are read in turn, one datagram each per round,
 * so that the lines are taken in step: A's copy of a packet and B's are handed on next to each other, as they
 * arrived, however large the backlog (draining one line's backlog first would make the other look late, and a hole
 * that it fills look like a gap to the arbiter if the polling thread is held up meanwhile). With a busy idle strategy the poll does not wait
 * ({@code selectNow}, {@code epoll_wait} with a zero timeout); with a waiting one ({@code backoff}, {@code sleeping})
 * it waits in {@code epoll_wait} for at most a millisecond, so the arbiter's timers still run while the feed is
 * quiet.
 *
 * <p>The ready keys are handed to a callback ({@code Selector.select(Consumer)}), not collected in the selected-key
 * set, whose {@code HashSet} would allocate a node per ready socket. NIO takes its own uncontended locks inside
 * {@code select} and {@code receive}.
 */
public final class EpollPacketSource implements PacketSource {
    private static final long WAIT_MILLIS = 1;

    private final KernelPortConfig config;
    private final List<KernelLine> lines;
    private final List<UdpChannels.Opened> opened;
    private final PacketSink sink;
    private final boolean rxOnly;
    private final boolean waits;
    private final KernelPortCounters portCounters;
    private final Selector selector;
    private final DatagramChannel[] channels;
    private final int[] groups;
    private final int[] ports;
    private final ByteBuffer buffer;
    private final long bufferAddress;
    private final int maxDatagram;
    private final int burstSize;
    private final Consumer<SelectionKey> onReady = this::onReady;
    /** The lines epoll reported ready in this poll, in the order it reported them. */
    private final int[] ready;
    private int readyCount;
    private int received;
    private long pollNanos;
    private volatile boolean closed;
    private volatile int osThreadId;

    private EpollPacketSource(KernelPortConfig config, List<KernelLine> lines, List<UdpChannels.Opened> opened,
                              Selector selector, PacketSink sink, boolean rxOnly, boolean waits) {
        this.config = config;
        this.lines = lines;
        this.opened = opened;
        this.selector = selector;
        this.sink = sink;
        this.rxOnly = rxOnly;
        this.waits = waits;
        this.portCounters = new KernelPortCounters(lines);
        this.maxDatagram = config.maxDatagramBytes();
        this.burstSize = config.burstSize();
        this.ready = new int[lines.size()];
        this.buffer = ByteBuffer.allocateDirect(maxDatagram + 1).order(ByteOrder.BIG_ENDIAN);
        this.bufferAddress = new UnsafeBuffer(buffer).addressOffset();
        channels = new DatagramChannel[lines.size()];
        groups = new int[lines.size()];
        ports = new int[lines.size()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = opened.get(i).channel();
            groups[i] = lines.get(i).group();
            ports[i] = lines.get(i).port();
        }
    }

    /**
     * Opens every line's channel and registers it with a new selector.
     *
     * @param waits wait in {@code epoll_wait} when nothing is ready (the idle strategy is a waiting one)
     */
    public static EpollPacketSource open(KernelPortConfig config, List<KernelLine> lines, PacketSink sink, boolean rxOnly,
                                         boolean waits) {
        List<UdpChannels.Opened> opened = UdpChannels.openAll(lines, config, false);
        Selector selector = null;
        try {
            selector = Selector.open();
            for (int i = 0; i < opened.size(); i++) {
                opened.get(i).channel().register(selector, SelectionKey.OP_READ, i);
            }
            return new EpollPacketSource(config, lines, opened, selector, sink, rxOnly, waits);
        } catch (IOException e) {
            closeAll(opened, selector);
            throw new PortException("port.kind=epoll: cannot set up the selector: " + e.getMessage(), e);
        }
    }

    @Override
    public void onStart(int cpu) {
        PollingThread.pin(cpu);
        osThreadId = PollingThread.osThreadId();
    }

    @Override
    public int poll() {
        received = 0;
        readyCount = 0;
        if (!closed) {
            try {
                if (waits) {
                    selector.select(onReady, WAIT_MILLIS);
                } else {
                    selector.selectNow(onReady);
                }
            } catch (ClosedSelectorException e) {
                closed = true;
            } catch (IOException e) {
                portCounters.errors.setRelease(portCounters.errors.get() + 1);
            }
        }
        // One datagram from each ready line per round, until the burst is full or every line ran dry.
        int live = readyCount;
        while (live > 0 && received < burstSize && !closed) {
            live = 0;
            for (int i = 0; i < readyCount && received < burstSize; i++) {
                int line = ready[i];
                if (line >= 0) {
                    if (receiveOne(line)) {
                        live++;
                    } else {
                        ready[i] = -1;
                    }
                }
            }
        }
        if (received == 0) {
            pollNanos = System.nanoTime();
        }
        return received;
    }

    private void onReady(SelectionKey key) {
        ready[readyCount++] = (Integer) key.attachment();
    }

    /** One datagram from the line's socket, handed on; false when it had none (or failed). */
    private boolean receiveOne(int line) {
        buffer.clear();
        SocketAddress from;
        try {
            from = channels[line].receive(buffer);
        } catch (ClosedChannelException e) {
            closed = true;
            return false;
        } catch (IOException e) {
            portCounters.errors.setRelease(portCounters.errors.get() + 1);
            return false;
        }
        if (from == null) {
            return false;
        }
        long now = System.nanoTime();
        pollNanos = now;
        received++;
        portCounters.datagrams.setRelease(portCounters.datagrams.get() + 1);
        int length = buffer.position();
        if (length > maxDatagram) {
            portCounters.errors.setRelease(portCounters.errors.get() + 1);
        } else if (!rxOnly) {
            sink.onDatagram(bufferAddress, length, groups[line], ports[line], UdpChannels.sourceAddress(from), now);
        }
        return true;
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
        return waits;
    }

    @Override
    public void wakeUp() {
        selector.wakeup();
    }

    @Override
    public String describe() {
        return "epoll port (" + channels.length + " non-blocking DatagramChannel" + (channels.length == 1 ? "" : "s")
                + " on one selector, " + (waits ? "waiting in epoll_wait up to " + WAIT_MILLIS + " ms" : "busy-polled with selectNow")
                + "): " + UdpChannels.describeLines(lines) + (config.hasInterface() ? " on " + config.networkInterface() : "")
                + ", " + UdpChannels.describeBuffers(opened, config.receiveBufferBytes());
    }

    @Override
    public String rxTimestamps() {
        return "rx timestamps: when receive returned the datagram to user space (the kernel's time in its socket queue is"
                + " not seen; exchange->handler includes it)";
    }

    @Override
    public void close() {
        closed = true;
        closeAll(opened, selector);
    }

    private static void closeAll(List<UdpChannels.Opened> opened, Selector selector) {
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing: nothing more to do with it
            }
        }
        opened.forEach(o -> UdpChannels.closeQuietly(o.channel()));
    }
}
