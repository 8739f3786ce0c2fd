package io.mdr.bench;

import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.ChannelRouter;
import io.mdr.journal.JournalPretoucher;
import io.mdr.journal.JournalSpace;
import io.mdr.journal.JournalWriter;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.receiver.ExchangeClock;
import io.mdr.receiver.FeedPipeline;
import io.mdr.receiver.MessageHandler;
import io.mdr.receiver.PacketProcessor;
import io.mdr.receiver.RawJournalSink;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One {@code rx_burst}'s worth of one-message packets, from the first frame to the burst's commit, through the full
 * pipeline and through the journal's floor ({@code receiver.mode=journal-raw}), side by side in one run: the latency
 * benchmark's burst pattern without the port and the sender, each burst after {@code gapMicros} of quiet polls. Its p99 is about one whole burst's
 * cost (the last packet of a burst waits for all the others before the commit), so the ratio of the two figures here
 * is the ratio that pattern's p99 can reach.
 *
 * <ul>
 *   <li>{@code mode=pipeline}: {@link PacketProcessor#onFrame(long, int, long)} for each frame (parse, route, A/B
 *       arbitration, {@link MessageHandler#NONE}, the journal's run of messages) and
 *       {@link PacketProcessor#endOfBurst} (the commit, rx-to-journal recorded);</li>
 *   <li>{@code mode=raw}: {@link RawJournalSink#onFrame} for each frame (Ethernet/IPv4/UDP checked, the payload appended
 *       as it is) and {@link RawJournalSink#endOfBurst} (the commit, recorded the same way).</li>
 * </ul>
 *
 * <p>Each frame lies in its own native buffer, as each packet lies in its own mbuf, and its MoldUDP64 sequence number
 * is rewritten before it is handed over (in both modes, so the two do the same work around the call). The rx
 * timestamp is one clock read per burst, as in the polling loop. The journal is a Chronicle queue under /dev/shm,
 * new for each iteration, with its room check and a {@link JournalPretoucher} on a thread of its own, as the
 * receiver runs it (without one, the first-touch faults of the queue's pages are most of the figure on a VM). Figures are sampled ns
 * per burst (JMH's p50, p99 and so on); divide by {@code burst} for a packet.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BurstBenchmark {
    private static final String ROLL_CYCLE = "FAST_HOURLY";

    /** Packets per burst: the receiver's default {@code port.burstSize}. */
    @Param({"32"})
    public int burst;

    /** ITCH messages in each packet: 1 as in the latency benchmark's runs, 44 as in the demo's feed. */
    @Param({"1"})
    public int messages;

    /**
     * Microseconds between bursts, spent as the polling loop spends a quiet poll: the arbiters' hole timers and the
     * journal's {@link JournalWriter#prepareNext} (the latency benchmark's pattern sends a burst every 200 us).
     */
    @Param({"150"})
    public int gapMicros;

    /**
     * Whether a system call ({@code sched_yield}) ends the quiet polls: a kernel entry and exit, which flushes the TLB
     * on a kernel with page-table isolation and a CPU without PCID (this VM), as an interrupt does. The burst then
     * shows its cost after a flush.
     */
    @Param({"false"})
    public boolean syscall;

    /** {@code pipeline} or {@code raw} (the floor). */
    @Param({"pipeline", "raw"})
    public String mode;

    /**
     * The pipeline's channels: {@code configured} (a channel on the frames' destination, as in a production
     * configuration) or {@code automatic} (a channel made of each stream seen, as {@code md-receiver --pcap} and the
     * latency benchmark's receivers run).
     */
    @Param({"configured"})
    public String channels;

    private boolean floor;
    private long[] addresses;
    private UnsafeBuffer[] frames;
    private int length;
    private Path directory;
    private int iteration;
    private JournalWriter journal;
    private JournalPretoucher pretoucher;
    private ReceiverCounters counters;
    private PacketProcessor processor;
    private RawJournalSink raw;
    private long nextSequence = 1;
    private long sent;

    @Setup(Level.Trial)
    public void createFrames() throws IOException {
        if (!mode.equals("pipeline") && !mode.equals("raw")) {
            throw new IllegalArgumentException("mode must be pipeline or raw: " + mode);
        }
        if (!channels.equals("configured") && !channels.equals("automatic")) {
            throw new IllegalArgumentException("channels must be configured or automatic: " + channels);
        }
        floor = mode.equals("raw");
        frames = new UnsafeBuffer[burst];
        addresses = new long[burst];
        for (int i = 0; i < burst; i++) {
            frames[i] = BenchFrames.nativeBuffer(BenchFrames.CAPACITY);
            addresses[i] = frames[i].addressOffset();
            length = BenchFrames.writeFrame(frames[i], messages, 1);
        }
        directory = BenchQueues.createDirectory("md-bench-burst-");
    }

    /** A new queue and receive path; the queue's files are created here, by a first burst, not in the measured calls. */
    @Setup(Level.Iteration)
    public void open() {
        Path queue = directory.resolve("journal-" + ++iteration);
        journal = JournalWriter.open(queue, ROLL_CYCLE, JournalSpace.of(queue, 0, "bench"));
        journal.bindToCurrentThread();
        pretoucher = new JournalPretoucher(journal).start();
        // Off-heap and aligned like the receiver's memory-mapped counters file.
        counters = new ReceiverCounters(new CountersManager(BenchFrames.nativeBuffer(64 * 512),
                BenchFrames.nativeBuffer(64 * 128)));
        FeedPipeline pipeline = new FeedPipeline(MessageHandler.NONE, journal, counters, new LatencyRecorders(),
                ExchangeClock.disabled());
        ChannelRouter router;
        if (channels.equals("automatic")) {
            router = ChannelRouter.automatic(ArbiterSettings.defaults(), pipeline, counters);
        } else {
            router = ChannelRouter.configured(ArbiterSettings.defaults(), pipeline, counters);
            router.addChannel("bench", BenchFrames.SESSION, new int[] {BenchFrames.GROUP}, new int[] {BenchFrames.PORT},
                    new int[] {BenchFrames.SOURCE});
        }
        processor = new PacketProcessor(router, counters);
        raw = new RawJournalSink(journal, counters);
        nextSequence = 1;
        sent = 0;
        onBurst();
    }

    /** The quiet polls before a burst (not measured). */
    @Setup(Level.Invocation)
    public void idleGap() {
        long now = System.nanoTime();
        long end = now + gapMicros * 1_000L;
        while (now < end) {
            if (!floor) {
                processor.idle(now);
            }
            journal.prepareNext(now);
            now = System.nanoTime();
        }
        if (syscall) {
            Thread.yield();
        }
    }

    @Benchmark
    public void onBurst() {
        long rxNanos = System.nanoTime();
        long sequence = nextSequence;
        if (floor) {
            for (int i = 0; i < burst; i++) {
                frames[i].putLong(BenchFrames.SEQUENCE_OFFSET, sequence, ByteOrder.BIG_ENDIAN);
                sequence += messages;
                raw.onFrame(addresses[i], length, rxNanos);
            }
            raw.endOfBurst();
        } else {
            for (int i = 0; i < burst; i++) {
                frames[i].putLong(BenchFrames.SEQUENCE_OFFSET, sequence, ByteOrder.BIG_ENDIAN);
                sequence += messages;
                processor.onFrame(addresses[i], length, rxNanos);
            }
            processor.endOfBurst(rxNanos);
        }
        nextSequence = sequence;
        sent += burst;
    }

    /** Every packet was taken: journaled whole (raw), or delivered in order, once, with nothing dropped (pipeline). */
    @TearDown(Level.Iteration)
    public void check() throws IOException {
        long taken = floor ? counters.journalRecords.get() : counters.messages.get() / messages;
        boolean ok = taken == sent && counters.totalDrops() == 0 && counters.duplicatePackets.get() == 0
                && counters.gaps.get() == 0;
        pretoucher.close();
        journal.close();
        BenchQueues.deleteRecursively(directory.resolve("journal-" + iteration));
        if (!ok) {
            throw new IllegalStateException("mode " + mode + ": " + sent + " packets sent, " + taken + " taken, "
                    + counters.totalDrops() + " drops, " + counters.duplicatePackets.get() + " duplicates, "
                    + counters.gaps.get() + " gaps");
        }
    }

    @TearDown(Level.Trial)
    public void deleteDirectory() throws IOException {
        BenchQueues.deleteRecursively(directory);
    }
}
