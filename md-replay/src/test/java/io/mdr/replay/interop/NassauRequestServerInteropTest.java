package io.mdr.replay.interop;

import com.paritytrading.nassau.moldudp64.MoldUDP64DefaultMessageStore;
import com.paritytrading.nassau.moldudp64.MoldUDP64MessageStore;
import com.paritytrading.nassau.moldudp64.MoldUDP64RequestServer;
import io.mdr.feed.Line;
import io.mdr.recovery.RecoverySettings;
import io.mdr.replay.gen.FeedImpairments;
import io.mdr.replay.gen.SequenceRange;
import io.mdr.replay.request.RecoveryFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our receiver recovers from an independent MoldUDP64 request server: nassau-core 1.0.0's
 * {@code MoldUDP64RequestServer} over a {@code MoldUDP64DefaultMessageStore} holding the session, on 127.0.0.1, in a
 * thread of this JVM. The receiver's per-packet path gets a capture with 1% of its packets lost on both lines; every
 * lost range comes back from nassau's server (one datagram of at most 1400 bytes per request), and the stream is
 * every message once, in order, byte for byte, the recovered ones marked. A range the server lacks is one gap with
 * its exact bounds.
 */
class NassauRequestServerInteropTest {
    private static final long MESSAGES = 100_000;

    /** nassau's server in a thread: serves until its channel is closed. */
    private static final class NassauServer implements AutoCloseable {
        final DatagramChannel channel;
        final Thread thread;

        NassauServer(MoldUDP64MessageStore store) throws IOException {
            channel = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", 0));
            MoldUDP64RequestServer server = new MoldUDP64RequestServer(channel);
            thread = new Thread(() -> {
                try {
                    while (true) {
                        server.serve(store);
                    }
                } catch (IOException e) {
                    // closed: the test is over
                }
            }, "nassau-request-server");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) channel.getLocalAddress();
        }

        @Override
        public void close() throws IOException {
            channel.close();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static MoldUDP64DefaultMessageStore storeOf(RecoveryFeed feed) {
        MoldUDP64DefaultMessageStore store = new MoldUDP64DefaultMessageStore();
        for (byte[] message : feed.messages()) {
            store.put(ByteBuffer.wrap(message));
        }
        return store;
    }

    private static RecoverySettings settings() {
        // Generous for a loaded machine: a hole is only given up after 200 + 300 + 450 + 675 ms without an answer.
        return new RecoverySettings(TimeUnit.MILLISECONDS.toNanos(200), 4, 1.5, 65534, 16);
    }

    @Test
    void everyRangeLostOnBothLinesIsRecoveredFromNassausServer(@TempDir Path dir) throws Exception {
        RecoveryFeed feed = RecoveryFeed.write(dir, MESSAGES, 6,
                FeedImpairments.NONE.withLossBoth(0.01).withReorder(0.005).withDuplicate(0.005), false, 21);
        assertTrue(feed.lostOnBothLines().size() > 50, "loss: " + feed.lostOnBothLines().size() + " ranges");
        try (NassauServer server = new NassauServer(storeOf(feed));
             InProcessReceiver receiver = new InProcessReceiver(server.address(), settings())) {
            receiver.receive(feed.lossy());
            receiver.finish(30);

            assertEquals(List.of(), receiver.gaps);
            assertEquals(MESSAGES, receiver.sequences.size());
            for (int i = 0; i < MESSAGES; i++) {
                assertEquals(i + 1, receiver.sequences.get(i));
                assertArrayEquals(feed.messages().get(i), receiver.messages.get(i), "message " + (i + 1));
                boolean lost = lost(feed.lostOnBothLines(), i + 1);
                assertEquals(lost ? Line.RECOVERY : Line.A, receiver.lines.get(i), "line of message " + (i + 1));
            }
            assertEquals(feed.lostMessages(), receiver.counters.recoveredMessages.get());
            assertEquals(receiver.counters.recoveryHolesRequested.get(), receiver.counters.recoveryHolesHealed.get());
            assertEquals(0, receiver.counters.recoveryHolesGivenUp.get());
            assertEquals(0, receiver.counters.totalDrops());
        }
    }

    @Test
    void aRangeNassausServerLacksIsOneGapWithItsExactBounds(@TempDir Path dir) throws Exception {
        RecoveryFeed feed = RecoveryFeed.write(dir, 20_000, 6, FeedImpairments.NONE.withLossBoth(0.01), false, 22);
        SequenceRange withheld = feed.lostOnBothLines().get(feed.lostOnBothLines().size() / 2);
        MoldUDP64DefaultMessageStore full = storeOf(feed);
        // A store that lacks one range: what the specification lets a server do (it then sends nothing).
        MoldUDP64MessageStore lacking = (buffer, sequence, count) -> {
            if (sequence >= withheld.first() && sequence <= withheld.last()) {
                return 0;
            }
            long until = sequence < withheld.first() ? withheld.first() : Long.MAX_VALUE;
            return full.get(buffer, sequence, (int) Math.min(count, until - sequence));
        };
        try (NassauServer server = new NassauServer(lacking);
             InProcessReceiver receiver = new InProcessReceiver(server.address(), settings())) {
            receiver.receive(feed.lossy());
            receiver.finish(30);

            assertEquals(List.of(withheld.first() + "-" + withheld.last()), receiver.gaps);
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= feed.messages().size(); s++) {
                if (!withheld.contains(s)) {
                    expected.add(s);
                }
            }
            assertEquals(expected, receiver.sequences);
            assertEquals(1, receiver.counters.recoveryHolesGivenUp.get());
            assertTrue(receiver.counters.recoveryTimeouts.get() >= 4, "recovery.attempts unanswered requests");
        }
    }

    private static boolean lost(List<SequenceRange> ranges, long sequence) {
        for (SequenceRange range : ranges) {
            if (range.contains(sequence)) {
                return true;
            }
        }
        return false;
    }
}
