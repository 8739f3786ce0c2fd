package io.mdr.fanout.bench;

import io.mdr.fanout.CommandLine;
import io.mdr.fanout.LoopCost;
import io.mdr.fanout.subscribe.FeedSubscriber;
import io.mdr.fanout.subscribe.SubscribeMain;
import io.mdr.journal.JournalListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The receiving side of the latency runs: one busy loop, on one CPU, that writes the journal at the offered rate
 * and receives its records back through the path under test (a {@link FeedSubscriber} on an Aeron channel, or the
 * floor's datagrams), journal→receiver latency recorded per message (after the warm-up's messages) and logged per
 * second ({@code --hlog}).
 *
 * <p>Why one loop: with two CPUs, a writer of its own must share a CPU with the sender or with the receiver. There
 * it is a second process that wakes thousands of times a second; the scheduler delayed it by a tick (4 ms), it then
 * wrote the records it owed in one go, and the sender (or receiver) waited behind it: milliseconds of p99 that
 * belonged to neither path (perf sched: 18 such gaps over 1 ms in 3 s on the sending CPU). Here the writing costs
 * the receiving loop about a microsecond per record, and the sending CPU runs the sender alone, as a fan-out host's
 * would.
 */
final class ReceiveWrite {
    static final String USAGE = """
            usage: FanoutBenchMain receive-write --queue DIR --messages N --rate MSGS_PER_S --wait-for FILE
                                                 (--channel URI --stream ID [--aeron-dir DIR] | --floor-bind HOST:PORT [--rcvbuf BYTES])
                                                 [--per-record K] [--latency-warmup N] [--exit-when-idle S] [--hlog FILE]
            """;
    private static final long GO_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long it waits for --wait-for's file (the benchmark creates it seconds after this is ready). */
    private static final long GO_WAIT_NANOS = TimeUnit.MINUTES.toNanos(5);

    private ReceiveWrite() {
    }

    /** What records come back through: one poll hands what has arrived to the listener. */
    private interface Source extends AutoCloseable {
        int poll(JournalListener listener);

        @Override
        void close();
    }

    static void run(CommandLine cl) throws IOException {
        Path queue = null;
        Path waitFor = null;
        long messages = 0;
        int perRecord = 20;
        long rate = 0;
        long warmup = 0;
        long idleNanos = TimeUnit.SECONDS.toNanos(5);
        String channel = null;
        Integer stream = null;
        Path aeronDir = null;
        InetSocketAddress floorBind = null;
        int rcvbuf = 0;
        Path hlog = null;
        while (cl.hasNext()) {
            String flag = cl.flag();
            switch (flag) {
                case "--queue" -> queue = cl.path(flag);
                case "--wait-for" -> waitFor = cl.path(flag);
                case "--messages" -> messages = cl.integer(flag, 1, Integer.MAX_VALUE);
                case "--per-record" -> perRecord = cl.integer(flag, 1, 1000);
                case "--rate" -> rate = cl.integer(flag, 1, Integer.MAX_VALUE);
                case "--latency-warmup" -> warmup = cl.integer(flag, 0, Integer.MAX_VALUE);
                case "--exit-when-idle" -> idleNanos = cl.seconds(flag);
                case "--channel" -> channel = cl.value(flag);
                case "--stream" -> stream = cl.integer(flag, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "--aeron-dir" -> aeronDir = cl.path(flag);
                case "--floor-bind" -> floorBind = FanoutBenchMain.address(cl.value(flag), flag);
                case "--rcvbuf" -> rcvbuf = cl.integer(flag, 1, Integer.MAX_VALUE);
                case "--hlog" -> hlog = cl.path(flag);
                default -> throw CommandLine.unknown(flag);
            }
        }
        if (queue == null || waitFor == null || messages == 0 || rate == 0) {
            throw new IllegalArgumentException("receive-write needs --queue DIR --messages N --rate R --wait-for FILE");
        }
        if ((channel == null) == (floorBind == null) || (channel != null && stream == null)) {
            throw new IllegalArgumentException("receive-write needs either --channel URI --stream ID or --floor-bind HOST:PORT");
        }
        ReceivedMessages received = new ReceivedMessages(warmup);
        IntervalLog latency = new IntervalLog(received.journalToReceiver, hlog, "journal-to-subscriber");
        LoopCost cost = new LoopCost();
        try (PacedJournalWriter writer = PacedJournalWriter.open(queue, messages, perRecord, rate);
             Source source = channel != null ? aeron(channel, stream, aeronDir) : floor(floorBind, rcvbuf)) {
            System.err.println("receive-write: ready, " + (channel != null ? channel + " stream " + stream : "floor on " + floorBind)
                    + ", waiting for " + waitFor);
            long nextCheck = 0;
            long giveUp = System.nanoTime() + GO_WAIT_NANOS;
            while (true) { // the source is polled meanwhile: an embedded driver connects the publisher from this loop
                source.poll(received);
                long now = System.nanoTime();
                if (now - nextCheck >= 0) {
                    if (Files.exists(waitFor)) {
                        break;
                    }
                    if (now - giveUp > 0) {
                        throw new IllegalStateException(waitFor + " did not appear within " + GO_WAIT_NANOS / 1_000_000_000 + " s");
                    }
                    nextCheck = now + GO_CHECK_NANOS;
                }
            }
            long before = received.messages;
            writer.start(System.nanoTime());
            // the loop's cost is measured from half-way through the warm-up: reading /proc and the allocation counters
            // there stalled the loop for milliseconds, which at the warm-up's end were the first measured messages'
            long costMark = Math.max(1, warmup / 2);
            long ended = 0;
            long last = System.nanoTime();
            while (received.messages - before < messages) {
                int work = source.poll(received);
                long now = System.nanoTime();
                writer.writeDue(now);
                if (work > 0) {
                    last = now;
                }
                if (ended == 0 && writer.done()) {
                    writer.endSession(now);
                    ended = now;
                }
                if (!cost.isMarked() && received.messages >= costMark) {
                    cost.mark(received.messages);
                }
                if (ended != 0 && now - Math.max(last, ended) > idleNanos) {
                    break;
                }
            }
            String costLine = cost.report(received.messages, "messages");
            System.err.println(writer.summary());
            System.err.printf(Locale.ROOT, "receive-write: %,d messages of %,d (lost %,d), %,d out of sequence%n",
                    received.messages, messages, messages - received.messages, received.outOfSequence);
            System.err.printf(Locale.ROOT, "receive-write: %,d messages from the first to the last in %.3f s: %,.0f messages/s%n",
                    received.messages, received.streamSeconds(), received.messagesPerSecond());
            System.err.println("receive-write: " + costLine);
            System.err.println(SubscribeMain.percentiles("journal->subscriber", latency.close()));
        }
    }

    private static Source aeron(String channel, int stream, Path aeronDir) {
        FeedSubscriber feed = FeedSubscriber.builder(channel, stream).aeronDirectory(aeronDir).open();
        return new Source() {
            @Override
            public int poll(JournalListener listener) {
                return feed.poll(listener, 256);
            }

            @Override
            public void close() {
                feed.close();
            }
        };
    }

    private static Source floor(InetSocketAddress bind, int rcvbuf) throws IOException {
        FloorReceiver floor = FloorReceiver.bind(bind, rcvbuf);
        return new Source() {
            @Override
            public int poll(JournalListener listener) {
                return floor.poll(listener);
            }

            @Override
            public void close() {
                try {
                    floor.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
