package io.mdr.replay.interop;

import com.paritytrading.nassau.moldudp64.MoldUDP64Client;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientState;
import com.paritytrading.nassau.moldudp64.MoldUDP64ClientStatusListener;
import io.mdr.feed.Channel;
import io.mdr.replay.gen.FeedImpairments;
import io.mdr.replay.request.CaptureMessageStore;
import io.mdr.replay.request.RecoveryFeed;
import io.mdr.replay.request.RequestServer;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our request server (md-request-server's core) answers an independent MoldUDP64 client: nassau-core 1.0.0's
 * {@code MoldUDP64Client}, started at sequence 1, learns from one end-of-session packet where the session ends,
 * backfills everything from our server on 127.0.0.1 (one request per answer, since each answer holds at most
 * 1400 bytes) and reaches the end of the session with every message, in order, byte for byte.
 */
class NassauClientInteropTest {
    private static final long MESSAGES = 30_000;

    @Test
    void nassausClientBackfillsTheWholeSessionFromOurServerToTheEndOfSession(@TempDir Path dir) throws Exception {
        RecoveryFeed feed = RecoveryFeed.write(dir, MESSAGES, 8, FeedImpairments.NONE, false, 5);
        List<byte[]> received = new ArrayList<>();
        List<MoldUDP64ClientState> states = new ArrayList<>();
        List<long[]> requests = new ArrayList<>();
        boolean[] ended = new boolean[1];
        MoldUDP64ClientStatusListener status = new MoldUDP64ClientStatusListener() {
            @Override
            public void state(MoldUDP64Client client, MoldUDP64ClientState state) {
                states.add(state);
            }

            @Override
            public void downstream(MoldUDP64Client client, long sequenceNumber, int messageCount) {
            }

            @Override
            public void request(MoldUDP64Client client, long sequenceNumber, int messageCount) {
                requests.add(new long[] {sequenceNumber, messageCount});
            }

            @Override
            public void endOfSession(MoldUDP64Client client) {
                ended[0] = true;
            }
        };
        try (CaptureMessageStore store = CaptureMessageStore.load(List.of(feed.full()), null);
             RequestServer server = new RequestServer(store, new InetSocketAddress("127.0.0.1", 0),
                     RequestServer.DEFAULT_MAX_PAYLOAD, List.of());
             DatagramChannel clientChannel = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel feedChannel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            clientChannel.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
            MoldUDP64Client client = new MoldUDP64Client(clientChannel, server.address(), buffer -> {
                byte[] message = new byte[buffer.remaining()];
                buffer.get(message);
                received.add(message);
            }, status, 1);

            // The downstream feed: the client joins as the session ends, so everything must come from our server.
            ByteBuffer endOfSession = ByteBuffer.allocate(20).order(ByteOrder.BIG_ENDIAN);
            endOfSession.put(Channel.padSession(RecoveryFeed.SESSION)).putLong(MESSAGES + 1).putShort((short) 0xFFFF);
            feedChannel.send(endOfSession.flip(), clientChannel.getLocalAddress());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!states.contains(MoldUDP64ClientState.SYNCHRONIZED) && System.nanoTime() < deadline) {
                client.receive();
                server.serve();
            }
            feedChannel.send(endOfSession.flip(), clientChannel.getLocalAddress());
            while (!ended[0] && System.nanoTime() < deadline) {
                client.receive();
            }
            client.close();
        }

        assertEquals(List.of(MoldUDP64ClientState.BACKFILL, MoldUDP64ClientState.SYNCHRONIZED), states);
        assertTrue(ended[0], "the client reached the end of the session");
        assertEquals(MESSAGES, received.size());
        for (int i = 0; i < received.size(); i++) {
            assertArrayEquals(feed.messages().get(i), received.get(i), "message " + (i + 1));
        }
        assertTrue(requests.size() > MESSAGES / 60, "one request per answer of at most 1400 bytes: " + requests.size());
        assertEquals(1, requests.getFirst()[0]);
    }
}
