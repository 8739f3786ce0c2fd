package io.mdr.recovery;

import io.mdr.feed.Channel;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A MoldUDP64 request server on 127.0.0.1 (an ephemeral port) whose every answer a test can script: answer in full
 * (one datagram of at most 1400 bytes, as the specification's reference servers do), answer a few messages, stay
 * silent, answer twice, answer for another session, answer with a malformed packet. Message {@code s} of the session
 * is one byte, {@code 'a' + s % 26}. Stepped by the test's loop: nothing runs on its own.
 */
final class ScriptedRequestServer implements AutoCloseable {
    static final int MAX_PAYLOAD = 1400;

    /** What to do with one request. */
    @FunctionalInterface
    interface Reply {
        void reply(ScriptedRequestServer server, SocketAddress to, long from, int count) throws IOException;
    }

    static final Reply FULL = (server, to, from, count) -> server.answer(to, server.session, from, count);
    static final Reply SILENT = (server, to, from, count) -> {
    };

    static Reply messages(int most) {
        return (server, to, from, count) -> server.answer(to, server.session, from, Math.min(most, count));
    }

    /** Answers at most {@code most} messages, and nothing for a request that starts in {@code [from, to)}. */
    static Reply withholding(int most, long from, long to) {
        return (server, client, first, count) -> {
            if (first < from || first >= to) {
                server.answer(client, server.session, first, Math.min(most, count));
            }
        };
    }

    static Reply twice() {
        return (server, to, from, count) -> {
            server.answer(to, server.session, from, count);
            server.answer(to, server.session, from, count);
        };
    }

    static Reply otherSessionFirst(String other) {
        return (server, to, from, count) -> {
            server.answer(to, other, from, count);
            server.answer(to, server.session, from, count);
        };
    }

    static Reply malformedFirst() {
        return (server, to, from, count) -> {
            ByteBuffer bad = ByteBuffer.allocate(25);
            bad.put(Channel.padSession(server.session)).putLong(from).putShort((short) 2);
            bad.putShort((short) 9).put((byte) 'x').flip(); // a block longer than the packet
            server.channel.send(bad, to);
            server.answer(to, server.session, from, count);
        };
    }

    static Reply notRequestedFirst(long elsewhere) {
        return (server, to, from, count) -> {
            server.answer(to, server.session, elsewhere, 1);
            server.answer(to, server.session, from, count);
        };
    }

    final String session;
    final DatagramChannel channel;
    final List<long[]> requests = new ArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private Reply otherwise = FULL;
    private final ByteBuffer rx = ByteBuffer.allocate(64).order(ByteOrder.BIG_ENDIAN);
    private final ByteBuffer tx = ByteBuffer.allocate(2048).order(ByteOrder.BIG_ENDIAN);
    private SocketAddress lastClient;

    ScriptedRequestServer(String session) throws IOException {
        this.session = session;
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.configureBlocking(false);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** The next requests get these replies, in order; then {@link #otherwise}. */
    ScriptedRequestServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    ScriptedRequestServer otherwise(Reply reply) {
        this.otherwise = reply;
        return this;
    }

    /** Serves every request waiting in the socket; returns how many. */
    int step() throws IOException {
        int served = 0;
        while (true) {
            rx.clear();
            SocketAddress from = channel.receive(rx);
            if (from == null) {
                return served;
            }
            served++;
            lastClient = from;
            rx.flip();
            if (rx.remaining() != 20) {
                continue;
            }
            rx.position(10);
            long sequence = rx.getLong();
            int count = rx.getShort() & 0xFFFF;
            requests.add(new long[] {sequence, count});
            Reply reply = script.isEmpty() ? otherwise : script.poll();
            reply.reply(this, from, sequence, count);
        }
    }

    /** Answers now, unasked, for {@code from..from+count-1}, to the last client (a late answer). */
    void answerUnasked(long from, int count) throws IOException {
        answer(lastClient, session, from, count);
    }

    /** One datagram from {@code from}: as many of the {@code count} messages as fit {@link #MAX_PAYLOAD} bytes. */
    void answer(SocketAddress to, String answerSession, long from, int count) throws IOException {
        tx.clear();
        tx.put(Channel.padSession(answerSession)).putLong(from).putShort((short) 0);
        int n = 0;
        while (n < count && tx.position() + 3 <= 20 + MAX_PAYLOAD) {
            tx.putShort((short) 1).put(message(from + n));
            n++;
        }
        if (n == 0) {
            return;
        }
        tx.putShort(18, (short) n);
        tx.flip();
        channel.send(tx, to);
    }

    static byte message(long sequence) {
        return (byte) ('a' + sequence % 26);
    }

    /** Writes a MoldUDP64 packet of messages {@code first..first+count-1} (or a heartbeat for 0) into a buffer. */
    static UnsafeBuffer packet(String session, long first, int count) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[20 + 3 * count]);
        buffer.putBytes(0, Channel.padSession(session));
        buffer.putLong(10, first, ByteOrder.BIG_ENDIAN);
        buffer.putShort(18, (short) count, ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putShort(20 + 3 * i, (short) 1, ByteOrder.BIG_ENDIAN);
            buffer.putByte(22 + 3 * i, message(first + i));
        }
        return buffer;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
