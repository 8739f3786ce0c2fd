package io.mdr.bench;

import io.mdr.feed.Channel;
import io.mdr.feed.Line;
import io.mdr.journal.JournalWriter;
import io.mdr.mold.MoldUdp64Packet;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * ns per message of {@link JournalWriter#writeMessages} and {@link JournalWriter#commit}: the journal's Chronicle
 * Queue (roll cycle FAST_HOURLY, the default) under /dev/shm, the blocks copied once from native memory as from
 * an mbuf.
 *
 * <p>Each call writes the same {@value #MESSAGES} messages (the book-building mix of {@link BenchFrames}),
 * grouped {@code messagesPerExcerpt} to a record (a packet's run): 1 is a record per message, 20 one record as
 * the receiver writes a 20-message packet. {@code commit} says when the excerpt is committed: {@code record}
 * after every record (one excerpt per packet), {@code call} once per call (one excerpt per burst, as the
 * receiver does: 20 one-message packets, or one 20-message packet). The figure is per message either way.
 *
 * <p>First-touch page faults of the memory-mapped queue file are part of what is measured: nothing pretouches,
 * so every new page the appender reaches costs a fault, as on a receiver without a pretoucher (on these VMs
 * first-touch writes of a mapped file ran an order of magnitude slower than rewrites, see ENVIRONMENT.md).
 * A journal only grows, so the figure is that of sustained appending to fresh pages, and the run length
 * matters: faults, new chunk mappings and (across an hour) cycle rolls come at a rate set by the figure
 * itself, and on these VMs appends grew slower once a queue passed 1-2 GB (about 45 ns per message in
 * excerpts of 20 with 1 s iterations, 77-95 ns with 5 s ones, ~160 ns with one queue for the whole trial).
 * Compare figures from runs of the same length only.
 *
 * <p>The queue directory is created in the trial's set-up under /dev/shm and deleted at its tear-down. Every
 * iteration appends to a new queue in it (opened, and its first excerpt written, in the iteration's set-up;
 * deleted at its tear-down): at up to ~1 GB/s of excerpts, a long run into one queue would fill the RAM
 * that /dev/shm is. The trial's tear-down prints how much was written.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JournalAppendBenchmark {
    /** Messages per call, whatever the grouping. */
    static final int MESSAGES = 20;
    private static final String ROLL_CYCLE = "FAST_HOURLY";
    /** The record's header before the blocks: type, channel, line, session, sequence, rx and journal time, count. */
    private static final int EXCERPT_HEADER = io.mdr.journal.JournalFormat.MESSAGES_BLOCKS_OFFSET;

    /** Messages per excerpt; must divide {@value #MESSAGES}. */
    @Param({"1", "20"})
    public int messagesPerExcerpt;

    /** {@code record}: commit after every record; {@code call}: once per call (per burst). */
    @Param({"record", "call"})
    public String commit;
    private boolean commitPerRecord;

    private final Channel channel = new Channel(0, "bench", Line.COUNT, BenchFrames.SESSION);
    private final UnsafeBuffer blocks = BenchFrames.nativeBuffer(BenchFrames.CAPACITY);
    private int excerpts;
    private int[] excerptOffset;
    private int[] excerptLength;
    private Path directory;
    private Path queue;
    private JournalWriter journal;
    private int iteration;
    private long nextSequence;
    private long iterationStartSequence;
    private long rxNanos;
    private long messagesWritten;
    private long mostMessagesInOneQueue;

    @Setup(Level.Trial)
    public void createDirectory() throws IOException {
        if (messagesPerExcerpt < 1 || MESSAGES % messagesPerExcerpt != 0) {
            throw new IllegalArgumentException("messagesPerExcerpt must divide " + MESSAGES + ": " + messagesPerExcerpt);
        }
        excerpts = MESSAGES / messagesPerExcerpt;
        commitPerRecord = switch (commit) {
            case "record" -> true;
            case "call" -> false;
            default -> throw new IllegalArgumentException("commit must be record or call: " + commit);
        };
        excerptOffset = new int[excerpts];
        excerptLength = new int[excerpts];
        BenchFrames.writeBlocks(blocks, 0, MESSAGES);
        int position = 0;
        for (int e = 0; e < excerpts; e++) {
            excerptOffset[e] = position;
            for (int m = 0; m < messagesPerExcerpt; m++) {
                position += MoldUdp64Packet.BLOCK_HEADER_LENGTH + (blocks.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF);
            }
            excerptLength[e] = position - excerptOffset[e];
        }
        directory = BenchQueues.createDirectory("md-bench-journal-");
    }

    /** A new queue; its files are created by the first excerpt, here rather than in the measured calls. */
    @Setup(Level.Iteration)
    public void openQueue() {
        queue = directory.resolve("journal-" + ++iteration);
        journal = JournalWriter.open(queue, ROLL_CYCLE);
        journal.bindToCurrentThread();
        journal.writeChannel(channel);
        nextSequence = 1;
        iterationStartSequence = nextSequence;
        rxNanos = System.nanoTime();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void writeMessages() {
        for (int e = 0; e < excerpts; e++) {
            journal.writeMessages(channel, Line.A, nextSequence, messagesPerExcerpt, blocks, excerptOffset[e],
                    excerptLength[e], rxNanos);
            nextSequence += messagesPerExcerpt;
            if (commitPerRecord) {
                journal.commit();
            }
        }
        if (!commitPerRecord) {
            journal.commit();
        }
    }

    @TearDown(Level.Iteration)
    public void deleteQueue() throws IOException {
        journal.bindToCurrentThread();
        journal.close();
        long messages = nextSequence - iterationStartSequence;
        messagesWritten += messages;
        mostMessagesInOneQueue = Math.max(mostMessagesInOneQueue, messages);
        BenchQueues.deleteRecursively(queue);
    }

    @TearDown(Level.Trial)
    public void deleteDirectory() throws IOException {
        BenchQueues.deleteRecursively(directory);
        System.out.printf("%njournal: %,d messages in %,d excerpts over %d iterations; at most %,d MiB in one queue "
                        + "(under %s, now deleted)%n", messagesWritten, messagesWritten / messagesPerExcerpt, iteration,
                bytes(mostMessagesInOneQueue) >> 20, directory);
    }

    /** Excerpt bytes (header and blocks, without Chronicle's 4-byte length) for {@code messages} messages. */
    private long bytes(long messages) {
        long blocksPerCall = 0;
        for (int length : excerptLength) {
            blocksPerCall += length;
        }
        long calls = messages / MESSAGES;
        return calls * (excerpts * (long) EXCERPT_HEADER + blocksPerCall);
    }
}
