package io.mdr.replay.request;

import io.mdr.mold.MoldUdp64Packet;
import io.mdr.mold.MoldUdp64Request;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * A MoldUDP64 request (retransmission) server over a {@link CaptureMessageStore}, per the specification: a request
 * is 20 bytes (session, first sequence wanted, count); the answer is an ordinary downstream packet of the same
 * session from that sequence, unicast to where the request came from, with as many of the messages asked for as
 * the store has in a row and as fit {@code maxPayload} bytes (1400 by default, as nassau's server). A request the
 * store cannot answer from its first sequence (an unknown session, a range the captures lack, a withheld range, a
 * count of 0) gets no answer; a datagram that is not a request is counted and ignored.
 *
 * <p>Withheld ranges (for tests and demonstrations of what a receiver does when recovery fails) are served as if
 * the captures lacked them. Single-threaded: {@link #serve()} handles what has arrived, without blocking.
 */
public final class RequestServer implements AutoCloseable {
    /** nassau's MoldUDP64RequestServer answers at most this many payload bytes: one unfragmented datagram. */
    public static final int DEFAULT_MAX_PAYLOAD = 1400;

    /** A range of sequence numbers, inclusive, served as if missing. */
    public record Withheld(long from, long to) {
        public Withheld {
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("withheld range " + from + "-" + to + ": expected 1 <= from <= to");
            }
        }

        /** Parses {@code FROM-TO} (or a single sequence number). */
        public static Withheld parse(String text) {
            int dash = text.indexOf('-');
            try {
                return dash < 0 ? new Withheld(Long.parseLong(text), Long.parseLong(text))
                        : new Withheld(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("withheld range " + text + ": expected FROM-TO, e.g. 1000-1099");
            }
        }
    }

    private final CaptureMessageStore store;
    private final DatagramChannel channel;
    private final int maxPayload;
    private final List<Withheld> withheld;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(2048);
    private final UnsafeBuffer rxView = new UnsafeBuffer(rx);
    private final ByteBuffer tx;
    private final MemorySegment txSegment;
    private final MoldUdp64Request request = new MoldUdp64Request();

    private long requests;
    private long answers;
    private long messages;
    private long unanswered;
    private long malformed;

    /**
     * Binds the server's socket.
     *
     * @param listen     where requests are received, e.g. 127.0.0.1:0 (0 = any free port; see {@link #address()})
     * @param maxPayload most payload bytes (messages and their lengths) an answer holds, 3..65487
     */
    public RequestServer(CaptureMessageStore store, InetSocketAddress listen, int maxPayload, List<Withheld> withheld)
            throws IOException {
        if (maxPayload < 3 || maxPayload > 65_507 - MoldUdp64Packet.HEADER_LENGTH) {
            throw new IllegalArgumentException("max payload " + maxPayload + ": expected 3..65487 bytes");
        }
        this.store = store;
        this.maxPayload = maxPayload;
        this.withheld = List.copyOf(withheld);
        this.tx = ByteBuffer.allocateDirect(MoldUdp64Packet.HEADER_LENGTH + maxPayload).order(ByteOrder.BIG_ENDIAN);
        this.txSegment = MemorySegment.ofBuffer(tx);
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(listen);
            channel.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The bound address (with the port chosen when listening on port 0). */
    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** The socket, for a selector to wait on. */
    public DatagramChannel channel() {
        return channel;
    }

    /**
     * Answers every request waiting in the socket.
     *
     * @return requests handled
     */
    public int serve() throws IOException {
        int handled = 0;
        while (true) {
            rx.clear();
            SocketAddress from = channel.receive(rx);
            if (from == null) {
                return handled;
            }
            handled++;
            requests++;
            if (rx.position() != MoldUdp64Request.LENGTH) {
                malformed++;
                continue;
            }
            if (!answer(from)) {
                unanswered++;
            }
        }
    }

    private boolean answer(SocketAddress to) throws IOException {
        request.wrap(rxView, 0);
        long first = request.sequenceNumber();
        int count = request.messageCount();
        SessionStore session = store.session(request.sessionHigh(), request.sessionLow());
        if (session == null || first < 1 || count == 0) {
            return false;
        }
        long stopBefore = Long.MAX_VALUE;
        for (Withheld range : withheld) {
            if (first >= range.from() && first <= range.to()) {
                return false;
            }
            if (range.from() > first) {
                stopBefore = Math.min(stopBefore, range.from());
            }
        }
        int copied = session.copy(first, count, stopBefore, txSegment, MoldUdp64Packet.HEADER_LENGTH, maxPayload);
        if (copied == 0) {
            return false;
        }
        tx.clear();
        tx.put(0, rx, MoldUdp64Request.SESSION_OFFSET, MoldUdp64Packet.SESSION_LENGTH);
        tx.putLong(MoldUdp64Packet.SEQUENCE_OFFSET, first);
        tx.putShort(MoldUdp64Packet.COUNT_OFFSET, (short) copied);
        tx.limit((int) session.copiedEnd());
        channel.send(tx, to);
        answers++;
        messages += copied;
        return true;
    }

    public long requests() {
        return requests;
    }

    public long answers() {
        return answers;
    }

    public long messages() {
        return messages;
    }

    /** Requests for what the store lacks (or withholds), or of an unknown session: no answer, per the specification. */
    public long unanswered() {
        return unanswered;
    }

    /** Datagrams that were not 20-byte requests. */
    public long malformed() {
        return malformed;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
