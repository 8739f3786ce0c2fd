package io.mdr.replay.e2e;

import com.paritytrading.nassau.moldudp64.MoldUDP64DefaultMessageStore;
import com.paritytrading.nassau.moldudp64.MoldUDP64RequestServer;
import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalTailer;
import io.mdr.receiver.ReceiverMain;
import io.mdr.replay.gen.FeedImpairments;
import io.mdr.replay.gen.SequenceRange;
import io.mdr.replay.request.CaptureMessageStore;
import io.mdr.replay.request.RecoveryFeed;
import io.mdr.replay.request.RequestServer;
import io.mdr.testing.ReceiverProcess;
import io.mdr.tools.DumpMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery end to end: md-receiver (its own JVM, EAL, DPDK's net_pcap port reading a lossy capture) asks a request
 * server on 127.0.0.1 in this JVM for every hole, journals the recovered messages in their place, and exits 0. Read
 * back with the consumer API: every message once, in order, byte for byte, the recovered ones marked; a range the
 * server withholds is one gap record with its exact bounds. Against our server (md-request-server's core) and
 * against nassau's, and with A/B arbitration from a configuration file.
 */
class RecoveryEndToEndTest {
    private static final long MESSAGES = 100_000;

    /** A request server serving in a thread of this JVM until closed. */
    private interface Server extends AutoCloseable {
        InetSocketAddress address() throws IOException;

        @Override
        void close() throws IOException;
    }

    private static void join(Thread thread) {
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Server ours(Path full, List<RequestServer.Withheld> withheld) throws IOException {
        CaptureMessageStore store = CaptureMessageStore.load(List.of(full), null);
        RequestServer server = new RequestServer(store, new InetSocketAddress("127.0.0.1", 0),
                RequestServer.DEFAULT_MAX_PAYLOAD, withheld);
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (server.serve() == 0) {
                        LockSupport.parkNanos(20_000);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "md-request-server");
        thread.setDaemon(true);
        thread.start();
        return new Server() {
            @Override
            public InetSocketAddress address() throws IOException {
                return server.address();
            }

            @Override
            public void close() throws IOException {
                thread.interrupt();
                join(thread);
                server.close();
                store.close();
            }
        };
    }

    private static Server nassau(RecoveryFeed feed) throws IOException {
        MoldUDP64DefaultMessageStore store = new MoldUDP64DefaultMessageStore();
        feed.messages().forEach(m -> store.put(ByteBuffer.wrap(m)));
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", 0));
        MoldUDP64RequestServer server = new MoldUDP64RequestServer(channel);
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    server.serve(store);
                }
            } catch (IOException e) {
                // closed
            }
        }, "nassau-request-server");
        thread.setDaemon(true);
        thread.start();
        return new Server() {
            @Override
            public InetSocketAddress address() throws IOException {
                return (InetSocketAddress) channel.getLocalAddress();
            }

            @Override
            public void close() throws IOException {
                channel.close();
                join(thread);
            }
        };
    }

    @Test
    void aPcapRunHealsEveryHoleFromOurServerAndAWithheldRangeIsOneExactGap(@TempDir Path dir) throws Exception {
        RecoveryFeed feed = RecoveryFeed.write(dir, MESSAGES, 5,
                FeedImpairments.NONE.withLossBoth(0.01).withDuplicate(0.005).withReorder(0.005), false, 31);
        SequenceRange withheld = feed.lostOnBothLines().get(feed.lostOnBothLines().size() / 3);
        try (Server server = ours(feed.full(), List.of(new RequestServer.Withheld(withheld.first(), withheld.last())))) {
            Outcome outcome = runPcap(dir, feed, server);
            outcome.assertEveryMessageOnceInOrder(feed, List.of(withheld));
            assertEquals(List.of(withheld.first() + "-" + withheld.last()), outcome.gaps);
            assertTrue(outcome.output.contains("1 given up"), outcome.output);

            String dump = dump(dir.resolve("journal"), "--check");
            assertTrue(dump.contains(String.format("%,d recovered", feed.lostMessages() - withheld.count())), dump);
            assertTrue(dump.contains(" 1 gaps (" + withheld.count() + " messages)"), dump);
            String json = dump(dir.resolve("journal"), "--from", Long.toString(feed.lostOnBothLines().getFirst().first()));
            String first = json.lines().findFirst().orElseThrow();
            assertTrue(first.contains("\"line\":\"R\",\"recovered\":true"), first);
        }
    }

    @Test
    void aPcapRunHealsEveryHoleFromNassausRequestServer(@TempDir Path dir) throws Exception {
        RecoveryFeed feed = RecoveryFeed.write(dir, MESSAGES, 5, FeedImpairments.NONE.withLossBoth(0.01), false, 32);
        try (Server server = nassau(feed)) {
            Outcome outcome = runPcap(dir, feed, server);
            outcome.assertEveryMessageOnceInOrder(feed, List.of());
            assertEquals(List.of(), outcome.gaps);
            assertEquals(feed.lostMessages(), outcome.recovered);
        }
    }

    @Test
    void lossOnBothLinesOfAnABChannelIsHealedWithNoGap(@TempDir Path dir) throws Exception {
        RecoveryFeed feed = RecoveryFeed.write(dir, MESSAGES, 4,
                FeedImpairments.NONE.withLossBoth(0.01).withLossA(0.02).withLossB(0.02).withReorder(0.005), true, 33);
        try (Server server = ours(feed.full(), List.of())) {
            Path config = Files.writeString(dir.resolve("receiver.properties"), String.join("\n",
                    "eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix md-rcv-ab-"
                            + ProcessHandle.current().pid(),
                    "receiver.core=" + (Runtime.getRuntime().availableProcessors() - 1),
                    "port.device=net_pcap0,rx_pcap=" + feed.lossy(),
                    "channel.itch.a.group=233.54.12.111:26477",
                    "channel.itch.b.group=233.54.12.112:26477",
                    "channel.itch.requestServer=127.0.0.1:" + server.address().getPort(),
                    "recovery.timeoutMs=100",
                    "journal.path=" + dir.resolve("journal"),
                    "stats.countersFile=" + dir.resolve("counters.dat"),
                    ""));
            ReceiverProcess.Result result = ReceiverProcess.run(ReceiverMain.class.getName(),
                    List.of("--config", config.toString(), "--exit-when-idle", "1000"), 120);
            assertEquals(0, result.exitCode(), result.output());
            Outcome outcome = read(dir.resolve("journal"), result.output());
            outcome.assertEveryMessageOnceInOrder(feed, List.of());
            assertEquals(List.of(), outcome.gaps);
            assertEquals(feed.lostMessages(), outcome.recovered, "exactly what both lines lost came from the server");
        }
    }

    private static Outcome runPcap(Path dir, RecoveryFeed feed, Server server) throws Exception {
        Path queue = dir.resolve("journal");
        ReceiverProcess.Result result = ReceiverProcess.run(ReceiverMain.class.getName(), List.of(
                "--pcap", feed.lossy().toString(), "--queue", queue.toString(),
                "--request-server", "127.0.0.1:" + server.address().getPort(),
                "--counters", dir.resolve("counters.dat").toString()), 120);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("(full)"), result.output());
        assertTrue(result.output().contains("recovery time"), result.output());
        return read(queue, result.output());
    }

    private static Outcome read(Path queue, String output) {
        Outcome outcome = new Outcome(output);
        try (JournalTailer tailer = JournalTailer.open(queue).fromStart()) {
            while (tailer.poll(outcome, 4096) > 0) {
                // read to the end
            }
        }
        return outcome;
    }

    private static String dump(Path queue, String... args) {
        List<String> all = new ArrayList<>(List.of("--queue", queue.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpMain.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final class Outcome implements JournalListener {
        final String output;
        final List<Long> sequences = new ArrayList<>();
        final List<byte[]> messages = new ArrayList<>();
        final List<Boolean> recoveredFlags = new ArrayList<>();
        final List<String> gaps = new ArrayList<>();
        long recovered;

        Outcome(String output) {
            this.output = output;
        }

        @Override
        public void onMessage(JournalMessage message) {
            sequences.add(message.sequence());
            byte[] bytes = new byte[message.length()];
            message.buffer().getBytes(message.offset(), bytes);
            messages.add(bytes);
            recoveredFlags.add(message.recovered());
            if (message.recovered()) {
                recovered++;
            }
        }

        @Override
        public void onGap(int channelId, String channelName, long from, long to, long nanos) {
            gaps.add(from + "-" + to);
        }

        /** Every message of the session once, in order, byte for byte, except {@code missing}; recovered = lost. */
        void assertEveryMessageOnceInOrder(RecoveryFeed feed, List<SequenceRange> missing) {
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= feed.messages().size(); s++) {
                long sequence = s;
                if (missing.stream().noneMatch(r -> r.contains(sequence))) {
                    expected.add(sequence);
                }
            }
            assertEquals(expected.size(), sequences.size(), "message count");
            assertEquals(expected, sequences);
            for (int i = 0; i < sequences.size(); i++) {
                long sequence = sequences.get(i);
                assertArrayEquals(feed.messages().get((int) sequence - 1), messages.get(i), "message " + sequence);
                boolean lost = feed.lostOnBothLines().stream().anyMatch(r -> r.contains(sequence));
                assertEquals(lost, recoveredFlags.get(i), "recovered flag of " + sequence);
            }
        }
    }
}
