package io.mdr.replay.request;

import io.mdr.feed.Channel;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.replay.gen.FeedImpairments;
import io.mdr.replay.gen.SequenceRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * md-request-server's core against the specification: answers are downstream packets of the session asked for, from
 * the sequence asked for, within the payload limit and the count asked for, carrying the captured bytes; what the
 * captures lack, what is withheld and what belongs to another session gets no answer.
 */
class RequestServerTest {
    private static final long MESSAGES = 20_000;

    @TempDir
    static Path dir;
    private static RecoveryFeed feed;

    private CaptureMessageStore store;
    private RequestServer server;
    private DatagramChannel client;

    @BeforeEach
    void start() throws IOException {
        if (feed == null) {
            // Both lines merged, each with its own loss and some loss on both: the store must merge them.
            feed = RecoveryFeed.write(dir, MESSAGES, 4,
                    FeedImpairments.NONE.withLossA(0.05).withLossB(0.05).withLossBoth(0.01).withDuplicate(0.01)
                            .withReorder(0.01), true, 11);
        }
        client = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", 0));
        client.configureBlocking(false);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private void serve(Path capture, int maxPayload, List<RequestServer.Withheld> withheld) throws IOException {
        store = CaptureMessageStore.load(List.of(capture), null);
        server = new RequestServer(store, new InetSocketAddress("127.0.0.1", 0), maxPayload, withheld);
    }

    /** Sends a request and returns the answer's payload, or null when none comes within 200 ms. */
    private byte[] ask(String session, long from, int count) throws IOException, InterruptedException {
        ByteBuffer request = ByteBuffer.allocate(20).order(ByteOrder.BIG_ENDIAN);
        request.put(Channel.padSession(session)).putLong(from).putShort((short) count).flip();
        client.send(request, server.address());
        ByteBuffer answer = ByteBuffer.allocate(70_000);
        long deadline = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < deadline) {
            server.serve();
            if (client.receive(answer) != null) {
                return Arrays.copyOf(answer.array(), answer.position());
            }
            Thread.sleep(1);
        }
        return null;
    }

    /** Checks an answer's header and that its messages are the session's, from {@code from}; returns their count. */
    private static int check(byte[] answer, long from) {
        UnsafeBuffer buffer = new UnsafeBuffer(answer);
        MoldUdp64Packet packet = new MoldUdp64Packet();
        assertNull(packet.wrap(buffer, 0, answer.length), "a valid MoldUDP64 packet");
        assertEquals(RecoveryFeed.SESSION, packet.session().strip());
        assertEquals(from, packet.sequenceNumber());
        int position = packet.firstBlockOffset();
        for (int i = 0; i < packet.messages(); i++) {
            int length = buffer.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            byte[] message = new byte[length];
            buffer.getBytes(position + 2, message);
            assertArrayEquals(feed.messages().get((int) (from + i - 1)), message, "message " + (from + i));
            position += 2 + length;
        }
        return packet.messages();
    }

    @Test
    void answersFromTheSequenceAskedForWithinThePayloadLimitWithTheCapturedBytes() throws Exception {
        serve(feed.full(), RequestServer.DEFAULT_MAX_PAYLOAD, List.of());
        byte[] answer = ask(RecoveryFeed.SESSION, 1, 65534);
        int n = check(answer, 1);
        assertTrue(answer.length - MoldUdp64Packet.HEADER_LENGTH <= 1400, "payload " + answer.length);
        assertTrue(n > 10, "as many as fit: " + n);

        assertEquals(3, check(ask(RecoveryFeed.SESSION, 777, 3), 777), "no more than asked for");
        assertEquals(1, check(ask(RecoveryFeed.SESSION, MESSAGES, 10), MESSAGES), "the last message, then the end");
        assertNull(ask(RecoveryFeed.SESSION, MESSAGES + 1, 10), "beyond the session: nothing");
        assertNull(ask(RecoveryFeed.SESSION, 0, 10), "sequence 0 does not exist");
        assertNull(ask(RecoveryFeed.SESSION, 5, 0), "nothing asked for");
        assertNull(ask("OTHERSESS1", 1, 10), "another session");
        assertEquals(4, server.unanswered(), "four requests got no answer");
    }

    @Test
    void aLargerPayloadLimitAnswersMoreAndRequestsThatAreNotTwentyBytesAreCounted() throws Exception {
        serve(feed.full(), 8000, List.of());
        int n = check(ask(RecoveryFeed.SESSION, 100, 65534), 100);
        assertTrue(n > 150, "fits 8000 bytes: " + n);
        client.send(ByteBuffer.wrap(new byte[7]), server.address());
        Thread.sleep(20);
        server.serve();
        assertEquals(1, server.malformed());
    }

    @Test
    void withheldRangesAreServedAsIfMissing() throws Exception {
        serve(feed.full(), RequestServer.DEFAULT_MAX_PAYLOAD, List.of(RequestServer.Withheld.parse("500-509")));
        assertNull(ask(RecoveryFeed.SESSION, 500, 5));
        assertNull(ask(RecoveryFeed.SESSION, 509, 5));
        assertEquals(10, check(ask(RecoveryFeed.SESSION, 490, 100), 490), "stops before the withheld range");
        assertEquals(5, check(ask(RecoveryFeed.SESSION, 510, 5), 510));
    }

    @Test
    void aCaptureWithLossOnBothLinesHasHolesThatGetNoAnswerAndTheLinesAreMerged() throws Exception {
        serve(feed.lossy(), RequestServer.DEFAULT_MAX_PAYLOAD, List.of());
        List<SequenceRange> lost = feed.lostOnBothLines();
        assertTrue(lost.size() > 5, "the generator lost packets on both lines");
        SequenceRange hole = lost.get(lost.size() / 2);
        assertNull(ask(RecoveryFeed.SESSION, hole.first(), 5));
        int before = check(ask(RecoveryFeed.SESSION, hole.first() - 2, 100), hole.first() - 2);
        assertEquals(2, before, "up to the hole only");
        // Everything lost on one line only is served from the other: the store lacks exactly what both lost.
        byte[] session = Channel.padSession(RecoveryFeed.SESSION);
        UnsafeBuffer key = new UnsafeBuffer(session);
        SessionStore sessionStore = store.session(key.getLong(0, ByteOrder.BIG_ENDIAN), key.getShort(8, ByteOrder.BIG_ENDIAN) & 0xFFFF);
        java.lang.foreign.MemorySegment out = java.lang.foreign.Arena.ofAuto().allocate(65536);
        List<Long> missing = new ArrayList<>();
        long from = 1;
        while (from <= MESSAGES) {
            int copied = sessionStore.copy(from, 65534, Long.MAX_VALUE, out, 0, 65536);
            if (copied == 0) {
                missing.add(from++);
            }
            from += copied;
        }
        List<Long> expected = new ArrayList<>();
        lost.forEach(r -> {
            for (long s = r.first(); s <= r.last(); s++) {
                expected.add(s);
            }
        });
        assertEquals(expected, missing);
    }
}
