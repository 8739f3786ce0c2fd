package io.mdr.replay.e2e;

import io.mdr.net.UdpFrame;
import io.mdr.port.PollingThread;
import io.mdr.replay.capture.CaptureReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A plain kernel-socket sender for the end-to-end tests (run in its own JVM, inside the sender's namespace, pinned to
 * one CPU: a veth queues each packet on the sending CPU's backlog, so a sender that moves between CPUs reorders its
 * own packets): every UDP payload of a capture to the frame's destination group and port, out of one interface, at a
 * fixed rate, sent a millisecond's worth at a time so that the sender leaves its CPU to the kernel's receive work.
 *
 * <p>{@code UdpCaptureSender CAPTURE INTERFACE PPS}
 */
public final class UdpCaptureSender {
    private UdpCaptureSender() {
    }

    public static void main(String[] args) throws IOException {
        // One CPU for the sending thread: a veth queues each packet on the sending CPU's backlog.
        PollingThread.pin(0);
        Path capture = Path.of(args[0]);
        NetworkInterface nif = NetworkInterface.getByName(args[1]);
        long perMillisecond = Math.max(1, Long.parseLong(args[2]) / 1000);
        UdpFrame udp = new UdpFrame();
        UnsafeBuffer frame = new UnsafeBuffer(0, 0);
        ByteBuffer payload = ByteBuffer.allocateDirect(65536);
        Map<Long, InetSocketAddress> destinations = new HashMap<>();
        long sent = 0;
        try (CaptureReader reader = CaptureReader.open(capture);
             DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 4);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
            long next = System.nanoTime();
            long inThisMillisecond = 0;
            while (reader.next()) {
                frame.wrap(reader.packetAddress(), reader.capturedLength());
                if (udp.parse(frame, 0, reader.capturedLength()) != null) {
                    continue;
                }
                long key = ((udp.destinationAddress() & 0xFFFF_FFFFL) << 16) | udp.destinationPort();
                InetSocketAddress destination = destinations.computeIfAbsent(key, k -> new InetSocketAddress(
                        address(udp.destinationAddress()), (int) (k & 0xFFFF)));
                payload.clear();
                frame.getBytes(udp.payloadOffset(), payload, udp.payloadLength());
                payload.flip();
                if (inThisMillisecond == perMillisecond) {
                    next += 1_000_000;
                    inThisMillisecond = 0;
                    for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                channel.send(payload, destination);
                inThisMillisecond++;
                sent++;
            }
        }
        System.out.println("udp-capture-sender: sent " + sent + " datagrams");
    }

    private static InetAddress address(int address) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
                    (byte) address});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
