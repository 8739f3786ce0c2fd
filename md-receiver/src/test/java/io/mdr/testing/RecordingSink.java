package io.mdr.testing;

import io.mdr.net.DropReason;
import io.mdr.port.PacketSink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what a port hands on: each datagram's MoldUDP64 sequence number, length, line and sender.
 */
public final class RecordingSink implements PacketSink {
    private static final MemorySegment NATIVE = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final ValueLayout.OfLong NETWORK_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public final long[] sequences;
    public final int[] ports;
    public final AtomicLong count = new AtomicLong();
    public volatile int lastLength;
    public volatile int lastDestination;
    public volatile int lastPort;
    public volatile int lastSource;
    public volatile long lastRxNanos;
    public long drops;

    public RecordingSink(int capacity) {
        sequences = new long[capacity];
        ports = new int[capacity];
    }

    @Override
    public void onFrame(long address, int length, long rxNanos) {
        throw new AssertionError("a kernel port hands on datagrams, not frames");
    }

    @Override
    public void onDatagram(long address, int length, int destinationAddress, int destinationPort, int sourceAddress, long rxNanos) {
        long n = count.get();
        if (n < sequences.length) {
            sequences[(int) n] = NATIVE.get(NETWORK_LONG, address + 10);
            ports[(int) n] = destinationPort;
        }
        lastLength = length;
        lastDestination = destinationAddress;
        lastPort = destinationPort;
        lastSource = sourceAddress;
        lastRxNanos = rxNanos;
        count.lazySet(n + 1);
    }

    @Override
    public void drop(DropReason reason) {
        drops++;
    }
}
