package io.mdr.fanout.bench;

import io.mdr.journal.JournalDecoder;
import io.mdr.journal.JournalListener;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The floor's receiving end: a non-blocking {@link DatagramChannel}, one journal record a datagram, decoded with the
 * journal's decoder. The caller polls it from a busy loop.
 */
final class FloorReceiver implements AutoCloseable {
    private static final int MAX_DATAGRAM = 65_507;

    private final DatagramChannel socket;
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final UnsafeBuffer view = new UnsafeBuffer(datagram);
    private final JournalDecoder decoder = new JournalDecoder();

    private FloorReceiver(DatagramChannel socket) {
        this.socket = socket;
    }

    /** Binds to {@code address}, with a receive buffer of {@code rcvbuf} bytes (0: the system's default). */
    static FloorReceiver bind(InetSocketAddress address, int rcvbuf) throws IOException {
        DatagramChannel socket = DatagramChannel.open();
        try {
            if (rcvbuf > 0) {
                socket.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
            }
            socket.bind(address);
            socket.configureBlocking(false);
            return new FloorReceiver(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Hands the record of one datagram, if one has arrived, to {@code listener}; returns 1 if one had, else 0. */
    int poll(JournalListener listener) {
        datagram.clear();
        try {
            if (socket.receive(datagram) == null) {
                return 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        decoder.decodeRecord(view, 0, datagram.position(), listener);
        return 1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
