package io.mdr.fanout.bench;

import io.mdr.fanout.CommandLine;
import io.mdr.fanout.LoopCost;
import io.mdr.fanout.subscribe.SubscribeMain;
import io.mdr.journal.JournalFormat;
import io.mdr.journal.JournalTailer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The helpers of {@code scripts/bench-fanout.sh}:
 * <ul>
 * <li>{@code write}: a journal written as the receiver writes it (records of K messages, one excerpt per burst),
 *     at top speed or paced at an offered rate, the commit time stamped in each record;</li>
 * <li>{@code floor-send} and {@code floor-receive}: the floor Aeron is compared with, the same journal records
 *     sent one {@link DatagramChannel} datagram each (copied once, as into Aeron's log) and received by a
 *     busy-polling {@link DatagramChannel}, decoded with the journal's decoder, journal→receiver latency
 *     recorded per message as md-subscribe does;</li>
 * <li>{@code receive-write} ({@link ReceiveWrite}): the latency runs' receiving side, the journal written at the
 *     offered rate and received back through Aeron or the floor, in one loop.</li>
 * </ul>
 */
public final class FanoutBenchMain {
    static final String USAGE = """
            usage: FanoutBenchMain write --queue DIR --messages N [--per-record K] [--rate MSGS_PER_S] [--end] [--wait-for FILE]
                   FanoutBenchMain floor-send --queue DIR --to HOST:PORT [--from-start] [--exit-when-idle S] [--sndbuf BYTES]
                   FanoutBenchMain floor-receive --bind HOST:PORT --messages N [--latency-warmup N] [--exit-when-idle S]
                                                 [--rcvbuf BYTES]
            """ + ReceiveWrite.USAGE.replace("usage: ", "       ");
    private static final int MAX_DATAGRAM = 65_507;

    private FanoutBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        try {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "write" -> write(new CommandLine(rest));
                case "floor-send" -> floorSend(new CommandLine(rest));
                case "floor-receive" -> floorReceive(new CommandLine(rest));
                case "receive-write" -> ReceiveWrite.run(new CommandLine(rest));
                default -> throw new IllegalArgumentException("unknown command " + args[0] + " (write, floor-send, floor-receive, receive-write)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("fanout-bench: " + e.getMessage());
            System.exit(2);
        } catch (IllegalStateException e) {
            System.err.println("fanout-bench: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Writes the journal: records of K Add Order messages, paced in bursts (one excerpt each) or at top speed. */
    private static void write(CommandLine cl) throws IOException {
        Path queue = null;
        long messages = 0;
        int perRecord = 20;
        long rate = 0;
        boolean end = false;
        Path waitFor = null;
        while (cl.hasNext()) {
            String flag = cl.flag();
            switch (flag) {
                case "--queue" -> queue = cl.path(flag);
                case "--messages" -> messages = cl.integer(flag, 1, Integer.MAX_VALUE);
                case "--per-record" -> perRecord = cl.integer(flag, 1, 1000);
                case "--rate" -> rate = cl.integer(flag, 1, Integer.MAX_VALUE);
                case "--end" -> end = true;
                case "--wait-for" -> waitFor = cl.path(flag);
                default -> throw CommandLine.unknown(flag);
            }
        }
        if (queue == null || messages == 0) {
            throw new IllegalArgumentException("write needs --queue DIR --messages N");
        }
        try (PacedJournalWriter writer = PacedJournalWriter.open(queue, messages, perRecord, rate)) {
            if (waitFor != null) {
                // ready (the journal exists, the JVM has started): the run begins when the readers are in place
                System.out.println("write: ready, waiting for " + waitFor);
                System.out.flush();
                while (!Files.exists(waitFor)) {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            writer.start(System.nanoTime());
            while (!writer.done()) {
                long now = System.nanoTime();
                if (writer.writeDue(now) == 0) {
                    LockSupport.parkNanos(writer.nanosUntilDue(now));
                }
            }
            if (end) {
                writer.endSession(System.nanoTime());
            }
            System.out.println(writer.summary());
        }
    }

    /** Tails the journal and sends each record as one datagram (a busy loop, as md-fanout's). */
    private static void floorSend(CommandLine cl) throws IOException {
        Path queue = null;
        InetSocketAddress to = null;
        boolean fromStart = false;
        long idleNanos = TimeUnit.SECONDS.toNanos(2);
        int sndbuf = 0;
        while (cl.hasNext()) {
            String flag = cl.flag();
            switch (flag) {
                case "--queue" -> queue = cl.path(flag);
                case "--to" -> to = address(cl.value(flag), flag);
                case "--from-start" -> fromStart = true;
                case "--exit-when-idle" -> idleNanos = cl.seconds(flag);
                case "--sndbuf" -> sndbuf = cl.integer(flag, 1, Integer.MAX_VALUE);
                default -> throw CommandLine.unknown(flag);
            }
        }
        if (queue == null || to == null) {
            throw new IllegalArgumentException("floor-send needs --queue DIR --to HOST:PORT");
        }
        ByteBuffer datagram = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        UnsafeBuffer view = new UnsafeBuffer(datagram);
        long[] sent = new long[2];
        try (DatagramChannel channel = DatagramChannel.open();
             JournalTailer tailer = JournalTailer.open(queue)) {
            if (sndbuf > 0) {
                channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, sndbuf);
            }
            channel.connect(to);
            if (fromStart) {
                tailer.fromStart();
            } else {
                tailer.fromEnd();
            }
            System.out.println("floor-send: " + queue + " to " + to + (fromStart ? " from the start" : " from the end"));
            System.out.flush();
            JournalTailer.ExcerptHandler handler = (index, buffer, offset, length) -> {
                int end = offset + length;
                for (int record = offset, recordLength; record < end; record += recordLength) {
                    recordLength = JournalFormat.recordLength(buffer, record, end);
                    if (recordLength < 0) {
                        break;
                    }
                    view.putBytes(0, buffer, record, recordLength);
                    datagram.clear().limit(recordLength);
                    try {
                        channel.write(datagram);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    sent[0]++;
                    if (buffer.getByte(record) == JournalFormat.MESSAGES) {
                        sent[1] += buffer.getShort(record + JournalFormat.MESSAGES_COUNT_OFFSET) & 0xFFFF;
                    }
                }
                return true;
            };
            long last = System.nanoTime();
            while (System.nanoTime() - last < idleNanos) {
                if (tailer.pollExcerpts(handler, 64) > 0) {
                    last = System.nanoTime();
                } else {
                    Thread.onSpinWait();
                }
            }
        }
        System.out.printf(Locale.ROOT, "floor-send: %,d datagrams, %,d messages%n", sent[0], sent[1]);
    }

    /** Receives datagrams with a busy-polling non-blocking channel, decodes them, records journal→receiver latency. */
    private static void floorReceive(CommandLine cl) throws IOException {
        InetSocketAddress bind = null;
        long expected = 0;
        long warmup = 0;
        long idleNanos = TimeUnit.SECONDS.toNanos(5);
        int rcvbuf = 0;
        while (cl.hasNext()) {
            String flag = cl.flag();
            switch (flag) {
                case "--bind" -> bind = address(cl.value(flag), flag);
                case "--messages" -> expected = cl.integer(flag, 1, Integer.MAX_VALUE);
                case "--latency-warmup" -> warmup = cl.integer(flag, 0, Integer.MAX_VALUE);
                case "--rcvbuf" -> rcvbuf = cl.integer(flag, 1, Integer.MAX_VALUE);
                case "--exit-when-idle" -> idleNanos = cl.seconds(flag);
                default -> throw CommandLine.unknown(flag);
            }
        }
        if (bind == null || expected == 0) {
            throw new IllegalArgumentException("floor-receive needs --bind HOST:PORT --messages N");
        }
        ReceivedMessages counting = new ReceivedMessages(warmup);
        IntervalLog latency = new IntervalLog(counting.journalToReceiver, null, "journal-to-subscriber");
        LoopCost cost = new LoopCost();
        long datagrams = 0;
        try (FloorReceiver floor = FloorReceiver.bind(bind, rcvbuf)) {
            System.err.println("floor-receive: bound to " + bind);
            long last = System.nanoTime();
            boolean started = false;
            while (counting.messages < expected) {
                if (floor.poll(counting) == 0) {
                    if (started && System.nanoTime() - last > idleNanos) {
                        break;
                    }
                    Thread.onSpinWait();
                    continue;
                }
                last = System.nanoTime();
                started = true;
                datagrams++;
                if (!cost.isMarked() && counting.messages >= Math.max(warmup, 100_000)) {
                    cost.mark(counting.messages);
                }
            }
        }
        System.err.printf(Locale.ROOT, "floor-receive: %,d datagrams, %,d messages of %,d (lost %,d), %,d out of sequence%n",
                datagrams, counting.messages, expected, expected - counting.messages, counting.outOfSequence);
        System.err.printf(Locale.ROOT, "floor-receive: %,d messages from the first to the last in %.3f s: %,.0f messages/s%n",
                counting.messages, counting.streamSeconds(), counting.messagesPerSecond());
        System.err.println("floor-receive: " + cost.report(counting.messages, "messages"));
        System.err.println(SubscribeMain.percentiles("journal->subscriber", latency.close()));
    }

    static InetSocketAddress address(String value, String flag) {
        int colon = value.lastIndexOf(':');
        try {
            return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(flag + " " + value + ": expected HOST:PORT");
        }
    }
}
