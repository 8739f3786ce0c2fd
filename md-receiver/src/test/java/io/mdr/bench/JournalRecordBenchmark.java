package io.mdr.bench;

import io.mdr.feed.Channel;
import io.mdr.feed.Line;
import io.mdr.journal.JournalFormat;
import io.mdr.journal.JournalWriter;
import io.mdr.mold.MoldUdp64Packet;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
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

/**
 * The journal's own cost against Chronicle Queue's, in the same run: ns per one-message journal record committed as
 * its own excerpt (a packet alone in its burst, as at low rates), written by {@link JournalWriter#writeMessages} and
 * {@link JournalWriter#commit} as the receiver writes it ({@code journal}), against Chronicle's own
 * {@code writingDocument()} of the same bytes (the same 40-byte header and MoldUDP64 block, copied from native memory
 * in one {@code nativeWrite}) on a queue with the same settings ({@code chronicle}): roll cycle FAST_HOURLY, under
 * /dev/shm, a fresh queue per iteration, nothing pretouching (first-touch page faults are in both figures alike:
 * the same bytes reach the same pages). The ratio journal/chronicle is what the journal writer adds (its record
 * bookkeeping, the commit-time clock read and stamp, the commit listener) to what Chronicle itself costs.
 *
 * <p>{@code scripts/jmh.sh JournalRecordBenchmark} (both methods, both message sizes, in one run).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JournalRecordBenchmark {
    private static final String ROLL_CYCLE = "FAST_HOURLY";

    /** The ITCH message in the record: the first of {@link BenchFrames}' mix (an add order), or a trade. */
    @Param({"0", "5"})
    public int messageIndex;

    private final Channel channel = new Channel(0, "bench", Line.COUNT, BenchFrames.SESSION);
    private final UnsafeBuffer blocks = BenchFrames.nativeBuffer(BenchFrames.CAPACITY);
    /** The record exactly as the journal writes it (header, then the block), in native memory, for Chronicle. */
    private final UnsafeBuffer record = BenchFrames.nativeBuffer(4096);
    private int blockOffset;
    private int blockLength;
    private int recordLength;
    private Path directory;
    private int iteration;
    private JournalWriter journal;
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private long sequence;
    private final long rxNanos = System.nanoTime();

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        BenchFrames.writeBlocks(blocks, 0, messageIndex + 1);
        int position = 0;
        for (int m = 0; m < messageIndex; m++) {
            position += MoldUdp64Packet.BLOCK_HEADER_LENGTH + (blocks.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF);
        }
        blockOffset = position;
        blockLength = MoldUdp64Packet.BLOCK_HEADER_LENGTH + (blocks.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF);
        recordLength = JournalFormat.MESSAGES_BLOCKS_OFFSET + blockLength;
        record.putByte(JournalFormat.TYPE_OFFSET, JournalFormat.MESSAGES);
        record.putLong(JournalFormat.MESSAGES_RX_NANOS_OFFSET, rxNanos);
        record.putShort(JournalFormat.MESSAGES_COUNT_OFFSET, (short) 1);
        record.putBytes(JournalFormat.MESSAGES_BLOCKS_OFFSET, blocks, blockOffset, blockLength);
        directory = BenchQueues.createDirectory("md-bench-record-");
    }

    /** Both queues new for each iteration, their first excerpt written here (creating the cycle file is not measured). */
    @Setup(Level.Iteration)
    public void open() {
        iteration++;
        journal = JournalWriter.open(directory.resolve("journal-" + iteration), ROLL_CYCLE);
        journal.bindToCurrentThread();
        journal.writeChannel(channel);
        journal.commit();
        queue = SingleChronicleQueueBuilder.single(directory.resolve("chronicle-" + iteration).toFile())
                .rollCycle(RollCycles.FAST_HOURLY).build();
        appender = queue.createAppender();
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().writeByte((byte) 0);
        }
        sequence = 1;
    }

    /** One message as the receiver journals a one-message packet alone in its burst: its record, then the commit. */
    @Benchmark
    public int journal() {
        journal.writeMessages(channel, Line.A, sequence++, 1, blocks, blockOffset, blockLength, rxNanos);
        return journal.commit();
    }

    /** Chronicle's own writingDocument of the same bytes, copied from native memory as the journal copies a block. */
    @Benchmark
    public long chronicle() {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            long position = bytes.writePosition();
            bytes.ensureCapacity(position + recordLength);
            bytes.nativeWrite(record.addressOffset(), position, recordLength);
            bytes.writeSkip(recordLength);
            return position;
        }
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        journal.close();
        appender.close();
        queue.close();
        BenchQueues.deleteRecursively(directory.resolve("journal-" + iteration));
        BenchQueues.deleteRecursively(directory.resolve("chronicle-" + iteration));
    }

    @TearDown(Level.Trial)
    public void deleteDirectory() throws IOException {
        BenchQueues.deleteRecursively(directory);
    }
}
