package io.mdr.journal;

import io.mdr.memory.Prefault;
import io.mdr.feed.Channel;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Appends journal records (see {@link JournalFormat}) to a Chronicle Queue. One writer per queue, used by
 * one thread (the polling thread): Chronicle's appenders are single-threaded.
 *
 * <p>Records accumulate in one open excerpt until {@link #commit()}, which the receiver calls once per
 * {@code rx_burst}: a Chronicle excerpt costs about half a microsecond (header, index, write lock), a record
 * in an open one tens of nanoseconds. Until the commit the records are invisible to tailers.
 *
 * <p>Opened with a {@link JournalSpace}, the writer never writes a page the file system has not backed: before it
 * opens an excerpt, the next {@link #ROOM_AHEAD} bytes must have been populated, by the {@link JournalPretoucher}
 * (which runs far ahead) or, when that is behind, by the writer itself with one {@code madvise}. A full file system
 * then shows as a failed {@code madvise} and a {@link JournalSpaceException}, never as SIGBUS. A roll to a new cycle
 * file, whose first pages Chronicle writes itself, goes ahead only with {@link #ROLL_ROOM} free.
 */
public final class JournalWriter implements AutoCloseable {
    /**
     * An excerpt is committed before it would grow past this: a burst of full-size packets fits in one, and a
     * reorder buffer's release of hundreds of held packets is spread over a few.
     */
    static final int MAX_EXCERPT_BYTES = 64 * 1024;
    /** Messages in one record: its count is an unsigned 16-bit field (a run of packets stops short of it). */
    static final int MAX_RUN_MESSAGES = 0xFFFF;
    /** Message records per excerpt (whose journal time is stamped at commit). */
    static final int MAX_MESSAGE_RECORDS = 256;
    /**
     * Populated bytes the writer wants ahead of its position before it opens an excerpt: the largest excerpt, an
     * index array Chronicle may write before it (32 KB for the fast roll cycles), and slack.
     */
    static final long ROOM_AHEAD = 256 * 1024;
    /** What the writer populates in one call when it finds the pretoucher behind. */
    static final long SELF_PREPARE = 1 << 20;
    /** Free space a roll to a new cycle file needs: its header, index arrays and first excerpts. */
    static final long ROLL_ROOM = 4 << 20;
    private static final long PAGE = 4096;
    /**
     * How long {@link #openAhead(long)} holds an excerpt that nothing is written to before it rolls it back; it opens
     * none again before the next commit.
     */
    public static final long OPEN_AHEAD_NANOS = 1_000_000L;
    /** {@link #openAhead(long)} holds no excerpt into the last this many milliseconds of its roll cycle. */
    static final long OPEN_AHEAD_ROLL_MARGIN_MILLIS = 5;
    /** What {@link #warmAhead()} reads past the last commit: a few packets of 1,500 bytes. */
    static final int WARM_BYTES = 4096;
    private static final int CACHE_LINE = 64;

    static {
        // Chronicle writes integers in the machine's order, and the format is little-endian.
        if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
            throw new ExceptionInInitializerError("the journal format needs a little-endian machine");
        }
    }
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Path path;
    /** The excerpt being filled (records accumulate until {@link #commit()}), or null. */
    private DocumentContext open;
    private long excerptStart;
    private int pendingRecords;
    private int pendingMessageRecords;
    private final long[] pendingStampPositions = new long[MAX_MESSAGE_RECORDS];
    private final long[] pendingRxNanos = new long[MAX_MESSAGE_RECORDS];
    private final int[] pendingCounts = new int[MAX_MESSAGE_RECORDS];
    /** A view of the record being written, in the mapped chunk. */
    private final UnsafeBuffer direct = new UnsafeBuffer(0, 0);
    /** A view of a raw packet's payload (journal-raw). */
    private final UnsafeBuffer source = new UnsafeBuffer(0, 0);
    private CommitListener commitListener = CommitListener.NONE;
    /** What the {@link JournalPretoucher} follows: the writer's mapped bytes and position after each excerpt. */
    private volatile MappedBytes publishedBytes;
    private volatile long publishedPosition;
    /** Where in which file the pretoucher has populated up to (published by it). */
    private volatile Prepared prepared;
    /** The room check: null when the writer runs unguarded (tools, tests of small journals). */
    private final JournalSpace space;
    private final Prefault prefault;
    private final ReferenceOwner owner = ReferenceOwner.temporary("md-receiver journal writer");
    /** Populated up to here in {@link #readyFile}, as far as the writer knows. */
    private MappedFile readyFile;
    private long readyUpTo;
    private int readyCycle;
    private boolean populateUnsupported;
    private long selfPrepared;
    /** When {@link #openAhead(long)} opened the excerpt it holds, how long it may hold it, and when it may next. */
    private long openedAheadNanos;
    private long openAheadHoldNanos;
    private long openAheadAfterNanos = Long.MIN_VALUE / 2;
    /** The commit position {@link #warmAhead()} last warmed after, and what it read (kept so it is not elided). */
    private long warmedAt = -1;
    private final UnsafeBuffer warm = new UnsafeBuffer(0, 0);
    @SuppressWarnings("unused")
    private long warmSink;
    /** Each channel's latest channel record, by id: written again at the start of every roll cycle. */
    private final Int2ObjectHashMap<byte[]> channelRecords = new Int2ObjectHashMap<>();
    /** The cycle whose file has the channel records (MIN_VALUE before the first excerpt). */
    private int announcedCycle = Integer.MIN_VALUE;
    /** Start of the record being written, or -1 between records (a failure mid-record drops that record). */
    private long partialRecordStart = -1;
    /** Where the blocks extending a run began while they are written, or -1 (a failure drops them, not the run). */
    private long partialExtensionStart = -1;
    /**
     * The message record written last in the open excerpt, which the next in-sequence messages of its channel, line
     * and burst extend (see {@link #extendsRun}), or -1 once anything else was written or the excerpt committed.
     */
    private long runRecord = -1;
    private Channel runChannel;
    /**
     * The open excerpt's true write position while a run is written straight into its mapped chunk, or -1 when
     * Chronicle's own position is current. A run's records and extensions advance this field only; Chronicle's
     * {@code writePosition} is brought level ({@link #syncPosition}) before anything else touches the excerpt. Its
     * checked calls (position, skip, store look-up) cost more than the 20 to 50 bytes a one-message packet adds.
     */
    private long runEnd = -1;
    /** The mapped chunk the run is written in: its first file position, safe limit and base address. */
    private long runChunkStart;
    private long runChunkLimit;
    private long runChunkAddress;
    private int runLine;
    private long runRxNanos;
    private long runNextSequence;
    private int runCount;

    /** A populated range: {@code [0, upTo)} of {@code file}. */
    record Prepared(MappedFile file, long upTo) {
    }

    private final WriterLock writerLock;

    private JournalWriter(Path path, SingleChronicleQueue queue, JournalSpace space, WriterLock writerLock) {
        this.path = path;
        this.queue = queue;
        this.space = space;
        this.writerLock = writerLock;
        this.prefault = space == null ? null : new Prefault();
        this.appender = queue.createAppender();
    }

    /** Opens (or creates) the queue at {@code path} with the given {@link RollCycles} name, unguarded. */
    public static JournalWriter open(Path path, String rollCycle) {
        return open(path, rollCycle, null);
    }

    /**
     * Opens (or creates) the queue at {@code path} with the given {@link RollCycles} name. Takes the journal's
     * {@code writer.lock} first (one writer per journal; see {@link WriterLock}), which also clears the Chronicle
     * locks a killed writer left, whatever became of its PID; {@link #recoveryNotes()} says what was cleared.
     *
     * @param space the file system's room, which the writer then never overruns (null: unguarded)
     * @throws JournalLockedException when another live process writes the journal
     */
    public static JournalWriter open(Path path, String rollCycle, JournalSpace space) {
        return open(path, rollCycle, space, SystemTimeProvider.INSTANCE);
    }

    /** As {@link #open(Path, String, JournalSpace)}, with the clock that decides the roll cycle (tests roll at will). */
    static JournalWriter open(Path path, String rollCycle, JournalSpace space, TimeProvider clock) {
        return open(path, rollCycle, space, clock, 0);
    }

    /**
     * A journal mapped in chunks of {@code chunkBytes} rather than Chronicle's default: the receiver's warm-up writes
     * through small chunks, so that moving from one mapped chunk to the next (the writer's room check, a record
     * that crosses a chunk's end, the pretoucher's hand-over) is compiled before the first packet, not on the polling
     * thread tens of MB into the live journal.
     */
    public static JournalWriter openInChunks(Path path, String rollCycle, JournalSpace space, long chunkBytes) {
        return open(path, rollCycle, space, SystemTimeProvider.INSTANCE, chunkBytes);
    }

    private static JournalWriter open(Path path, String rollCycle, JournalSpace space, TimeProvider clock, long chunkBytes) {
        RollCycle cycle = rollCycle(rollCycle);
        WriterLock lock = WriterLock.acquire(path);
        SingleChronicleQueue queue = null;
        JournalWriter writer = null;
        try {
            SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.single(path.toFile()).rollCycle(cycle)
                    .timeProvider(clock);
            if (chunkBytes > 0) {
                builder.blockSize(chunkBytes);
            }
            queue = builder.build();
            writer = new JournalWriter(path, queue, space, lock);
            writer.touchCycle();
            return writer;
        } catch (RuntimeException e) {
            if (writer != null) {
                writer.appender.close();
            }
            if (queue != null) {
                queue.close();
            }
            lock.close();
            throw e;
        }
    }

    /** What opening the journal found and repaired (stale locks a killed writer left), one line each. */
    public java.util.List<String> recoveryNotes() {
        return writerLock.notes();
    }

    /**
     * Writes a metadata excerpt (tailers skip those) so that the current cycle's file exists before the
     * first packet: creating it takes tens of milliseconds, which would otherwise land on the first message.
     * The pretoucher starts from it.
     */
    private void touchCycle() {
        if (space != null && space.usableBytes() < ROLL_ROOM) {
            throw new JournalSpaceException(space.describe("too little room to open the current cycle's file"));
        }
        readyCycle = queue.cycle();
        try (DocumentContext dc = appender.writingDocument(true)) {
            dc.wire().bytes().writeByte((byte) 0);
            publish(dc.wire().bytes());
        }
        announcedCycle = appender.cycle();
    }

    /** A roll cycle by name, over every family Chronicle has (RollCycles, LegacyRollCycles, LargeRollCycles). */
    static RollCycle rollCycle(String name) {
        for (RollCycle cycle : RollCycles.all()) {
            if (cycle instanceof Enum<?> e && e.name().equals(name)) {
                return cycle;
            }
        }
        throw new IllegalArgumentException("journal.rollCycle: unknown roll cycle " + name);
    }

    public Path path() {
        return path;
    }

    /** The queue written to (the resume scan reads it before the first append). */
    ChronicleQueue queue() {
        return queue;
    }

    /** Names a channel for readers; written when a channel (or its session) first appears. */
    public void writeChannel(Channel channel) {
        byte[] name = channel.name().getBytes(StandardCharsets.UTF_8);
        int nameLength = Math.min(255, name.length);
        UnsafeBuffer record = new UnsafeBuffer(new byte[JournalFormat.CHANNEL_NAME_OFFSET + nameLength]);
        record.putByte(JournalFormat.TYPE_OFFSET, JournalFormat.CHANNEL);
        record.putShort(JournalFormat.CHANNEL_OFFSET, (short) channel.id(), ByteOrder.LITTLE_ENDIAN);
        record.putByte(JournalFormat.CHANNEL_LINES_OFFSET, (byte) channel.lineCount());
        record.putLong(JournalFormat.CHANNEL_SESSION_OFFSET, channel.sessionHigh(), ByteOrder.BIG_ENDIAN);
        record.putShort(JournalFormat.CHANNEL_SESSION_OFFSET + 8, (short) channel.sessionLow(), ByteOrder.BIG_ENDIAN);
        record.putByte(JournalFormat.CHANNEL_NAME_LENGTH_OFFSET, (byte) nameLength);
        record.putBytes(JournalFormat.CHANNEL_NAME_OFFSET, name, 0, nameLength);
        channelRecords.put(channel.id(), record.byteArray());
        Bytes<?> bytes = record(record.capacity());
        bytes.write(record.byteArray());
        partialRecordStart = -1;
    }

    /**
     * Journals a run of in-order messages: their MoldUDP64 blocks are copied once, from wherever they lie
     * (the mbuf, or the reorder buffer), into the mapped queue file. Visible to tailers at the next
     * {@link #commit()}. Messages that continue the record written last (the next packet of the same line in the
     * same burst) extend it rather than start one.
     *
     * @return true when a record was started, false when the messages extended the last one
     */
    public boolean writeMessages(Channel channel, int line, long firstSequence, int count,
                                 DirectBuffer buffer, int blocksOffset, int blocksLength, long rxNanos) {
        // Small enough for the JIT to inline into the per-packet path: most packets of a burst extend the run.
        if (extendsRun(channel, line, firstSequence, count, blocksLength, rxNanos)) {
            extendRun(line, count, buffer, blocksOffset, blocksLength);
            return false;
        }
        startRecord(channel, line, firstSequence, count, buffer, blocksOffset, blocksLength, rxNanos);
        return true;
    }

    /** {@link #writeMessages} when the messages start a record of their own. */
    private void startRecord(Channel channel, int line, long firstSequence, int count,
                             DirectBuffer buffer, int blocksOffset, int blocksLength, long rxNanos) {
        if (pendingMessageRecords == MAX_MESSAGE_RECORDS) {
            commit();
        }
        int length = JournalFormat.MESSAGES_BLOCKS_OFFSET + blocksLength;
        Bytes<?> bytes = record(length);
        long position = bytes.writePosition();
        int pending = pendingMessageRecords++;
        pendingStampPositions[pending] = position + JournalFormat.MESSAGES_JOURNAL_NANOS_OFFSET;
        pendingRxNanos[pending] = rxNanos;
        // Recovered messages are not on the multicast path: left out of rx-to-journal.
        pendingCounts[pending] = line == io.mdr.feed.Line.RECOVERY ? 0 : count;
        int head = (JournalFormat.MESSAGES & 0xFF) | (channel.id() & 0xFFFF) << 8 | (line & 0xFF) << 24;
        long sessionHigh = Long.reverseBytes(channel.sessionHigh());
        short sessionLow = Short.reverseBytes((short) channel.sessionLow());
        UnsafeBuffer record = mapped(bytes, position, length);
        if (record != null) {
            record.putInt(JournalFormat.TYPE_OFFSET, head);
            record.putLong(JournalFormat.MESSAGES_SESSION_OFFSET, sessionHigh);
            record.putShort(JournalFormat.MESSAGES_SESSION_OFFSET + 8, sessionLow);
            record.putLong(JournalFormat.MESSAGES_FIRST_SEQUENCE_OFFSET, firstSequence);
            record.putLong(JournalFormat.MESSAGES_RX_NANOS_OFFSET, rxNanos);
            record.putLong(JournalFormat.MESSAGES_JOURNAL_NANOS_OFFSET, 0L);
            record.putShort(JournalFormat.MESSAGES_COUNT_OFFSET, (short) count);
            record.putBytes(JournalFormat.MESSAGES_BLOCKS_OFFSET, buffer, blocksOffset, blocksLength);
            MappedBytesStore store = (MappedBytesStore) bytes.bytesStore();
            runChunkStart = store.start();
            runChunkLimit = store.safeLimit();
            runChunkAddress = store.addressForWrite(runChunkStart);
            runEnd = position + length;
        } else {
            // The record would cross the end of the mapped chunk: Chronicle's checked writes map the next one.
            bytes.writeInt(head);
            bytes.writeLong(sessionHigh);
            bytes.writeShort(sessionLow);
            bytes.writeLong(firstSequence);
            bytes.writeLong(rxNanos);
            bytes.writeLong(0L);
            bytes.writeShort((short) count);
            writeFrom(bytes, buffer, blocksOffset, blocksLength);
        }
        partialRecordStart = -1;
        runRecord = position;
        runChannel = channel;
        runLine = line;
        runRxNanos = rxNanos;
        runNextSequence = firstSequence + count;
        runCount = count;
    }

    /**
     * Whether these messages continue the message record written last, in the open excerpt: the same channel, line
     * and rx time (the same burst), the next sequence, and room for them in the excerpt and the record's count.
     */
    private boolean extendsRun(Channel channel, int line, long firstSequence, int count, int blocksLength, long rxNanos) {
        return runRecord >= 0 && firstSequence == runNextSequence && channel == runChannel && line == runLine
                && rxNanos == runRxNanos && runCount + count <= MAX_RUN_MESSAGES
                && writePosition() - excerptStart + blocksLength <= MAX_EXCERPT_BYTES;
    }

    /**
     * Appends the blocks to the record written last and raises its count: one header for a burst's run of packets
     * (40 bytes that a one-message packet would otherwise add to its 20 to 50 bytes of message). The count is raised
     * after the blocks are written, so that a failure in between leaves the record as it was (see
     * {@link #commitAfterFailure()}).
     */
    private void extendRun(int line, int count, DirectBuffer buffer, int blocksOffset, int blocksLength) {
        long position = runEnd;
        long countAt = runRecord + JournalFormat.MESSAGES_COUNT_OFFSET;
        if (position >= 0 && countAt >= runChunkStart && position + blocksLength <= runChunkLimit) {
            // The whole run lies in the chunk mapped now: plain stores, no Chronicle call.
            partialExtensionStart = position;
            direct.wrap(runChunkAddress + (position - runChunkStart), blocksLength);
            direct.putBytes(0, buffer, blocksOffset, blocksLength);
            runEnd = position + blocksLength;
            runCount += count;
            runNextSequence += count;
            direct.wrap(runChunkAddress + (countAt - runChunkStart), Short.BYTES);
            direct.putShort(0, (short) runCount);
        } else {
            extendRunChecked(count, buffer, blocksOffset, blocksLength, countAt);
        }
        if (line != io.mdr.feed.Line.RECOVERY) {
            pendingCounts[pendingMessageRecords - 1] += count;
        }
        partialExtensionStart = -1;
    }

    /** {@link #extendRun} where the run crosses the end of the mapped chunk: Chronicle's checked writes map the next. */
    private void extendRunChecked(int count, DirectBuffer buffer, int blocksOffset, int blocksLength, long countAt) {
        Bytes<?> bytes = open.wire().bytes();
        syncPosition(bytes);
        partialExtensionStart = bytes.writePosition();
        writeFrom(bytes, buffer, blocksOffset, blocksLength);
        runCount += count;
        runNextSequence += count;
        UnsafeBuffer field = mapped(bytes, countAt, Short.BYTES);
        if (field != null) {
            field.putShort(0, (short) runCount);
        } else {
            bytes.writeShort(countAt, (short) runCount);
        }
    }

    /** The open excerpt's write position: the run's end while one is written directly, else Chronicle's. */
    private long writePosition() {
        return runEnd >= 0 ? runEnd : open.wire().bytes().writePosition();
    }

    /** Brings Chronicle's write position level with a run written directly into the mapped chunk. */
    private void syncPosition(Bytes<?> bytes) {
        if (runEnd >= 0) {
            bytes.writePosition(runEnd);
            runEnd = -1;
        }
    }

    private static void writeFrom(Bytes<?> bytes, DirectBuffer buffer, int offset, int length) {
        byte[] array = buffer.byteArray();
        if (array != null) {
            bytes.write(array, (int) (buffer.wrapAdjustment() + offset), length);
        } else {
            bytes.ensureCapacity(bytes.writePosition() + length);
            bytes.nativeWrite(buffer.addressOffset() + offset, bytes.writePosition(), length);
            bytes.writeSkip(length);
        }
    }

    /**
     * The record's bytes, {@code [position, position + length)} of the queue file, as a view of the chunk mapped now
     * (written with plain stores: the excerpt is this thread's until its commit), or null when they cross its end.
     * Chronicle's checked writes cost about 10 ns each (bounds, thread and closed checks), and a record took nine.
     */
    private UnsafeBuffer mapped(Bytes<?> bytes, long position, int length) {
        if (bytes.bytesStore() instanceof MappedBytesStore store && store.inside(position, length)) {
            direct.wrap(store.addressForWrite(position), length);
            return direct;
        }
        return null;
    }

    /**
     * The journal's floor ({@code receiver.mode=journal-raw}): a packet's UDP payload, unparsed, copied once from
     * native memory (the mbuf) into the open excerpt, stamped and reported at {@link #commit()} exactly as a
     * message record is (one message per packet).
     */
    public void writeRaw(long address, int length, long rxNanos) {
        if (pendingMessageRecords == MAX_MESSAGE_RECORDS) {
            commit();
        }
        int recordLength = JournalFormat.RAW_PAYLOAD_OFFSET + length;
        Bytes<?> bytes = record(recordLength);
        long position = bytes.writePosition();
        int pending = pendingMessageRecords++;
        pendingStampPositions[pending] = position + JournalFormat.RAW_JOURNAL_NANOS_OFFSET;
        pendingRxNanos[pending] = rxNanos;
        pendingCounts[pending] = 1;
        UnsafeBuffer record = mapped(bytes, position, recordLength);
        if (record != null) {
            record.putByte(JournalFormat.TYPE_OFFSET, JournalFormat.RAW);
            record.putLong(JournalFormat.RAW_RX_NANOS_OFFSET, rxNanos);
            record.putLong(JournalFormat.RAW_JOURNAL_NANOS_OFFSET, 0L);
            record.putShort(JournalFormat.RAW_LENGTH_OFFSET, (short) length);
            source.wrap(address, length);
            record.putBytes(JournalFormat.RAW_PAYLOAD_OFFSET, source, 0, length);
            bytes.writeSkip(recordLength);
        } else {
            bytes.writeByte(JournalFormat.RAW);
            bytes.writeLong(rxNanos);
            bytes.writeLong(0L);
            bytes.writeShort((short) length);
            bytes.ensureCapacity(bytes.writePosition() + length);
            bytes.nativeWrite(address, bytes.writePosition(), length);
            bytes.writeSkip(length);
        }
        partialRecordStart = -1;
    }

    /** Journals messages {@code from..to} (inclusive) as lost on every line. */
    public void writeGap(Channel channel, long from, long to, long nanos) {
        Bytes<?> bytes = record(JournalFormat.GAP_LENGTH);
        bytes.writeByte(JournalFormat.GAP);
        bytes.writeShort((short) channel.id());
        writeSession(bytes, channel);
        bytes.writeLong(from);
        bytes.writeLong(to);
        bytes.writeLong(nanos);
        partialRecordStart = -1;
    }

    /** Journals the end of the channel's session. */
    public void writeEndOfSession(Channel channel, long nextSequence, long nanos) {
        Bytes<?> bytes = record(JournalFormat.EOS_LENGTH);
        bytes.writeByte(JournalFormat.END_OF_SESSION);
        bytes.writeShort((short) channel.id());
        writeSession(bytes, channel);
        bytes.writeLong(nextSequence);
        bytes.writeLong(nanos);
        partialRecordStart = -1;
    }

    /**
     * Completes the open excerpt, if any: stamps its message records' journal time, commits it (tailers see
     * it from now on) and tells the {@link CommitListener} when each record's messages were committed.
     *
     * @return records committed (0 when none were pending)
     */
    public int commit() {
        DocumentContext dc = open;
        if (dc == null || pendingRecords == 0) {
            // Nothing open, or an excerpt opened ahead (see openAhead) that nothing was written to yet.
            return 0;
        }
        int records = pendingRecords;
        int messageRecords = pendingMessageRecords;
        open = null;
        runRecord = -1;
        pendingRecords = 0;
        pendingMessageRecords = 0;
        Bytes<?> bytes = dc.wire().bytes();
        syncPosition(bytes);
        long journalNanos = System.nanoTime();
        for (int i = 0; i < messageRecords; i++) {
            long stamp = pendingStampPositions[i];
            UnsafeBuffer field = mapped(bytes, stamp, Long.BYTES);
            if (field != null) {
                field.putLong(0, journalNanos);
            } else {
                bytes.writeLong(stamp, journalNanos);
            }
        }
        publish(bytes);
        dc.close();
        openAheadAfterNanos = Long.MIN_VALUE / 2;
        // Runs of one burst share their rx time: one callback per distinct time, with the summed count.
        for (int i = 0; i < messageRecords; ) {
            long rxNanos = pendingRxNanos[i];
            int count = 0;
            for (; i < messageRecords && pendingRxNanos[i] == rxNanos; i++) {
                count += pendingCounts[i];
            }
            if (count > 0) {
                commitListener.onCommitted(rxNanos, count, journalNanos);
            }
        }
        return records;
    }

    /**
     * After a failure on the writing thread: commits the records of the open excerpt that were complete, and drops
     * the one the failure interrupted, if any, so that no reader ever sees half a record.
     *
     * @return records committed
     */
    public int commitAfterFailure() {
        DocumentContext dc = open;
        if (dc == null) {
            return 0;
        }
        if (pendingRecords == 0 && partialRecordStart < 0 && partialExtensionStart < 0) {
            dropOpenedAhead();
            return 0;
        }
        runRecord = -1;
        if (partialExtensionStart >= 0) {
            // Blocks half-appended to a run: the run keeps the count it had, and the bytes go.
            dc.wire().bytes().writePosition(partialExtensionStart);
            partialExtensionStart = -1;
            runEnd = -1;
        }
        if (partialRecordStart >= 0) {
            runEnd = -1;
            Bytes<?> bytes = dc.wire().bytes();
            if (pendingMessageRecords > 0 && pendingStampPositions[pendingMessageRecords - 1] >= partialRecordStart) {
                pendingMessageRecords--;
            }
            bytes.writePosition(partialRecordStart);
            pendingRecords--;
            partialRecordStart = -1;
            if (pendingRecords == 0) {
                dc.rollbackOnClose();
                open = null;
                pendingMessageRecords = 0;
                dc.close();
                return 0;
            }
        }
        return commit();
    }

    /** Where {@link #commit()} reports commit times (rx-to-journal latency). */
    public void commitListener(CommitListener listener) {
        this.commitListener = listener == null ? CommitListener.NONE : listener;
    }

    /** Told, after each commit, when the messages received at {@code rxNanos} were committed. */
    @FunctionalInterface
    public interface CommitListener {
        CommitListener NONE = (rxNanos, count, journalNanos) -> { };

        void onCommitted(long rxNanos, int count, long journalNanos);
    }

    /**
     * The bytes to append a record of up to {@code maxLength} bytes to: the open excerpt, or a new one when
     * none is open or the open one is full.
     */
    private Bytes<?> record(int maxLength) {
        DocumentContext dc = open;
        if (dc != null) {
            syncPosition(dc.wire().bytes());
        }
        if (dc != null && pendingRecords > 0
                && dc.wire().bytes().writePosition() - excerptStart + maxLength > MAX_EXCERPT_BYTES) {
            commit();
            dc = null;
        }
        if (dc == null) {
            dc = openExcerpt();
        }
        pendingRecords++;
        runRecord = -1;
        Bytes<?> bytes = dc.wire().bytes();
        partialRecordStart = bytes.writePosition();
        return bytes;
    }

    /** Opens an excerpt (on populated pages when guarded); a new cycle's first starts with its channel records. */
    private DocumentContext openExcerpt() {
        if (space != null) {
            ensureRoom();
        }
        DocumentContext dc = appender.writingDocument();
        open = dc;
        excerptStart = dc.wire().bytes().writePosition();
        if (appender.cycle() != announcedCycle) {
            announceChannels(dc.wire().bytes());
        }
        return dc;
    }

    /**
     * The first excerpt of a new roll cycle starts with every channel's latest channel record again, so that each
     * cycle file names its channels: a reader of the files that retention kept finds them there.
     */
    private void announceChannels(Bytes<?> bytes) {
        boolean rolled = announcedCycle != Integer.MIN_VALUE;
        announcedCycle = appender.cycle();
        if (rolled) {
            for (byte[] record : channelRecords.values()) {
                bytes.write(record);
                pendingRecords++;
            }
        }
    }

    /**
     * Makes sure the next excerpt lands on populated pages. The fast path is two field reads and a clock read
     * (the cycle), once per excerpt; the pretoucher is normally {@link JournalPretoucher#LOOKAHEAD_BYTES} ahead.
     */
    private void ensureRoom() {
        int cycle = queue.cycle();
        if (cycle != readyCycle) {
            // A roll is due: Chronicle creates the new file and writes its first pages inside writingDocument(),
            // where nothing can populate them first. Go ahead only with room for them.
            long free = space.usableBytes();
            if (free < ROLL_ROOM) {
                space.cannotBack("a roll to a new cycle file needs " + JournalSpace.mb(ROLL_ROOM));
                throw new JournalSpaceException(space.exhaustedReason());
            }
            readyCycle = cycle;
            return;
        }
        MappedBytes bytes = publishedBytes;
        long position = publishedPosition;
        if (bytes.mappedFile() != readyFile || position + ROOM_AHEAD > readyUpTo) {
            prepareRoom(bytes.mappedFile(), position);
        }
    }

    private void prepareRoom(MappedFile file, long position) {
        if (file != readyFile) {
            readyFile = file;
            readyUpTo = 0;
        }
        Prepared p = prepared;
        if (p != null && p.file() == file && p.upTo() > readyUpTo) {
            readyUpTo = p.upTo();
        }
        if (position + ROOM_AHEAD <= readyUpTo || populateUnsupported) {
            return;
        }
        // The pretoucher is behind (or has stopped at a full file system): populate here, in one system call.
        selfPrepared++;
        long from = Math.max(readyUpTo, position & -PAGE);
        long to = (position + SELF_PREPARE + PAGE - 1) & -PAGE;
        for (long offset = from; offset < to; ) {
            MappedBytesStore store;
            try {
                store = file.acquireByteStore(owner, offset);
            } catch (IOException e) {
                throw new JournalSpaceException(space.describe("cannot map the journal at offset " + offset + ": " + e));
            }
            long end;
            int errno;
            try {
                end = Math.max(Math.min(to, store.safeLimit()), offset + PAGE);
                errno = prefault.populateWrite(store.addressForWrite(offset), end - offset);
            } finally {
                store.release(owner);
            }
            if (errno == Prefault.EINVAL) {
                // No MADV_POPULATE_WRITE (Linux < 5.14): only the free-space threshold guards the journal then.
                populateUnsupported = true;
                return;
            }
            if (errno != 0) {
                space.cannotBack("madvise(MADV_POPULATE_WRITE) of " + file.file().getName() + " at " + offset
                        + " failed: " + Prefault.errnoName(errno));
                throw new JournalSpaceException(space.exhaustedReason());
            }
            offset = end;
            readyUpTo = end;
        }
    }

    /** Published by the pretoucher: {@code [0, upTo)} of {@code file} is populated. */
    void prepared(MappedFile file, long upTo) {
        prepared = new Prepared(file, upTo);
    }

    /** The writer's room check (null when unguarded). */
    JournalSpace space() {
        return space;
    }

    /** Times the writer populated pages itself because the pretoucher was behind. */
    public long selfPrepared() {
        return selfPrepared;
    }

    /**
     * Hands the writer to the calling thread: the receiver opens the journal on the main thread and
     * appends from the polling thread.
     */
    public void bindToCurrentThread() {
        appender.singleThreadedCheckReset();
    }


    private void publish(Bytes<?> bytes) {
        if (bytes != publishedBytes && bytes instanceof MappedBytes mapped) {
            publishedBytes = mapped;
        }
        publishedPosition = bytes.writePosition();
    }

    /**
     * Gets the next excerpt ready while the polling thread has nothing else to do (a poll brought nothing): opens it
     * ahead ({@link #openAhead(long)}) and brings the bytes it will be written to into this core's cache
     * ({@link #warmAhead()}). Both are off the path of the next packet.
     *
     * @param nowNanos the polling thread's clock ({@code System.nanoTime()})
     */
    public void prepareNext(long nowNanos) {
        openAhead(nowNanos);
        warmAhead();
    }

    /**
     * Opens the next excerpt before its first record, while the polling thread has nothing else to do: Chronicle's
     * {@code writingDocument()} (its write lock, the header's claim, the roll check) and the room check cost about
     * 0.2 µs, which otherwise fell between a packet's arrival and its commit. Called by the polling thread when a poll
     * brought nothing.
     *
     * <p>An excerpt opened ahead and left empty is rolled back after {@link #OPEN_AHEAD_NANOS}, and none is opened
     * again until records are committed (a quiet feed holds no excerpt open: a writer killed then would leave a torn
     * header and Chronicle's write lock for the next start to repair), and it is never held
     * into the last {@link #OPEN_AHEAD_ROLL_MARGIN_MILLIS} of its roll cycle, so that records always land in the
     * cycle of their time. Until a record is written to it and committed, tailers see nothing new.
     *
     * @param nowNanos the polling thread's clock ({@code System.nanoTime()})
     */
    void openAhead(long nowNanos) {
        if (open != null) {
            if (pendingRecords == 0 && nowNanos - openedAheadNanos > openAheadHoldNanos) {
                dropOpenedAhead();
                // The feed is quiet: nothing is opened ahead again until records are committed.
                openAheadAfterNanos = Long.MAX_VALUE;
            }
            return;
        }
        if (nowNanos - openAheadAfterNanos < 0 || publishedBytes == null) {
            return;
        }
        long nowMillis = queue.time().currentTimeMillis();
        long lengthMillis = queue.rollCycle().lengthInMillis();
        long cycleEndMillis = queue.epoch() + (Math.floorDiv(nowMillis - queue.epoch(), lengthMillis) + 1) * lengthMillis;
        long leftMillis = cycleEndMillis - nowMillis - OPEN_AHEAD_ROLL_MARGIN_MILLIS;
        if (leftMillis <= 0) {
            // The roll is near: the next record opens its own excerpt, in the new cycle.
            openAheadAfterNanos = nowNanos + (OPEN_AHEAD_ROLL_MARGIN_MILLIS + 1) * 1_000_000L;
            return;
        }
        openAheadHoldNanos = Math.min(OPEN_AHEAD_NANOS, leftMillis * 1_000_000L);
        openedAheadNanos = nowNanos;
        runRecord = -1;
        openExcerpt();
        if (pendingRecords > 0) {
            // A new cycle's first excerpt: its channel records go out now, and the next one is opened for the feed.
            commit();
            openExcerpt();
        }
    }

    /** Whether an excerpt opened ahead is held, with nothing written to it yet. */
    boolean heldAhead() {
        return open != null && pendingRecords == 0;
    }

    /**
     * Rolls back the excerpt {@link #openAhead(long)} opened, if nothing was written to it: the polling thread's
     * last act on the journal, so that the excerpt is released on the thread that opened it.
     */
    public void dropOpenedAhead() {
        DocumentContext dc = open;
        if (dc == null || pendingRecords > 0) {
            return;
        }
        open = null;
        runRecord = -1;
        runEnd = -1;
        partialRecordStart = -1;
        dc.rollbackOnClose();
        dc.close();
    }

    /**
     * Reads the {@link #WARM_BYTES} after the last commit into this core's cache, once per commit, so that the next
     * excerpt's stores hit lines already held rather than each waiting for its line (a packet of 44 messages writes
     * about 25). Called by the polling thread when a poll brought nothing. Only populated bytes are read: a read
     * fault on a page not yet populated would cost more than it saves.
     */
    void warmAhead() {
        long position = publishedPosition;
        if (position == warmedAt || pendingRecords > 0) {
            return;
        }
        warmedAt = position;
        MappedBytes bytes = publishedBytes;
        if (bytes == null || bytes.mappedFile() != readyFile || position + WARM_BYTES > readyUpTo
                || !(bytes.bytesStore() instanceof MappedBytesStore store) || !store.inside(position, WARM_BYTES)) {
            return;
        }
        warm.wrap(store.addressForRead(position) & -CACHE_LINE, WARM_BYTES);
        long sum = 0;
        for (int offset = 0; offset < WARM_BYTES; offset += CACHE_LINE) {
            sum += warm.getLong(offset);
        }
        warmSink = sum;
    }

    /** The mapped bytes the writer last wrote to (null before the first excerpt). */
    MappedBytes publishedBytes() {
        return publishedBytes;
    }

    /** The file offset after the writer's last excerpt. */
    long publishedPosition() {
        return publishedPosition;
    }

    /** The 10 session bytes in their wire order (big-endian), in two writes. */
    private static void writeSession(Bytes<?> bytes, Channel channel) {
        bytes.writeLong(Long.reverseBytes(channel.sessionHigh()));
        bytes.writeShort(Short.reverseBytes((short) channel.sessionLow()));
    }

    @Override
    public void close() {
        try {
            commitAfterFailure();
        } finally {
            appender.close();
            queue.close();
            writerLock.close();
        }
    }
}
