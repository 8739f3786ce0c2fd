package io.mdr.port;

import io.mdr.net.DropReason;

/**
 * What a {@link PacketSource} hands each received packet to. The receiver has one implementation, its per-packet
 * path, so these calls are monomorphic on the polling thread.
 */
public interface PacketSink {
    /**
     * A whole Ethernet frame in native memory (a DPDK mbuf's data): its headers say which line it belongs to.
     *
     * @param rxNanos the packet's rx timestamp on the {@code System.nanoTime()} clock
     */
    void onFrame(long address, int length, long rxNanos);

    /**
     * A UDP payload the kernel delivered on one line's socket, in native memory.
     *
     * @param destinationAddress the line's group (or unicast address), network order as an int ({@code 233.54.12.111}
     *                           is {@code 0xE9360C6F})
     * @param destinationPort    the line's UDP port
     * @param sourceAddress      the sender's IPv4 address as an int, or 0 when the port cannot tell it
     * @param rxNanos            when the datagram reached user space, on the {@code System.nanoTime()} clock
     */
    void onDatagram(long address, int length, int destinationAddress, int destinationPort, int sourceAddress, long rxNanos);

    /** A packet received but not handed on (e.g. a multi-segment mbuf), counted with its reason. */
    void drop(DropReason reason);
}
