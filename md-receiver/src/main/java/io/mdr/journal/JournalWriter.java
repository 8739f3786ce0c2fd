package io.mdr.journal;

import io.mdr.feed.Channel;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Appends journal records (see {@link JournalFormat}) to a Chronicle Queue. One writer per queue, used by
 * one thread (the polling thread): Chronicle's appenders are single-threaded.
 *
 * <p>Records accumulate in one open excerpt until {@link #commit()}, which the receiver calls once per
 * {@code rx_burst}: a Chronicle excerpt costs about half a microsecond (header, index, write lock), a record
 * in an open one tens of nanoseconds. Until the commit the records are invisible to tailers.
 */
public final class JournalWriter implements AutoCloseable {
    /**
     * An excerpt is committed before it would grow past this: a burst of full-size packets fits in one, and a
     * reorder buffer's release of hundreds of held packets is spread over a few.
     */
    static final int MAX_EXCERPT_BYTES = 64 * 1024;
    /** Message records per excerpt (whose journal time is stamped at commit). */
    static final int MAX_MESSAGE_RECORDS = 256;

    static {
        // Chronicle writes integers in the machine's order, and the format is little-endian.
        if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
            throw new ExceptionInInitializerError("the journal format needs a little-endian machine");
        }
    }
    private final ChronicleQueue queue;
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
    private CommitListener commitListener = CommitListener.NONE;
    /** What the {@link JournalPretoucher} follows: the writer's mapped bytes and position after each excerpt. */
    private volatile MappedBytes publishedBytes;
    private volatile long publishedPosition;

    private JournalWriter(Path path, ChronicleQueue queue) {
        this.path = path;
        this.queue = queue;
        this.appender = queue.createAppender();
    }

    /** Opens (or creates) the queue at {@code path} with the given {@link RollCycles} name. */
    public static JournalWriter open(Path path, String rollCycle) {
        ChronicleQueue queue = SingleChronicleQueueBuilder.single(path.toFile())
                .rollCycle(rollCycle(rollCycle))
                .build();
        JournalWriter writer = new JournalWriter(path, queue);
        writer.touchCycle();
        return writer;
    }

    /**
     * Writes a metadata excerpt (tailers skip those) so that the current cycle's file exists before the
     * first packet: creating it takes tens of milliseconds, which would otherwise land on the first message.
     */
    private void touchCycle() {
        try (DocumentContext dc = appender.writingDocument(true)) {
            dc.wire().bytes().writeByte((byte) 0);
        }
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

    /** Names a channel for readers; written when a channel (or its session) first appears. */
    public void writeChannel(Channel channel) {
        byte[] name = channel.name().getBytes(StandardCharsets.UTF_8);
        int nameLength = Math.min(255, name.length);
        Bytes<?> bytes = record(JournalFormat.CHANNEL_NAME_OFFSET + nameLength);
        bytes.writeByte(JournalFormat.CHANNEL);
        bytes.writeShort((short) channel.id());
        bytes.writeByte((byte) channel.lineCount());
        writeSession(bytes, channel);
        bytes.writeByte((byte) nameLength);
        bytes.write(name, 0, nameLength);
    }

    /**
     * Journals a run of in-order messages: their MoldUDP64 blocks are copied once, from wherever they lie
     * (the mbuf, or the reorder buffer), into the mapped queue file. Visible to tailers at the next
     * {@link #commit()}.
     */
    public void writeMessages(Channel channel, int line, long firstSequence, int count,
                              DirectBuffer buffer, int blocksOffset, int blocksLength, long rxNanos) {
        if (pendingMessageRecords == MAX_MESSAGE_RECORDS) {
            commit();
        }
        Bytes<?> bytes = record(JournalFormat.MESSAGES_BLOCKS_OFFSET + blocksLength);
        // Wide writes: each Chronicle write checks bounds, so the header takes 7 of them rather than 19.
        bytes.writeInt((JournalFormat.MESSAGES & 0xFF) | (channel.id() & 0xFFFF) << 8 | (line & 0xFF) << 24);
        writeSession(bytes, channel);
        bytes.writeLong(firstSequence);
        bytes.writeLong(rxNanos);
        int pending = pendingMessageRecords++;
        pendingStampPositions[pending] = bytes.writePosition();
        pendingRxNanos[pending] = rxNanos;
        // Recovered messages are not on the multicast path: left out of rx-to-journal.
        pendingCounts[pending] = line == io.mdr.feed.Line.RECOVERY ? 0 : count;
        bytes.writeLong(0L);
        bytes.writeShort((short) count);
        byte[] array = buffer.byteArray();
        if (array != null) {
            bytes.write(array, (int) (buffer.wrapAdjustment() + blocksOffset), blocksLength);
        } else {
            bytes.ensureCapacity(bytes.writePosition() + blocksLength);
            bytes.nativeWrite(buffer.addressOffset() + blocksOffset, bytes.writePosition(), blocksLength);
            bytes.writeSkip(blocksLength);
        }
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
    }

    /** Journals the end of the channel's session. */
    public void writeEndOfSession(Channel channel, long nextSequence, long nanos) {
        Bytes<?> bytes = record(JournalFormat.EOS_LENGTH);
        bytes.writeByte(JournalFormat.END_OF_SESSION);
        bytes.writeShort((short) channel.id());
        writeSession(bytes, channel);
        bytes.writeLong(nextSequence);
        bytes.writeLong(nanos);
    }

    /**
     * Completes the open excerpt, if any: stamps its message records' journal time, commits it (tailers see
     * it from now on) and tells the {@link CommitListener} when each record's messages were committed.
     *
     * @return records committed (0 when none were pending)
     */
    public int commit() {
        DocumentContext dc = open;
        if (dc == null) {
            return 0;
        }
        int records = pendingRecords;
        int messageRecords = pendingMessageRecords;
        open = null;
        pendingRecords = 0;
        pendingMessageRecords = 0;
        Bytes<?> bytes = dc.wire().bytes();
        long journalNanos = System.nanoTime();
        for (int i = 0; i < messageRecords; i++) {
            bytes.writeLong(pendingStampPositions[i], journalNanos);
        }
        publish(bytes);
        dc.close();
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
        if (dc != null && dc.wire().bytes().writePosition() - excerptStart + maxLength > MAX_EXCERPT_BYTES) {
            commit();
            dc = null;
        }
        if (dc == null) {
            dc = appender.writingDocument();
            open = dc;
            excerptStart = dc.wire().bytes().writePosition();
        }
        pendingRecords++;
        return dc.wire().bytes();
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
        commit();
        appender.close();
        queue.close();
    }
}
