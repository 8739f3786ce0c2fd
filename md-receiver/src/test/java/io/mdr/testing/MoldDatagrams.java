package io.mdr.testing;

import io.mdr.itch.AddOrderEncoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * MoldUDP64 datagrams (one ITCH add-order message each, written byte by byte here, not by the receiver's builder)
 * sent to a kernel port over loopback, in rounds that wait for the receiver so that no socket queue overflows.
 */
public final class MoldDatagrams {
    public static final String SESSION = "LOOPBACK01";
    public static final int HEADER = 20;
    public static final int LENGTH = HEADER + 2 + AddOrderEncoder.LENGTH;

    private MoldDatagrams() {
    }

    /** One datagram: session, sequence, count 1, then a 36-byte add order whose reference number is the sequence. */
    public static ByteBuffer write(ByteBuffer into, long sequence) {
        into.clear().order(ByteOrder.BIG_ENDIAN);
        into.put(SESSION.getBytes(StandardCharsets.US_ASCII));
        into.putLong(sequence);
        into.putShort((short) 1);
        into.putShort((short) AddOrderEncoder.LENGTH);
        into.put((byte) 'A');
        into.putShort((short) 1);        // stock locate
        into.putShort((short) 0);        // tracking number
        into.putShort((short) 0).putInt((int) sequence); // 6-byte timestamp
        into.putLong(sequence);          // order reference number
        into.put((byte) 'B');
        into.putInt(100);
        into.put("TEST    ".getBytes(StandardCharsets.US_ASCII));
        into.putInt(1_000_000);
        return into.flip();
    }

    /** The MoldUDP64 sequence number of a datagram as received. */
    public static long sequence(ByteBuffer datagram) {
        return datagram.getLong(datagram.position() + 10);
    }

    /**
     * Sends sequences {@code first} .. {@code first + count - 1} to {@code destination}, {@code round} at a time,
     * before each round waiting until {@code received} has caught up with what was sent (failing after 10 s).
     */
    public static void send(InetSocketAddress destination, long first, int count, int round, LongSupplier received)
            throws IOException, InterruptedException {
        send(destination, destination, first, count, round, received);
    }

    /** As {@link #send(InetSocketAddress, long, int, int, LongSupplier)}, odd sequences to {@code a}, even ones to {@code b}. */
    public static void send(InetSocketAddress a, InetSocketAddress b, long first, int count, int round, LongSupplier received)
            throws IOException, InterruptedException {
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
            long base = received.getAsLong();
            for (int sent = 0; sent < count; ) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (received.getAsLong() - base < sent) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the receiver took " + (received.getAsLong() - base) + " of the " + sent
                                + " datagrams sent so far within 10 s");
                    }
                    Thread.sleep(1);
                }
                int n = Math.min(round, count - sent);
                for (int i = 0; i < n; i++, sent++) {
                    long sequence = first + sent;
                    channel.send(write(buffer, sequence), (sequence & 1) == 1 ? a : b);
                }
            }
        }
    }

    /** A free UDP port on loopback (bound and released; SO_REUSEADDR lets the port under test bind it again). */
    public static int freePort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }
}
